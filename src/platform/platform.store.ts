import type { Executor } from '../db/database.ts';
import type { Role } from '../shared/actor.ts';
import type { ApiKeyId, OrgId, TeamId, UserId } from '../shared/ids.ts';

export async function insertOrg(
  db: Executor,
  org: { orgId: OrgId; name: string; slug: string; timeZone: string; currency: string },
): Promise<void> {
  await db
    .insertInto('orgs')
    .values({ org_id: org.orgId, name: org.name, slug: org.slug, time_zone: org.timeZone, currency: org.currency })
    .execute();
}

export function findOrg(db: Executor, orgId: OrgId) {
  return db.selectFrom('orgs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export function findOrgBySlug(db: Executor, slug: string) {
  return db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertTeam(db: Executor, orgId: OrgId, team: { id: TeamId; name: string }): Promise<void> {
  await db.insertInto('teams').values({ org_id: orgId, id: team.id, name: team.name, manager_id: null }).execute();
}

export async function setTeamManager(db: Executor, orgId: OrgId, teamId: TeamId, managerId: UserId): Promise<void> {
  await db
    .updateTable('teams')
    .set({ manager_id: managerId })
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .execute();
}

export function listTeams(db: Executor, orgId: OrgId) {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).orderBy('name').execute();
}

export function findTeam(db: Executor, orgId: OrgId, teamId: TeamId) {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', '=', teamId).executeTakeFirst();
}

export interface NewUser {
  id: UserId;
  name: string;
  email: string;
  role: Role;
  teamId: TeamId | null;
  active: boolean;
  isMachine: boolean;
}

export async function insertUser(db: Executor, orgId: OrgId, user: NewUser): Promise<void> {
  await db
    .insertInto('users')
    .values({
      org_id: orgId,
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      team_id: user.teamId,
      active: user.active,
      is_machine: user.isMachine,
    })
    .execute();
}

export function findUser(db: Executor, orgId: OrgId, userId: UserId) {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

export function listUsers(db: Executor, orgId: OrgId, options: { includeMachines: boolean }) {
  let query = db.selectFrom('users').selectAll().where('org_id', '=', orgId);
  if (!options.includeMachines) query = query.where('is_machine', '=', false);
  return query.orderBy('name').orderBy('id').execute();
}

export async function insertApiKey(
  db: Executor,
  orgId: OrgId,
  key: { id: ApiKeyId; userId: UserId; name: string; prefix: string; secretHash: string },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      org_id: orgId,
      id: key.id,
      user_id: key.userId,
      name: key.name,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

/** Resolves a key hash to the acting user; only live keys of active users count. */
export function findActorByKeyHash(db: Executor, secretHash: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (join) => join.onRef('u.org_id', '=', 'k.org_id').onRef('u.id', '=', 'k.user_id'))
    .select(['k.org_id', 'k.id as key_id', 'k.last_used_at', 'u.id as user_id', 'u.role', 'u.team_id'])
    .where('k.secret_hash', '=', secretHash)
    .where('k.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function touchApiKey(db: Executor, orgId: OrgId, keyId: ApiKeyId, at: Date): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', keyId)
    .execute();
}

export function findUserByEmail(db: Executor, orgId: OrgId, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Revokes the live keys of an organisation that carry the given name; returns how many. */
export async function revokeApiKeysByName(db: Executor, orgId: OrgId, name: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether the organisation ever had a key of this name, revoked or not. */
export async function hasApiKeyNamed(db: Executor, orgId: OrgId, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('api_keys')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
