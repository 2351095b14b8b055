import type { OrgId, TeamId, UserId } from './ids.ts';

export const ROLES = ['admin', 'marketing', 'sales_manager', 'sales_rep'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: resolved once per request (or CLI command, or job) and passed down. */
export interface Actor {
  readonly orgId: OrgId;
  readonly userId: UserId;
  readonly role: Role;
  /** The user's team: it decides which leads and deals a sales role sees (see visibility.ts). */
  readonly teamId: TeamId | null;
}
