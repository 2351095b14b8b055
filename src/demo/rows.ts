import type { ActivityDirection, ActivityOrigin, ActivityType } from '../activities/constants.ts';
import type { SlaKind, SlaOutcome } from '../handoff/handoff.tables.ts';
import type { DealOutcome, LeadStage } from '../lifecycle/constants.ts';
import type {
  AccountId,
  ActivityId,
  AssignmentId,
  CampaignId,
  DealId,
  LeadId,
  OrgId,
  SlaClockId,
  TeamId,
  TouchpointId,
  UserId,
} from '../shared/ids.ts';

// Rows exactly as they are inserted, so the loader passes them through untouched. Times
// are Dates, calendar dates 'YYYY-MM-DD' strings, money integer minor units.

export interface DemoCampaignRow {
  org_id: OrgId;
  id: CampaignId;
  name: string;
  channel: string;
  utm_campaign: string | null;
  starts_on: string | null;
  ends_on: string | null;
  budget_minor: number | null;
  currency: string;
  parent_id: CampaignId | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DemoSpendRow {
  org_id: OrgId;
  campaign_id: CampaignId;
  day: string;
  amount_minor: number;
  currency: string;
}

export interface DemoAccountRow {
  org_id: OrgId;
  id: AccountId;
  name: string;
  domain: string | null;
  industry: string | null;
  employee_count: number | null;
  country: string | null;
  owner_id: UserId | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DemoLeadRow {
  org_id: OrgId;
  id: LeadId;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  email_normalized: string | null;
  phone: string | null;
  phone_normalized: string | null;
  title: string | null;
  company_name: string | null;
  account_id: AccountId | null;
  owner_id: UserId | null;
  stage: LeadStage;
  stage_changed_at: Date;
  source_channel: string | null;
  first_campaign_id: CampaignId | null;
  score: number;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DemoTouchpointRow {
  org_id: OrgId;
  id: TouchpointId;
  lead_id: LeadId;
  type: string;
  occurred_at: Date;
  campaign_id: CampaignId | null;
  channel: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  url: string | null;
  referrer: string | null;
  created_at: Date;
}

export interface DemoLeadEventRow {
  org_id: OrgId;
  id: string;
  lead_id: LeadId;
  from_stage: LeadStage | null;
  to_stage: LeadStage;
  occurred_at: Date;
  actor_id: UserId | null;
  reason_code: string | null;
  note: string | null;
}

export interface DemoDealRow {
  org_id: OrgId;
  id: DealId;
  name: string;
  account_id: AccountId | null;
  lead_id: LeadId | null;
  owner_id: UserId | null;
  amount_minor: number;
  currency: string;
  stage: string;
  stage_changed_at: Date;
  expected_close_on: string | null;
  closed_at: Date | null;
  outcome: DealOutcome | null;
  reason_code: string | null;
  competitor: string | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DemoDealEventRow {
  org_id: OrgId;
  id: string;
  deal_id: DealId;
  from_stage: string | null;
  to_stage: string;
  occurred_at: Date;
  actor_id: UserId | null;
  reason_code: string | null;
  note: string | null;
}

export interface DemoActivityRow {
  org_id: OrgId;
  id: ActivityId;
  type: ActivityType;
  occurred_at: Date;
  subject: string | null;
  body: string | null;
  direction: ActivityDirection | null;
  origin: ActivityOrigin;
  user_id: UserId | null;
  lead_id: LeadId | null;
  deal_id: DealId | null;
  account_id: AccountId | null;
  due_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
}

export interface DemoAssignmentRow {
  org_id: OrgId;
  id: AssignmentId;
  lead_id: LeadId;
  user_id: UserId | null;
  team_id: TeamId | null;
  rule_id: null;
  rule_kind: string | null;
  reason: 'routed';
  explanation: string;
  assigned_at: Date;
  actor_id: UserId | null;
}

export interface DemoClockRow {
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

export interface DemoTargetRow {
  org_id: OrgId;
  /** The first day of the month, 'YYYY-MM-01'. */
  month: string;
  segment: string;
  mql_target: number;
  accept_rate_target: number | null;
}

/** One chunk of generated history; tables are listed in the order they must be inserted. */
export interface DemoBatch {
  campaigns: DemoCampaignRow[];
  spend: DemoSpendRow[];
  accounts: DemoAccountRow[];
  leads: DemoLeadRow[];
  touchpoints: DemoTouchpointRow[];
  leadEvents: DemoLeadEventRow[];
  deals: DemoDealRow[];
  dealEvents: DemoDealEventRow[];
  activities: DemoActivityRow[];
  assignments: DemoAssignmentRow[];
  clocks: DemoClockRow[];
  targets: DemoTargetRow[];
}

export function emptyBatch(): DemoBatch {
  return {
    campaigns: [],
    spend: [],
    accounts: [],
    leads: [],
    touchpoints: [],
    leadEvents: [],
    deals: [],
    dealEvents: [],
    activities: [],
    assignments: [],
    clocks: [],
    targets: [],
  };
}
