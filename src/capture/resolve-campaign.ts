import type { Trx } from '../db/database.ts';
import { getOrg } from '../platform/platform-queries.ts';
import type { CommandContext } from '../shared/context.ts';
import { type CampaignId, newId } from '../shared/ids.ts';
import { findCampaignByUtm, insertCampaignUnlessUtmTaken } from './campaigns.store.ts';
import type { Channel } from './constants.ts';

const MAX_NAME = 200;

// The campaign a utm_campaign value stands for, matched without case. An unknown value
// creates the campaign, named after it, in the channel its first touch derived and the
// organisation's currency, so spend and results can be attached to it later. Race-safe:
// a concurrent insert of the same value waits for the first and then finds its row.
export async function resolveCampaign(
  trx: Trx,
  ctx: CommandContext,
  utmCampaign: string,
  channel: Channel,
): Promise<CampaignId> {
  const { orgId } = ctx.actor;
  const existing = await findCampaignByUtm(trx, orgId, utmCampaign);
  if (existing) return existing.id;
  const { currency } = await getOrg(trx, orgId);
  const inserted = await insertCampaignUnlessUtmTaken(trx, orgId, {
    id: newId<CampaignId>(),
    name: utmCampaign.slice(0, MAX_NAME),
    channel,
    utm_campaign: utmCampaign,
    starts_on: null,
    ends_on: null,
    budget_minor: null,
    currency,
    parent_id: null,
    external_id: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  if (inserted) return inserted.id;
  const winner = await findCampaignByUtm(trx, orgId, utmCampaign);
  if (!winner) throw new Error(`campaign ${utmCampaign} vanished after a conflicting insert`);
  return winner.id;
}
