import { setAuditActor } from '../db/audit.ts';
import type { Db, Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type InvitationId, newId } from '../shared/ids.ts';
import { createUser } from './create-user.ts';
import type { InvitationAccept, InvitationCreate, InvitationCreated } from './identity.schema.ts';
import { findInvitationByTokenHash, insertInvitation, markInvitationAccepted } from './invitations.store.ts';
import { hashPassword } from './passwords.ts';
import { findTeam, findUserByEmail } from './platform.store.ts';
import { hashToken, newToken } from './session-tokens.ts';
import { type SessionStart, type StartedSession, startSession } from './sign-in.ts';
import { setPasswordHash } from './users.store.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

// An invitation is a one-time link: its token is returned once, stored as a hash, and
// makes a user with the role the admin chose when the invitee picks a name and password.
export async function createInvitation(
  trx: Trx,
  ctx: CommandContext,
  input: InvitationCreate,
): Promise<InvitationCreated> {
  const { orgId } = ctx.actor;
  if (input.teamId && !(await findTeam(trx, orgId, input.teamId))) {
    throw new AppError('validation_failed', `teamId: team ${input.teamId} was not found`, 'teamId');
  }
  if (await findUserByEmail(trx, orgId, input.email)) {
    throw new AppError('conflict', `email: a user with e-mail ${input.email} already exists`, 'email');
  }
  const token = newToken();
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_TTL_MS);
  await insertInvitation(trx, {
    org_id: orgId,
    id: newId<InvitationId>(ctx.now.getTime()),
    email: input.email,
    role: input.role,
    team_id: input.teamId ?? null,
    token_hash: hashToken(token),
    invited_by: ctx.actor.userId,
    created_at: ctx.now,
    expires_at: expiresAt,
    accepted_at: null,
  });
  return { url: `/invite/${token}`, expiresAt: expiresAt.toISOString() };
}

// Accepting creates the user and signs them in. The audit log credits the admin who sent
// the invitation: they chose the role this person gets.
export async function acceptInvitation(db: Db, input: InvitationAccept, start: SessionStart): Promise<StartedSession> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const invitation = await findInvitationByTokenHash(trx, hashToken(input.token));
    if (!invitation || invitation.accepted_at || invitation.expires_at.getTime() <= start.now.getTime()) {
      throw new AppError('not_found', 'token: this invitation does not exist, was used, or has expired', 'token');
    }
    const orgId = invitation.org_id;
    await setAuditActor(trx, invitation.invited_by);
    const userId = await createUser(trx, orgId, {
      name: input.name,
      email: invitation.email,
      role: invitation.role,
      teamId: invitation.team_id,
    });
    await setPasswordHash(trx, orgId, userId, passwordHash, start.now);
    await markInvitationAccepted(trx, orgId, invitation.id, start.now);
    return startSession(trx, orgId, userId, start);
  });
}
