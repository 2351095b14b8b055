import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../platform/platform.tables.ts';
import type { AccountId, CampaignId, DealId, LeadId, OrgId, TeamId, UserId } from '../shared/ids.ts';
import type { CustomFieldType, DealOutcome, DealStageKind, LeadStage, ReasonKind } from './constants.ts';

export type CustomValues = Record<string, string | number | boolean | null>;
export type CustomColumn = ColumnType<CustomValues, string | undefined, string>;
/** A `date` column: always a 'YYYY-MM-DD' string after driver normalisation. */
export type DateColumn = string;

export interface AccountsTable {
  org_id: OrgId;
  id: AccountId;
  name: string;
  domain: string | null;
  industry: string | null;
  employee_count: number | null;
  country: string | null;
  owner_id: UserId | null;
  external_id: string | null;
  custom: CustomColumn;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LeadsTable {
  org_id: OrgId;
  id: LeadId;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  /** The key that finds the same person again: see capture/normalize-contact.ts. */
  email_normalized: string | null;
  phone: string | null;
  /** E.164, or null when the number cannot be read (migration 0003). */
  phone_normalized: ColumnType<string | null, string | null | undefined, string | null>;
  country: ColumnType<string | null, string | null | undefined, string | null>;
  title: string | null;
  company_name: string | null;
  account_id: AccountId | null;
  owner_id: UserId | null;
  /** The team whose queue the lead is in (see migration 0002). */
  team_id: ColumnType<TeamId | null, TeamId | null | undefined, TeamId | null>;
  stage: LeadStage;
  stage_changed_at: Date;
  source_channel: string | null;
  first_campaign_id: CampaignId | null;
  score: Generated<number>;
  external_id: string | null;
  custom: CustomColumn;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** Set when this lead was merged into another (migration 0004): it is then hidden everywhere. */
  merged_into_id: ColumnType<LeadId | null, LeadId | null | undefined, LeadId | null>;
  /** The MQL definition version the lead last qualified under (migration 0009). */
  mql_version: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface StageEventColumns {
  org_id: OrgId;
  id: string;
  from_stage: string | null;
  to_stage: string;
  occurred_at: Date;
  actor_id: UserId | null;
  reason_code: string | null;
  note: string | null;
}

export interface LeadStageEventsTable extends StageEventColumns {
  lead_id: LeadId;
  from_stage: LeadStage | null;
  to_stage: LeadStage;
  /** For a move into mql: the MQL definition version that qualified the lead (migration 0009). */
  rule_version: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DealsTable {
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
  expected_close_on: DateColumn | null;
  closed_at: Date | null;
  outcome: DealOutcome | null;
  reason_code: string | null;
  competitor: string | null;
  external_id: string | null;
  custom: CustomColumn;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DealStageEventsTable extends StageEventColumns {
  deal_id: DealId;
}

export interface DealStagesTable {
  org_id: OrgId;
  key: string;
  label: string;
  kind: DealStageKind;
  position: number;
  probability: number;
}

export interface ReasonCodesTable {
  org_id: OrgId;
  kind: ReasonKind;
  code: string;
  label: string;
  active: Generated<boolean>;
  position: Generated<number>;
}

export interface CustomFieldDefsTable {
  org_id: OrgId;
  entity: 'lead' | 'account' | 'deal';
  key: string;
  label: string;
  type: CustomFieldType;
  options: JSONColumnType<string[] | null, string | null, string | null>;
}

export interface LifecycleTables {
  accounts: AccountsTable;
  leads: LeadsTable;
  lead_stage_events: LeadStageEventsTable;
  deals: DealsTable;
  deal_stage_events: DealStageEventsTable;
  deal_stages: DealStagesTable;
  reason_codes: ReasonCodesTable;
  custom_field_defs: CustomFieldDefsTable;
}
