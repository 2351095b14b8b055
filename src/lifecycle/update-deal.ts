import type { Trx } from '../db/database.ts';
import { visibility } from '../platform/visibility.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { DealId } from '../shared/ids.ts';
import { assertCustomValues } from './assert-custom-values.ts';
import { type DealPatch, findDeal, updateDealRow } from './deals.store.ts';
import { assertMayAssign } from './lead-assignment.ts';
import type { Deal, DealUpdate } from './lifecycle.schema.ts';
import { assertReferences } from './references.store.ts';
import { toDeal } from './views.ts';

// Updates a deal's fields; its stage and outcome change only through transitions.
export async function updateDeal(trx: Trx, ctx: CommandContext, id: DealId, input: DealUpdate): Promise<Deal> {
  const { orgId } = ctx.actor;
  const current = await findDeal(trx, orgId, id, { forUpdate: true, visibleTo: visibility(ctx.actor) });
  if (!current) throw notFound('deal', id);
  assertMayAssign(ctx.actor, { ownerId: input.ownerId });
  await assertReferences(trx, orgId, input);
  if (input.custom) await assertCustomValues(trx, ctx, input.custom, 'deal');
  if (current.outcome && input.amountMinor !== undefined && input.amountMinor !== current.amount_minor) {
    // Closed revenue is history that reports are built on; correcting it is an admin's job.
    if (ctx.actor.role !== 'admin') {
      throw new AppError(
        'conflict',
        'amountMinor: the amount of a closed deal can only be corrected by an admin',
        'amountMinor',
      );
    }
  }
  const patch: DealPatch = { updated_at: ctx.now };
  if (input.name !== undefined) patch.name = input.name;
  if (input.accountId !== undefined) patch.account_id = input.accountId;
  if (input.leadId !== undefined) patch.lead_id = input.leadId;
  if (input.ownerId !== undefined) patch.owner_id = input.ownerId;
  if (input.amountMinor !== undefined) patch.amount_minor = input.amountMinor;
  if (input.currency !== undefined) patch.currency = input.currency;
  if (input.expectedCloseOn !== undefined) patch.expected_close_on = input.expectedCloseOn;
  if (input.competitor !== undefined) patch.competitor = input.competitor;
  if (input.externalId !== undefined) patch.external_id = input.externalId;
  if (input.custom !== undefined) patch.custom = JSON.stringify({ ...current.custom, ...input.custom });
  return toDeal(await updateDealRow(trx, orgId, id, patch));
}
