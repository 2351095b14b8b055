import type { Trx } from '../db/database.ts';
import { qualifyLead } from '../handoff/qualify-lead.ts';
import { attributeFirstTouch } from '../lifecycle/attribute-first-touch.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type LeadId, newId, type TouchpointId } from '../shared/ids.ts';
import { findCampaign } from './campaigns.store.ts';
import type { Touchpoint, TouchpointCreate } from './capture.schema.ts';
import { toTouchpoint } from './touchpoint-queries.ts';
import { insertTouchpoint } from './touchpoints.store.ts';

// Records one marketing touch on a lead. The lead's first campaign and source channel are
// filled from it when still empty (see attribute-first-touch.ts), and the lead is scored
// and qualified again with the new touch (docs/handoff.md).
export async function recordTouchpoint(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  input: TouchpointCreate,
): Promise<Touchpoint> {
  const { orgId } = ctx.actor;
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > ctx.now.getTime()) {
    throw new AppError('validation_failed', 'occurredAt: a touch cannot happen in the future', 'occurredAt');
  }
  let channel: string | null = input.channel ?? null;
  if (input.campaignId) {
    const campaign = await findCampaign(trx, orgId, input.campaignId);
    if (!campaign) {
      throw new AppError('validation_failed', `campaignId: campaign ${input.campaignId} was not found`, 'campaignId');
    }
    channel ??= campaign.channel;
  }
  const campaignId = input.campaignId ?? null;
  await attributeFirstTouch(trx, ctx, leadId, { campaignId, channel });
  const row = await insertTouchpoint(trx, orgId, {
    id: newId<TouchpointId>(),
    lead_id: leadId,
    type: input.type,
    occurred_at: occurredAt,
    campaign_id: campaignId,
    channel,
    utm_source: input.utmSource ?? null,
    utm_medium: input.utmMedium ?? null,
    utm_campaign: input.utmCampaign ?? null,
    utm_term: input.utmTerm ?? null,
    utm_content: input.utmContent ?? null,
    url: input.url ?? null,
    referrer: input.referrer ?? null,
    created_at: ctx.now,
  });
  await qualifyLead(trx, ctx, leadId);
  return toTouchpoint(row);
}
