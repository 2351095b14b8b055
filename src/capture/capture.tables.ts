import type { DateColumn } from '../lifecycle/lifecycle.tables.ts';
import type { CreatedAt, UpdatedAt } from '../platform/platform.tables.ts';
import type { CampaignId, LeadId, OrgId, TouchpointId } from '../shared/ids.ts';

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

export interface CaptureTables {
  campaigns: CampaignsTable;
  campaign_spend: CampaignSpendTable;
  touchpoints: TouchpointsTable;
}
