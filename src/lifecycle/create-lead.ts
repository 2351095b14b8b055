import { normalizeEmail, normalizePhone } from '../capture/normalize-contact.ts';
import type { Trx } from '../db/database.ts';
import { qualifiedRow, qualifyLead } from '../handoff/qualify-lead.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type LeadId, newId } from '../shared/ids.ts';
import { assertCustomValues } from './assert-custom-values.ts';
import { assertMayAssign, queueTeamOf, withDefaultAssignment } from './lead-assignment.ts';
import { findLeadByExternalId, insertLead, insertLeadEvent } from './leads.store.ts';
import type { Lead, LeadCreate } from './lifecycle.schema.ts';
import { assertReferences } from './references.store.ts';
import { toLead } from './views.ts';

export interface LeadWriteOptions {
  /**
   * False when the caller qualifies the lead itself after further changes: an ingest
   * records the touch first, and recording it qualifies the lead once.
   */
  readonly qualify?: boolean;
}

// A new lead enters the waterfall as an inquiry, and that entry is its first stage event.
// Then it is scored and, if it meets the MQL definition, qualified (docs/handoff.md).
export async function createLead(
  trx: Trx,
  ctx: CommandContext,
  request: LeadCreate,
  options: LeadWriteOptions = {},
): Promise<Lead> {
  const { orgId } = ctx.actor;
  const input = withDefaultAssignment(ctx.actor, request);
  assertMayAssign(ctx.actor, input);
  const { ownerTeamId } = await assertReferences(trx, orgId, input);
  if (input.custom) await assertCustomValues(trx, ctx, input.custom);
  if (input.externalId && (await findLeadByExternalId(trx, orgId, input.externalId))) {
    throw new AppError(
      'conflict',
      `externalId: a lead with external id ${input.externalId} already exists`,
      'externalId',
    );
  }
  const id = newId<LeadId>();
  const row = await insertLead(trx, orgId, {
    id,
    first_name: input.firstName ?? null,
    last_name: input.lastName ?? null,
    email: input.email ?? null,
    email_normalized: normalizeEmail(input.email)?.normalized ?? null,
    phone: input.phone ?? null,
    phone_normalized: normalizePhone(input.phone, input.country ?? undefined),
    title: input.title ?? null,
    company_name: input.companyName ?? null,
    country: input.country ?? null,
    account_id: input.accountId ?? null,
    owner_id: input.ownerId ?? null,
    team_id: queueTeamOf(input, ownerTeamId, null),
    stage: 'inquiry',
    stage_changed_at: ctx.now,
    source_channel: input.sourceChannel ?? null,
    first_campaign_id: input.firstCampaignId ?? null,
    score: 0,
    external_id: input.externalId ?? null,
    custom: JSON.stringify(input.custom ?? {}),
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await insertLeadEvent(trx, orgId, {
    id: newId(),
    lead_id: id,
    from_stage: null,
    to_stage: 'inquiry',
    occurred_at: ctx.now,
    actor_id: ctx.actor.userId,
    reason_code: null,
    note: null,
  });
  if (options.qualify === false) return toLead(row);
  return toLead(qualifiedRow(row, await qualifyLead(trx, ctx, id)));
}
