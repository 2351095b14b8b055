import type { Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { validateDealStages } from './deal-transitions.ts';
import type { DealStageList, DealStagesPut } from './settings.schema.ts';
import { countDealsInStages, listDealStages, replaceDealStages } from './settings.store.ts';

// Replaces the org's ordered stage list. A stage that deals are in can be renamed or
// moved but not removed, and its kind cannot change: an open deal must not end up in a
// won or lost stage without the transition that records its outcome, and the reverse.
export async function replaceDealStageList(
  trx: Trx,
  ctx: CommandContext,
  input: DealStagesPut,
): Promise<DealStageList> {
  const { orgId } = ctx.actor;
  const problem = validateDealStages(input.stages);
  if (problem) throw new AppError('validation_failed', `stages: ${problem}`, 'stages');
  const current = await listDealStages(trx, orgId);
  const affected = current
    .filter((old) => {
      const next = input.stages.find((s) => s.key === old.key);
      return !next || next.kind !== old.kind;
    })
    .map((s) => s.key);
  const inUse = await countDealsInStages(trx, orgId, affected);
  if (inUse.length > 0) {
    const list = inUse.map((r) => `${r.stage} (${r.n} deals)`).join(', ');
    throw new AppError(
      'conflict',
      `stages: deals are still in ${list}; move them before removing the stage or changing its kind`,
      'stages',
    );
  }
  await replaceDealStages(trx, orgId, input.stages);
  return { stages: await listDealStages(trx, orgId) };
}
