import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../shared/actor.ts';
import type { ApiKeyId, OrgId, TeamId, UserId } from '../shared/ids.ts';

export type CreatedAt = ColumnType<Date, Date | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface OrgsTable {
  org_id: OrgId;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  currency: Generated<string>;
  created_at: CreatedAt;
}

export interface TeamsTable {
  org_id: OrgId;
  id: TeamId;
  name: string;
  manager_id: UserId | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  org_id: OrgId;
  id: UserId;
  name: string;
  email: string;
  role: Role;
  team_id: TeamId | null;
  active: Generated<boolean>;
  is_machine: Generated<boolean>;
  created_at: CreatedAt;
  /** argon2id; null for machine users and people who have not set a password yet. */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  password_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ApiKeysTable {
  org_id: OrgId;
  id: ApiKeyId;
  user_id: UserId;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface PlatformTables {
  orgs: OrgsTable;
  teams: TeamsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
}
