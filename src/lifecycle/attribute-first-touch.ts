import type { Trx } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { CampaignId, LeadId } from '../shared/ids.ts';
import { findLead, type LeadPatch, updateLeadRow } from './leads.store.ts';
import type { Lead } from './lifecycle.schema.ts';
import { toLead } from './views.ts';

export interface Touch {
  readonly campaignId: CampaignId | null;
  readonly channel: string | null;
}

// Capture calls this for every touch it records. A lead's source channel and first campaign
// are set once, from the first touch that carries them, and never overwritten: they answer
// "where did this lead come from?" and must not drift as later touches arrive. It also
// locks the lead, so the touch is recorded against a lead that exists in the org.
export async function attributeFirstTouch(trx: Trx, ctx: CommandContext, leadId: LeadId, touch: Touch): Promise<Lead> {
  const { orgId } = ctx.actor;
  const lead = await findLead(trx, orgId, leadId, { forUpdate: true });
  if (!lead) throw notFound('lead', leadId);
  const patch: LeadPatch = {};
  if (lead.first_campaign_id === null && touch.campaignId) patch.first_campaign_id = touch.campaignId;
  if (lead.source_channel === null && touch.channel) patch.source_channel = touch.channel;
  if (Object.keys(patch).length === 0) return toLead(lead);
  return toLead(await updateLeadRow(trx, orgId, leadId, { ...patch, updated_at: ctx.now }));
}
