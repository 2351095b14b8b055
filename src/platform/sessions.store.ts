import type { Executor } from '../db/database.ts';
import type { OrgId, SessionId, UserId } from '../shared/ids.ts';
import type { SessionsTable } from './identity.tables.ts';

export async function insertSession(db: Executor, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/**
 * Resolves a session token's hash to its live session and acting user. Only unrevoked,
 * unexpired sessions of active people count, so deactivating a user ends their sessions
 * at once and a role change applies to the next request.
 */
export function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) => join.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id'))
    .select([
      's.org_id',
      's.id',
      's.csrf_token_hash',
      's.created_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.role',
      'u.team_id',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .where('u.is_machine', '=', false)
    .executeTakeFirst();
}

export async function touchSession(
  db: Executor,
  orgId: OrgId,
  id: SessionId,
  seen: { at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: seen.at, expires_at: seen.expiresAt })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function revokeSession(db: Executor, orgId: OrgId, id: SessionId, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes a user's live sessions except `keep`; returns how many. */
export async function revokeUserSessions(
  db: Executor,
  orgId: OrgId,
  userId: UserId,
  at: Date,
  keep: SessionId | null,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
