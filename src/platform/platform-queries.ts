import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { OrgId } from '../shared/ids.ts';
import { type ApiKeyRow, listApiKeyRows } from './api-keys.store.ts';
import type { ApiKey, Me, Org, Team, User } from './platform.schema.ts';
import { findOrg, findUser, listTeams, listUsers } from './platform.store.ts';
import type { TeamsTable, UsersTable } from './platform.tables.ts';

/** The organisation's name and defaults; other features read the default currency here. */
export async function getOrg(db: Executor, orgId: OrgId): Promise<Org> {
  const row = await findOrg(db, orgId);
  if (!row) throw notFound('organisation', orgId);
  return { id: row.org_id, name: row.name, slug: row.slug, timeZone: row.time_zone, currency: row.currency };
}

/** Who the actor is; `csrfToken` is included for callers signed in with a session cookie. */
export async function getMe(
  db: Executor,
  actor: Pick<Actor, 'orgId' | 'userId'>,
  csrfToken: string | null = null,
): Promise<Me> {
  const org = await getOrg(db, actor.orgId);
  const user = await findUser(db, actor.orgId, actor.userId);
  if (!user) throw notFound('user', actor.userId);
  return {
    org,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.team_id },
    ...(csrfToken ? { csrfToken } : {}),
  };
}

// People only: the machine users behind API keys appear in the key list instead.
export async function getUsers(db: Executor, orgId: OrgId): Promise<{ items: User[] }> {
  return { items: (await listUsers(db, orgId, { includeMachines: false })).map(toUser) };
}

export async function getTeams(db: Executor, orgId: OrgId): Promise<{ items: Team[] }> {
  return { items: (await listTeams(db, orgId)).map(toTeam) };
}

export async function getApiKeys(db: Executor, orgId: OrgId): Promise<{ items: ApiKey[] }> {
  return { items: (await listApiKeyRows(db, orgId)).map(toApiKey) };
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    teamId: row.team_id,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

export function toTeam(row: Selectable<TeamsTable>): Team {
  return { id: row.id, name: row.name, managerId: row.manager_id, createdAt: row.created_at.toISOString() };
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    user: { id: row.user_id, name: row.user_name, machine: row.is_machine },
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
