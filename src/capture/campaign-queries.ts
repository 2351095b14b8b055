import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { CampaignId, OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { findCampaign, listCampaignRows, listSpendRows } from './campaigns.store.ts';
import type { Campaign, CampaignListQuery, SpendDay, SpendList, SpendQuery } from './capture.schema.ts';
import type { CampaignSpendTable, CampaignsTable } from './capture.tables.ts';

export async function getCampaign(db: Executor, orgId: OrgId, id: CampaignId): Promise<Campaign> {
  const row = await findCampaign(db, orgId, id);
  if (!row) throw notFound('campaign', id);
  return toCampaign(row);
}

export async function listCampaigns(db: Executor, orgId: OrgId, query: CampaignListQuery): Promise<Page<Campaign>> {
  const rows = await listCampaignRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toCampaign);
}

// Spend is always in the campaign's currency (put-campaign-spend.ts refuses others), so the
// days add up to one total.
export async function getCampaignSpend(
  db: Executor,
  orgId: OrgId,
  id: CampaignId,
  range: SpendQuery,
): Promise<SpendList> {
  if (range.from && range.to && range.to < range.from) {
    throw new AppError('validation_failed', `to: ${range.to} is before from (${range.from})`, 'to');
  }
  const campaign = await findCampaign(db, orgId, id);
  if (!campaign) throw notFound('campaign', id);
  const items = (await listSpendRows(db, orgId, id, range)).map(toSpendDay);
  const amountMinor = items.reduce((sum, d) => sum + d.amountMinor, 0);
  return { campaignId: id, items, total: { amountMinor, currency: campaign.currency } };
}

export function toCampaign(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    utmCampaign: row.utm_campaign,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    budgetMinor: row.budget_minor,
    currency: row.currency,
    parentId: row.parent_id,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toSpendDay(row: Selectable<CampaignSpendTable>): SpendDay {
  return { day: row.day, amountMinor: row.amount_minor, currency: row.currency };
}
