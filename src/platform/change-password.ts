import { setAuditActor } from '../db/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { SessionId } from '../shared/ids.ts';
import type { PasswordChange } from './identity.schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { revokeUserSessions } from './sessions.store.ts';
import { findPasswordHash, setPasswordHash } from './users.store.ts';

// Changes the caller's own password and signs out their other sessions (the one making
// the change stays). Hashing happens before the short write transaction.
export async function changePassword(
  db: Db,
  ctx: CommandContext,
  currentSession: SessionId | null,
  input: PasswordChange,
): Promise<void> {
  const { orgId, userId } = ctx.actor;
  const user = await findPasswordHash(db, orgId, userId);
  if (!user?.password_hash) {
    throw new AppError(
      'validation_failed',
      'currentPassword: this account has no password (API keys and new accounts); an admin sets one',
      'currentPassword',
    );
  }
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', 'currentPassword: this is not your current password', 'currentPassword');
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation_failed', 'newPassword: choose a password other than the current one', 'newPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await setAuditActor(trx, userId);
    await setPasswordHash(trx, orgId, userId, passwordHash, ctx.now);
    await revokeUserSessions(trx, orgId, userId, ctx.now, currentSession);
  });
}
