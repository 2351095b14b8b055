import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Visibility } from '../platform/visibility.ts';
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

// The SQL form of a Visibility (see visibility.ts) over the deals table under `alias`;
// null when the actor sees every deal. Deals have no queue: a deal is seen by its owner
// and, for a manager, when a member of their team owns it.
function visibleDeals(alias: 'deals' | 'd', scope: Visibility): Expression<SqlBool> | null {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.kind) {
    case 'all':
      return null;
    case 'own':
      return sql<SqlBool>`${column('owner_id')} = ${scope.userId}`;
    case 'team':
      return sql<SqlBool>`(${column('owner_id')} = ${scope.userId} or ${column('owner_id')} in (
        select u.id from users u where u.org_id = ${column('org_id')} and u.team_id = ${scope.teamId}))`;
  }
}

export function findDeal(
  db: Executor,
  orgId: OrgId,
  id: DealId,
  options: { forUpdate?: boolean; visibleTo?: Visibility } = {},
) {
  let query = db.selectFrom('deals').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  const visible = options.visibleTo ? visibleDeals('deals', options.visibleTo) : null;
  if (visible) query = query.where(visible);
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

export function listDealRows(
  db: Executor,
  orgId: OrgId,
  query: DealListQuery,
  cursor: CursorPosition | null,
  scope: Visibility,
) {
  const sort = SORT_COLUMNS[query.sort];
  let q = db
    .selectFrom('deals as d')
    .selectAll('d')
    .select(sql<string>`cast(${sort.expr} as text)`.as('sort_key'))
    .where('d.org_id', '=', orgId);
  const visible = visibleDeals('d', scope);
  if (visible) q = q.where(visible);
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
