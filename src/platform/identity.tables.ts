import type { ColumnType } from 'kysely';
import type { Role } from '../shared/actor.ts';
import type { InvitationId, OrgId, SessionId, TeamId, UserId } from '../shared/ids.ts';

export interface SessionsTable {
  org_id: OrgId;
  id: SessionId;
  user_id: UserId;
  token_hash: string;
  csrf_token_hash: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  user_agent: string | null;
  ip: string | null;
}

export interface InvitationsTable {
  org_id: OrgId;
  id: InvitationId;
  email: string;
  role: Role;
  team_id: TeamId | null;
  token_hash: string;
  invited_by: UserId;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}

export const AUDIT_ACTIONS = ['insert', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Written only by the baton_audit() trigger; Baton itself only reads it. */
export interface AuditLogTable {
  org_id: OrgId;
  id: string;
  occurred_at: Date;
  actor_id: UserId | null;
  entity: string;
  entity_id: string;
  action: AuditAction;
  changes: ColumnType<Record<string, [unknown, unknown]>, never, never>;
}

export interface IdentityTables {
  sessions: SessionsTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
}
