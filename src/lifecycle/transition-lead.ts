import type { Selectable } from 'kysely';
import type { Trx } from '../db/database.ts';
import { onLeadStageChanged } from '../handoff/hand-off.ts';
import { visibility } from '../platform/visibility.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type LeadId, newId } from '../shared/ids.ts';
import { createDeal } from './create-deal.ts';
import { decideLeadTransition, REASON_REQUIRED, roleLeadMoves, type TransitionVia } from './lead-transitions.ts';
import { findLead, moveLeadStage } from './leads.store.ts';
import type { Deal, Lead, LeadTransitionInput, StageEvent } from './lifecycle.schema.ts';
import type { LeadsTable } from './lifecycle.tables.ts';
import { activeReasonCodes } from './settings.store.ts';
import { toLead, toStageEvent } from './views.ts';

export interface LeadTransitionResult {
  readonly lead: Lead;
  readonly event: StageEvent;
  readonly deal: Deal | null;
}

// Moves a lead to another stage: the rule decides, then the new stage and its event are
// written together (the caller's transaction), so the stage always equals the event fold.
// `to: opportunity` converts the lead and creates its deal in the same transaction.
export async function transitionLead(
  trx: Trx,
  ctx: CommandContext,
  id: LeadId,
  input: LeadTransitionInput,
): Promise<LeadTransitionResult> {
  const lead = await findLead(trx, ctx.actor.orgId, id, { forUpdate: true, visibleTo: visibility(ctx.actor) });
  if (!lead) throw notFound('lead', id);
  const allowed = roleLeadMoves(ctx.actor.role);
  if (allowed && !allowed.some(([from, to]) => from === lead.stage && to === input.to)) {
    const moves = allowed.map(([from, to]) => `${from} -> ${to}`).join(', ');
    throw new AppError(
      'forbidden',
      `to: as ${ctx.actor.role} you may move a lead only ${moves}; accepting, rejecting and working leads is for sales`,
      'to',
    );
  }
  if (input.to === 'opportunity') {
    if (!input.deal)
      throw new AppError('validation_failed', 'deal: converting a lead to an opportunity needs a deal', 'deal');
  } else if (input.deal) {
    throw new AppError(
      'validation_failed',
      `deal: only a move to opportunity creates a deal, not a move to ${input.to}`,
      'deal',
    );
  }
  const via: TransitionVia = input.to === 'opportunity' ? 'conversion' : 'command';
  const { row, event } = await applyLeadTransition(trx, ctx, lead, input, via);
  let deal: Deal | null = null;
  if (input.deal) {
    deal = await createDeal(trx, ctx, {
      ...input.deal,
      name: input.deal.name ?? defaultDealName(lead),
      leadId: lead.id,
      accountId: input.deal.accountId ?? lead.account_id,
      ownerId: input.deal.ownerId ?? lead.owner_id,
    });
  }
  return { lead: toLead(row), event, deal };
}

/**
 * Checks and writes one lead transition; deal commands call this when a deal closes. The
 * caller holds the lead locked.
 */
export async function applyLeadTransition(
  trx: Trx,
  ctx: CommandContext,
  lead: Pick<Selectable<LeadsTable>, 'id' | 'stage' | 'stage_changed_at'>,
  input: {
    to: LeadTransitionInput['to'];
    reasonCode?: string | null | undefined;
    note?: string | null | undefined;
    occurredAt?: string | undefined;
    /**
     * For a move into mql by qualification: the lead's new score and the MQL definition
     * version it qualified under, written on the lead and (the version) in the event
     * (docs/handoff.md).
     */
    qualified?: { readonly score: number; readonly version: number } | undefined;
  },
  via: TransitionVia,
): Promise<{ row: Selectable<LeadsTable>; event: StageEvent }> {
  const { orgId } = ctx.actor;
  const kind = REASON_REQUIRED[input.to];
  const validReasonCodes = kind ? await activeReasonCodes(trx, orgId, kind) : [];
  const decision = decideLeadTransition({
    from: lead.stage,
    to: input.to,
    reasonCode: input.reasonCode,
    note: input.note,
    validReasonCodes,
    via,
  });
  if (!decision.ok) {
    const code = decision.field === 'to' ? 'invalid_transition' : 'validation_failed';
    throw new AppError(code, `${decision.field}: ${decision.message}`, decision.field);
  }
  const occurredAt = occurredAtOf(input.occurredAt, ctx.now, lead.stage_changed_at);
  const event = {
    id: newId(),
    lead_id: lead.id,
    from_stage: lead.stage,
    to_stage: input.to,
    occurred_at: occurredAt,
    actor_id: ctx.actor.userId,
    reason_code: input.reasonCode ?? null,
    note: input.note ?? null,
    rule_version: input.qualified?.version ?? null,
  };
  const { lead: row, routing } = await moveLeadStage(trx, orgId, event, input.qualified);
  const changed = await onLeadStageChanged(trx, ctx, {
    leadId: lead.id,
    from: lead.stage,
    to: input.to,
    reasonCode: input.reasonCode ?? null,
    note: input.note ?? null,
    at: occurredAt,
    routing,
  });
  // The hand-off may have changed the lead (routing sets its owner, recycling clears it).
  return { row: changed ?? row, event: toStageEvent({ ...event, org_id: orgId }) };
}

// A client may back-date a transition (a rep logging yesterday's call), but never into
// the future and never before the previous stage change, so event order is time order.
export function occurredAtOf(requested: string | undefined, now: Date, previous: Date): Date {
  if (requested === undefined) return now;
  const at = new Date(requested);
  if (at.getTime() > now.getTime()) {
    throw new AppError('validation_failed', 'occurredAt: a transition cannot happen in the future', 'occurredAt');
  }
  if (at.getTime() < previous.getTime()) {
    throw new AppError(
      'validation_failed',
      `occurredAt: must not be before the previous stage change (${previous.toISOString()})`,
      'occurredAt',
    );
  }
  return at;
}

function defaultDealName(lead: Selectable<LeadsTable>): string {
  const person = [lead.first_name, lead.last_name].filter(Boolean).join(' ');
  return lead.company_name ?? (person || lead.email || 'New deal');
}
