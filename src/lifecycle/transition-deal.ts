import type { Trx } from '../db/database.ts';
import { visibility } from '../platform/visibility.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type DealId, newId } from '../shared/ids.ts';
import { decideDealTransition } from './deal-transitions.ts';
import { countOpenDealsOfLead, findDeal, insertDealEvent, updateDealRow } from './deals.store.ts';
import { findLead } from './leads.store.ts';
import type { Deal, DealTransitionInput, Lead, StageEvent } from './lifecycle.schema.ts';
import { activeReasonCodes, listDealStages } from './settings.store.ts';
import { applyLeadTransition, occurredAtOf } from './transition-lead.ts';
import { toDeal, toLead, toStageEvent } from './views.ts';

export interface DealTransitionResult {
  readonly deal: Deal;
  readonly event: StageEvent;
  readonly lead: Lead | null;
}

// Moves a deal through the org's stage list. Closing it records the outcome and moves its
// primary lead, if that lead is an opportunity, to won or lost with the same reason.
export async function transitionDeal(
  trx: Trx,
  ctx: CommandContext,
  id: DealId,
  input: DealTransitionInput,
): Promise<DealTransitionResult> {
  const { orgId } = ctx.actor;
  const deal = await findDeal(trx, orgId, id, { forUpdate: true, visibleTo: visibility(ctx.actor) });
  if (!deal) throw notFound('deal', id);
  const [stages, validLossCodes, validWinCodes] = [
    await listDealStages(trx, orgId),
    await activeReasonCodes(trx, orgId, 'loss'),
    await activeReasonCodes(trx, orgId, 'win'),
  ];
  const decision = decideDealTransition({
    stages,
    from: deal.stage,
    to: input.to,
    reasonCode: input.reasonCode,
    validLossCodes,
    validWinCodes,
  });
  if (!decision.ok) {
    const code = decision.field === 'to' ? 'invalid_transition' : 'validation_failed';
    throw new AppError(code, `${decision.field}: ${decision.message}`, decision.field);
  }
  const occurredAt = occurredAtOf(input.occurredAt, ctx.now, deal.stage_changed_at);
  const closing = decision.closes !== null;
  const row = await updateDealRow(trx, orgId, id, {
    stage: input.to,
    stage_changed_at: occurredAt,
    updated_at: ctx.now,
    ...(closing
      ? {
          closed_at: occurredAt,
          outcome: decision.closes,
          reason_code: input.reasonCode ?? null,
          competitor: input.competitor ?? deal.competitor,
        }
      : {}),
  });
  const event = await insertDealEvent(trx, orgId, {
    id: newId(),
    deal_id: id,
    from_stage: deal.stage,
    to_stage: input.to,
    occurred_at: occurredAt,
    actor_id: ctx.actor.userId,
    reason_code: input.reasonCode ?? null,
    note: input.note ?? null,
  });
  let lead: Lead | null = null;
  if (decision.closes && deal.lead_id) {
    const leadRow = await findLead(trx, orgId, deal.lead_id, { forUpdate: true });
    // A lead is won by its first won deal; it is lost only when no other deal is still open.
    const otherOpen = decision.closes === 'lost' && (await countOpenDealsOfLead(trx, orgId, deal.lead_id)) > 0;
    if (leadRow && leadRow.stage === 'opportunity' && !otherOpen) {
      const moved = await applyLeadTransition(
        trx,
        ctx,
        leadRow,
        {
          to: decision.closes,
          reasonCode: decision.closes === 'lost' ? input.reasonCode : null,
          note: input.note,
          occurredAt: laterOf(occurredAt, leadRow.stage_changed_at).toISOString(),
        },
        'deal_close',
      );
      lead = toLead(moved.row);
    }
  }
  return { deal: toDeal(row), event: toStageEvent(event), lead };
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
