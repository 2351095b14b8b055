import type { ActivityDirection, ActivityOrigin, ActivityType } from '../activities/constants.ts';
import type { LeadAssignmentsTable, MarketingTargetsTable, SlaClocksTable } from '../handoff/handoff.tables.ts';
import type { DealOutcome, LeadStage } from '../lifecycle/constants.ts';
import type { AccountId, ActivityId, CampaignId, DealId, LeadId, OrgId, TouchpointId, UserId } from '../shared/ids.ts';

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

// The hand-off's rows are inserted as generated: they are the tables' own row types.
export type DemoAssignmentRow = LeadAssignmentsTable;

export type DemoClockRow = SlaClocksTable;

export type DemoTargetRow = MarketingTargetsTable;

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
