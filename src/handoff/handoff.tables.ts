import type { ColumnType, JSONColumnType } from 'kysely';
import type { DateColumn } from '../lifecycle/lifecycle.tables.ts';
import type { CreatedAt } from '../platform/platform.tables.ts';
import type {
  AssignmentId,
  JobId,
  LeadId,
  NotificationId,
  OrgId,
  RoutingRuleId,
  SlaClockId,
  TeamId,
  UserId,
} from '../shared/ids.ts';
import type { RoundRobinState, TerritoryMatch } from './routing.ts';
import type { WorkCalendar } from './work-calendar.ts';

// The hand-off's tables (migration 0009; the model is described in docs/handoff.md).

/** `numeric` columns arrive as numbers (see db/connect.ts). */
type Hours = ColumnType<number, number | undefined, number>;

export interface HandoffSettingsTable {
  org_id: OrgId;
  accept_sla_hours: Hours;
  first_activity_sla_hours: Hours;
  calendar: JSONColumnType<WorkCalendar>;
  routing_state: ColumnType<RoundRobinState, string | undefined, string>;
  auto_qualify: ColumnType<boolean, boolean | undefined, boolean>;
  /** Bumped whenever someone's open MQLs are re-routed because they left sales (migration 0010). */
  staffing_version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface MqlDefinitionsTable {
  org_id: OrgId;
  version: number;
  score_threshold: number;
  required_fields: ColumnType<string[], string[] | undefined, string[]>;
  /** MqlCondition[] (src/handoff/mql-definition.ts). */
  conditions: JSONColumnType<unknown[]>;
  /** ScoringRule[] (src/handoff/scoring.ts). */
  scoring_rules: JSONColumnType<unknown[]>;
  score_half_life_days: ColumnType<number, number | undefined, number>;
  created_by: UserId | null;
  created_at: CreatedAt;
}

export interface RoutingRulesTable {
  org_id: OrgId;
  id: RoutingRuleId;
  position: number;
  kind: 'account_owner' | 'territory' | 'round_robin' | 'fallback_queue';
  name: string;
  match: JSONColumnType<TerritoryMatch>;
  team_id: TeamId | null;
  created_at: CreatedAt;
}

export interface RoutingRepsTable {
  org_id: OrgId;
  user_id: UserId;
  weight: ColumnType<number, number | undefined, number>;
  capacity: number | null;
  out_of_office_until: Date | null;
}

export const ASSIGNMENT_REASONS = [
  'routed',
  'reassigned_inactive',
  'manual',
  'all_at_capacity',
  'no_available_rep',
  'fallback_queue',
  'no_rule_matched',
] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

export interface LeadAssignmentsTable {
  org_id: OrgId;
  id: AssignmentId;
  lead_id: LeadId;
  user_id: UserId | null;
  team_id: TeamId | null;
  rule_id: RoutingRuleId | null;
  rule_kind: string | null;
  reason: AssignmentReason;
  explanation: string;
  assigned_at: Date;
  actor_id: UserId | null;
}

export const SLA_KINDS = ['accept', 'first_activity'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];
export const SLA_OUTCOMES = ['accepted', 'rejected', 'recycled', 'activity', 'reassigned', 'closed'] as const;
export type SlaOutcome = (typeof SLA_OUTCOMES)[number];

export interface SlaClocksTable {
  org_id: OrgId;
  id: SlaClockId;
  lead_id: LeadId;
  kind: SlaKind;
  owner_id: UserId | null;
  team_id: TeamId | null;
  sla_hours: number;
  started_at: Date;
  due_at: Date;
  stopped_at: Date | null;
  outcome: SlaOutcome | null;
  business_minutes: number | null;
  warned_at: Date | null;
  breached_at: Date | null;
  escalated_to: UserId | null;
}

export interface JobsTable {
  org_id: OrgId;
  id: JobId;
  kind: string;
  run_at: Date;
  payload: JSONColumnType<Record<string, unknown>>;
  dedupe_key: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_error: string | null;
  done_at: Date | null;
  created_at: CreatedAt;
}

export const NOTIFICATION_KINDS = [
  'lead_assigned',
  'sla_due_soon',
  'sla_breached',
  'sla_escalated',
  'lead_rejected',
  'lead_recycled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationsTable {
  org_id: OrgId;
  id: NotificationId;
  user_id: UserId;
  kind: NotificationKind;
  lead_id: LeadId | null;
  title: string;
  body: string;
  dedupe_key: string | null;
  created_at: Date;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface MarketingTargetsTable {
  org_id: OrgId;
  /** First day of the month. */
  month: DateColumn;
  /** 'all', or a source channel. */
  segment: string;
  mql_target: number;
  accept_rate_target: number | null;
}

export interface HandoffTables {
  handoff_settings: HandoffSettingsTable;
  mql_definitions: MqlDefinitionsTable;
  routing_rules: RoutingRulesTable;
  routing_reps: RoutingRepsTable;
  lead_assignments: LeadAssignmentsTable;
  sla_clocks: SlaClocksTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  marketing_targets: MarketingTargetsTable;
}
