import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { DealId, OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { findDeal, listDealEvents, listDealRows } from './deals.store.ts';
import type { Deal, DealListQuery, StageEvent } from './lifecycle.schema.ts';
import { toDeal, toStageEvent } from './views.ts';

export async function getDeal(db: Executor, orgId: OrgId, id: DealId): Promise<Deal> {
  const row = await findDeal(db, orgId, id);
  if (!row) throw notFound('deal', id);
  return toDeal(row);
}

export async function listDeals(db: Executor, orgId: OrgId, query: DealListQuery): Promise<Page<Deal>> {
  const rows = await listDealRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toDeal);
}

export async function getDealEvents(db: Executor, orgId: OrgId, id: DealId): Promise<{ items: StageEvent[] }> {
  if (!(await findDeal(db, orgId, id))) throw notFound('deal', id);
  return { items: (await listDealEvents(db, orgId, id)).map(toStageEvent) };
}
