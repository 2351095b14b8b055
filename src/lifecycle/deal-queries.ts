import type { Executor } from '../db/database.ts';
import { visibility } from '../platform/visibility.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { DealId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { findDeal, listDealEvents, listDealRows } from './deals.store.ts';
import type { Deal, DealListQuery, StageEvent } from './lifecycle.schema.ts';
import { toDeal, toStageEvent } from './views.ts';

// Reads see only the deals the actor's visibility allows; any other id is "not found".

export async function getDeal(db: Executor, actor: Actor, id: DealId): Promise<Deal> {
  const row = await findDeal(db, actor.orgId, id, { visibleTo: visibility(actor) });
  if (!row) throw notFound('deal', id);
  return toDeal(row);
}

export async function listDeals(db: Executor, actor: Actor, query: DealListQuery): Promise<Page<Deal>> {
  const rows = await listDealRows(db, actor.orgId, query, cursorOf(query), visibility(actor));
  return pageFromRows(rows, query, toDeal);
}

export async function getDealEvents(db: Executor, actor: Actor, id: DealId): Promise<{ items: StageEvent[] }> {
  if (!(await findDeal(db, actor.orgId, id, { visibleTo: visibility(actor) }))) throw notFound('deal', id);
  return { items: (await listDealEvents(db, actor.orgId, id)).map(toStageEvent) };
}
