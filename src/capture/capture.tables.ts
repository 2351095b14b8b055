import type { ColumnType, JSONColumnType } from 'kysely';
import type { DateColumn } from '../lifecycle/lifecycle.tables.ts';
import type { CreatedAt, UpdatedAt } from '../platform/platform.tables.ts';
import type { CampaignId, FormId, LeadId, OrgId, TouchpointId, UserId } from '../shared/ids.ts';
import type { Channel, MergeField } from './constants.ts';
import type { FormField } from './forms.schema.ts';
import type { ColumnValues } from './merge-fields.ts';

export interface CampaignsTable {
  org_id: OrgId;
  id: CampaignId;
  name: string;
  channel: string;
  utm_campaign: string | null;
  starts_on: DateColumn | null;
  ends_on: DateColumn | null;
  budget_minor: number | null;
  currency: string;
  parent_id: CampaignId | null;
  external_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CampaignSpendTable {
  org_id: OrgId;
  campaign_id: CampaignId;
  day: DateColumn;
  amount_minor: number;
  currency: string;
}

export interface TouchpointsTable {
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
  created_at: CreatedAt;
}

export interface ChannelOverridesTable {
  org_id: OrgId;
  position: number;
  source: string | null;
  medium: string | null;
  campaign_pattern: string | null;
  channel: Channel;
}

export interface IdempotencyKeysTable {
  org_id: OrgId;
  key: string;
  request_hash: string;
  /** Null while the first request holding the key is still running. */
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Date;
}

export interface FormsTable {
  org_id: OrgId;
  id: FormId;
  key: string;
  name: string;
  fields: JSONColumnType<FormField[], string, string>;
  campaign_id: CampaignId | null;
  redirect_url: string | null;
  honeypot_field: string | null;
  active: boolean;
  /** The machine user that submissions act as, so every event they write names an actor. */
  actor_id: UserId;
  created_at: Date;
  updated_at: Date;
}

/** What a merge changed, so an undo can put it back (see merge-leads.ts). */
export interface MergeSnapshot {
  /** The merged lead's row as it was before the merge. */
  readonly merged: Record<string, unknown>;
  /** Both leads' updated_at before the merge, as PostgreSQL prints them (microseconds kept). */
  readonly survivorUpdatedAt: string;
  readonly mergedUpdatedAt: string;
  readonly filledFields: MergeField[];
  /** The survivor's changed columns before and after the merge. */
  readonly before: ColumnValues;
  readonly after: ColumnValues;
  /** The ids of the child rows that moved from the merged lead to the survivor. */
  readonly moved: { readonly touchpoints: string[]; readonly activities: string[]; readonly deals: string[] };
}

export interface LeadMergesTable {
  org_id: OrgId;
  id: string;
  survivor_id: LeadId;
  merged_id: LeadId;
  merged_at: Date;
  merged_by: UserId;
  undone_at: Date | null;
  undone_by: UserId | null;
  snapshot: JSONColumnType<MergeSnapshot, string, string>;
}

export interface CaptureTables {
  campaigns: CampaignsTable;
  campaign_spend: CampaignSpendTable;
  touchpoints: TouchpointsTable;
  channel_overrides: ChannelOverridesTable;
  idempotency_keys: IdempotencyKeysTable;
  forms: FormsTable;
  lead_merges: LeadMergesTable;
}
