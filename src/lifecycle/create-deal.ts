import type { Trx } from '../db/database.ts';
import { getOrg } from '../platform/platform-queries.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type DealId, newId } from '../shared/ids.ts';
import { assertCustomValues } from './assert-custom-values.ts';
import { insertDeal, insertDealEvent } from './deals.store.ts';
import { assertMayAssign } from './lead-assignment.ts';
import type { Deal, DealCreate } from './lifecycle.schema.ts';
import { assertReferences } from './references.store.ts';
import { listDealStages } from './settings.store.ts';
import { toDeal } from './views.ts';

// Creates an open deal in the given stage (the first open stage by default) with its first
// stage event. Converting a lead (see transition-lead.ts) creates its deal through here.
export async function createDeal(trx: Trx, ctx: CommandContext, input: DealCreate): Promise<Deal> {
  const { orgId } = ctx.actor;
  assertMayAssign(ctx.actor, { ownerId: input.ownerId });
  await assertReferences(trx, orgId, input);
  if (input.custom) await assertCustomValues(trx, ctx, input.custom, 'deal');
  const stages = await listDealStages(trx, orgId);
  const openStages = stages.filter((s) => s.kind === 'open');
  const stage = input.stage ?? openStages[0]?.key;
  if (!stage || !openStages.some((s) => s.key === stage)) {
    throw new AppError(
      'validation_failed',
      `stage: a new deal starts in an open stage (${openStages.map((s) => s.key).join(', ')}); close it with a transition`,
      'stage',
    );
  }
  const org = await getOrg(trx, orgId);
  const id = newId<DealId>();
  const row = await insertDeal(trx, orgId, {
    id,
    name: input.name,
    account_id: input.accountId ?? null,
    lead_id: input.leadId ?? null,
    owner_id: input.ownerId ?? null,
    amount_minor: input.amountMinor ?? 0,
    currency: input.currency ?? org.currency,
    stage,
    stage_changed_at: ctx.now,
    expected_close_on: input.expectedCloseOn ?? null,
    closed_at: null,
    outcome: null,
    reason_code: null,
    competitor: input.competitor ?? null,
    external_id: input.externalId ?? null,
    custom: JSON.stringify(input.custom ?? {}),
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await insertDealEvent(trx, orgId, {
    id: newId(),
    deal_id: id,
    from_stage: null,
    to_stage: stage,
    occurred_at: ctx.now,
    actor_id: ctx.actor.userId,
    reason_code: null,
    note: null,
  });
  return toDeal(row);
}
