import type { Selectable } from 'kysely';
import type { Executor, Trx } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type { CommandContext } from '../shared/context.ts';
import type { MarketingTargetsTable } from './handoff.tables.ts';
import { monthOf } from './scorecard-month.ts';
import type { Target, TargetList, TargetPut, TargetsQuery } from './targets.schema.ts';
import { findOrgTimeZone, listTargetRows, upsertTargetRow } from './targets.store.ts';

// Reading and setting marketing's monthly targets (GET/PUT /api/v1/handoff/targets).

export async function listTargets(db: Executor, actor: Actor, query: TargetsQuery, now: Date): Promise<TargetList> {
  const month = query.month ?? monthOf(now, (await findOrgTimeZone(db, actor.orgId)).time_zone);
  const rows = await listTargetRows(db, actor.orgId, `${month}-01`);
  return { month, items: rows.map(toTarget) };
}

/** Sets one segment's target for one month, replacing what was there. */
export async function putTarget(trx: Trx, ctx: CommandContext, input: TargetPut): Promise<Target> {
  const row = await upsertTargetRow(trx, ctx.actor.orgId, {
    month: `${input.month}-01`,
    segment: input.segment,
    mql_target: input.mqlTarget,
    accept_rate_target: input.acceptRateTarget ?? null,
  });
  return toTarget(row);
}

export function toTarget(row: Selectable<MarketingTargetsTable>): Target {
  return {
    month: row.month.slice(0, 7),
    segment: row.segment,
    mqlTarget: row.mql_target,
    acceptRateTarget: row.accept_rate_target,
  };
}
