import type { Trx } from '../../db/database.ts';
import { getOrg } from '../../platform/platform-queries.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type CampaignId, type LeadId, newId } from '../../shared/ids.ts';
import type { Channel } from '../constants.ts';
import { findCampaignsByUtm, insertCampaigns } from './import.store.ts';

// What imported touches link to, shared by the importers that write touchpoints.

// Campaigns named by utm_campaign (without case), created in their first touch's channel
// and the organisation's currency when new, as ingest creates them (resolve-campaign.ts).
// Lower-cased utm_campaign → campaign.
export async function ensureUtmCampaigns(
  trx: Trx,
  ctx: CommandContext,
  wanted: ReadonlyMap<string, Channel>,
): Promise<Map<string, CampaignId>> {
  const { orgId } = ctx.actor;
  const utms = [...wanted.keys()];
  const found = new Map((await findCampaignsByUtm(trx, orgId, utms)).map((c) => [c.utm, c.id]));
  const missing = utms.filter((u) => !found.has(u));
  if (missing.length === 0) return found;
  const { currency } = await getOrg(trx, orgId);
  await insertCampaigns(
    trx,
    orgId,
    missing.map((utm) => ({
      id: newId<CampaignId>(),
      utm,
      channel: wanted.get(utm) ?? 'unassigned',
      currency,
      at: ctx.now,
    })),
  );
  return new Map((await findCampaignsByUtm(trx, orgId, utms)).map((c) => [c.utm, c.id]));
}

/** The same touch: lead, type, time and URL, in the form findTouchKeys (import.store.ts) reads them back. */
export function touchKey(leadId: LeadId, type: string, occurredAt: Date, url: string | null): string {
  return `${leadId}|${type}|${occurredAt.getTime()}|${url ?? ''}`;
}
