import type { Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgId, UserId } from '../shared/ids.ts';
import type { UsersTable } from './platform.tables.ts';

export type UserPatch = Pick<Updateable<UsersTable>, 'name' | 'role' | 'team_id' | 'active'>;

export function findUserForUpdate(db: Executor, orgId: OrgId, id: UserId) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateUserRow(db: Executor, orgId: OrgId, id: UserId, patch: UserPatch) {
  return db
    .updateTable('users')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Admins other than `except` who can still administer: active people, and active machine
 * users that have a live key. A machine admin whose keys are all revoked cannot act.
 */
export async function countOtherActiveAdmins(db: Executor, orgId: OrgId, except: UserId): Promise<number> {
  const row = await db
    .selectFrom('users as u')
    .select(db.fn.countAll<number>().as('n'))
    .where('u.org_id', '=', orgId)
    .where('u.role', '=', 'admin')
    .where('u.active', '=', true)
    .where('u.id', '!=', except)
    .where((eb) =>
      eb.or([
        eb('u.is_machine', '=', false),
        eb.exists(
          eb
            .selectFrom('api_keys as k')
            .select('k.id')
            .whereRef('k.org_id', '=', 'u.org_id')
            .whereRef('k.user_id', '=', 'u.id')
            .where('k.revoked_at', 'is', null),
        ),
      ]),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The people who may sign in with this e-mail address, in every organisation: sign-in
 * knows no organisation yet. This is the one query on users that does not start with
 * org_id; users_email_lookup_idx serves it.
 */
export function findSignInCandidates(db: Executor, email: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.org_id', 'u.org_id')
    .select(['u.org_id', 'u.id', 'u.password_hash', 'o.slug'])
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email.toLowerCase()))
    .where('u.active', '=', true)
    .where('u.is_machine', '=', false)
    .where('u.password_hash', 'is not', null)
    .orderBy('o.slug')
    .execute();
}

export function findPasswordHash(db: Executor, orgId: OrgId, id: UserId) {
  return db
    .selectFrom('users')
    .select(['password_hash', 'is_machine'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setPasswordHash(
  db: Executor,
  orgId: OrgId,
  id: UserId,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
