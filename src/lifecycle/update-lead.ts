import { normalizeEmail, normalizePhone } from '../capture/normalize-contact.ts';
import type { Trx } from '../db/database.ts';
import { onLeadOwnerChanged } from '../handoff/hand-off.ts';
import { qualifiedRow, qualifyLead } from '../handoff/qualify-lead.ts';
import { visibility } from '../platform/visibility.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { LeadId } from '../shared/ids.ts';
import { assertCustomValues } from './assert-custom-values.ts';
import type { LeadWriteOptions } from './create-lead.ts';
import { assertMayAssign, queueTeamOf } from './lead-assignment.ts';
import { findLead, type LeadPatch, updateLeadRow } from './leads.store.ts';
import type { Lead, LeadUpdate } from './lifecycle.schema.ts';
import { assertReferences } from './references.store.ts';
import { toLead } from './views.ts';

// Updates the fields a client sent; absent fields stay as they are. The stage is not a
// field here: it changes only through a transition, which records why; nor is the score,
// which qualification recomputes after every update (docs/handoff.md).
export async function updateLead(
  trx: Trx,
  ctx: CommandContext,
  id: LeadId,
  input: LeadUpdate,
  options: LeadWriteOptions = {},
): Promise<Lead> {
  const { orgId } = ctx.actor;
  const current = await findLead(trx, orgId, id, { forUpdate: true, visibleTo: visibility(ctx.actor) });
  if (!current) throw notFound('lead', id);
  assertMayAssign(ctx.actor, input);
  const { ownerTeamId } = await assertReferences(trx, orgId, input);
  if (input.custom) await assertCustomValues(trx, ctx, input.custom);
  const patch: LeadPatch = { updated_at: ctx.now };
  if (input.firstName !== undefined) patch.first_name = input.firstName;
  if (input.lastName !== undefined) patch.last_name = input.lastName;
  if (input.email !== undefined) {
    patch.email = input.email;
    patch.email_normalized = normalizeEmail(input.email)?.normalized ?? null;
  }
  // The country decides how a national number reads, so either change re-normalises the phone.
  if (input.phone !== undefined || input.country !== undefined) {
    const phone = input.phone === undefined ? current.phone : input.phone;
    const country = input.country === undefined ? current.country : input.country;
    if (input.phone !== undefined) patch.phone = input.phone;
    if (input.country !== undefined) patch.country = input.country;
    patch.phone_normalized = normalizePhone(phone, country ?? undefined);
  }
  if (input.title !== undefined) patch.title = input.title;
  if (input.companyName !== undefined) patch.company_name = input.companyName;
  if (input.accountId !== undefined) patch.account_id = input.accountId;
  if (input.ownerId !== undefined) patch.owner_id = input.ownerId;
  if (input.ownerId !== undefined || input.teamId !== undefined) {
    patch.team_id = queueTeamOf(input, ownerTeamId, current.team_id);
  }
  if (input.sourceChannel !== undefined) patch.source_channel = input.sourceChannel;
  if (input.firstCampaignId !== undefined) patch.first_campaign_id = input.firstCampaignId;
  if (input.externalId !== undefined) patch.external_id = input.externalId;
  // Custom values merge key by key; a null value clears one key.
  if (input.custom !== undefined) patch.custom = JSON.stringify({ ...current.custom, ...input.custom });
  const row = await updateLeadRow(trx, orgId, id, patch);
  if (row.owner_id !== current.owner_id) {
    await onLeadOwnerChanged(trx, ctx, { leadId: id, from: current.owner_id, to: row.owner_id, teamId: row.team_id });
  }
  if (options.qualify === false) return toLead(row);
  return toLead(qualifiedRow(row, await qualifyLead(trx, ctx, id)));
}
