import type { Executor } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { OrgId, UserId } from '../shared/ids.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './identity.schema.ts';
import { hashPassword } from './passwords.ts';
import { findPasswordHash, setPasswordHash } from './users.store.ts';

export function assertPasswordRules(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new AppError(
      'validation_failed',
      `${field}: a password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
      field,
    );
  }
}

// Sets a person's password (the CLI, demo seeding, tests). It hashes inside the caller's
// transaction, which is fine for those callers; request paths hash before opening one.
export async function setUserPassword(
  trx: Executor,
  orgId: OrgId,
  userId: UserId,
  password: string,
  now: Date = new Date(),
): Promise<void> {
  assertPasswordRules(password);
  const user = await findPasswordHash(trx, orgId, userId);
  if (!user || user.is_machine) throw notFound('user', userId);
  await setPasswordHash(trx, orgId, userId, await hashPassword(password), now);
}
