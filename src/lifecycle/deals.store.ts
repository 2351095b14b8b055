import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { DealId, LeadId, OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { DealListQuery } from './lifecycle.schema.ts';
import type { DealStageEventsTable, DealsTable } from './lifecycle.tables.ts';

export type DealInsert = Omit<Insertable<DealsTable>, 'org_id'>;
export type DealPatch = Omit<Updateable<DealsTable>, 'org_id' | 'id' | 'created_at'>;

export function insertDeal(db: Executor, orgId: OrgId, deal: DealInsert) {
  return db
    .insertInto('deals')
    .values({ ...deal, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findDeal(db: Executor, orgId: OrgId, id: DealId, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('deals').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function updateDealRow(db: Executor, orgId: OrgId, id: DealId, patch: DealPatch) {
  return db
    .updateTable('deals')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertDealEvent(db: Executor, orgId: OrgId, event: Omit<DealStageEventsTable, 'org_id'>) {
  return db
    .insertInto('deal_stage_events')
    .values({ ...event, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listDealEvents(db: Executor, orgId: OrgId, dealId: DealId) {
  return db
    .selectFrom('deal_stage_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('deal_id', '=', dealId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

export function listDealsOfLead(db: Executor, orgId: OrgId, leadId: LeadId) {
  return db
    .selectFrom('deals')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .orderBy('created_at')
    .execute();
}

export async function countOpenDealsOfLead(db: Executor, orgId: OrgId, leadId: LeadId): Promise<number> {
  const row = await db
    .selectFrom('deals')
    .select(db.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .where('outcome', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

const SORT_COLUMNS = {
  createdAt: { expr: sql`d.created_at`, cast: 'timestamptz' },
  updatedAt: { expr: sql`d.updated_at`, cast: 'timestamptz' },
  amount: { expr: sql`d.amount_minor`, cast: 'bigint' },
  expectedCloseOn: { expr: sql`coalesce(d.expected_close_on, date '9999-12-31')`, cast: 'date' },
} as const;

export function listDealRows(db: Executor, orgId: OrgId, query: DealListQuery, cursor: CursorPosition | null) {
  const sort = SORT_COLUMNS[query.sort];
  let q = db
    .selectFrom('deals as d')
    .selectAll('d')
    .select(sql<string>`cast(${sort.expr} as text)`.as('sort_key'))
    .where('d.org_id', '=', orgId);
  if (query.stage) q = q.where('d.stage', 'in', query.stage);
  if (query.ownerId === 'none') q = q.where('d.owner_id', 'is', null);
  else if (query.ownerId) q = q.where('d.owner_id', '=', query.ownerId);
  if (query.accountId) q = q.where('d.account_id', '=', query.accountId);
  if (query.leadId) q = q.where('d.lead_id', '=', query.leadId);
  if (query.outcome === 'open') q = q.where('d.outcome', 'is', null);
  else if (query.outcome) q = q.where('d.outcome', '=', query.outcome);
  if (query.createdFrom) q = q.where('d.created_at', '>=', new Date(query.createdFrom));
  if (query.createdTo) q = q.where('d.created_at', '<', new Date(query.createdTo));
  if (cursor) q = q.where((eb) => afterCursor(eb, sort.expr, sql`d.id`, cursor, query.order, sort.cast));
  return q
    .orderBy(sort.expr, query.order)
    .orderBy('d.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
