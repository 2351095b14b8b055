import { type Insertable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { TouchpointListQuery } from './capture.schema.ts';
import type { TouchpointsTable } from './capture.tables.ts';

export function insertTouchpoint(db: Executor, orgId: OrgId, touchpoint: Omit<Insertable<TouchpointsTable>, 'org_id'>) {
  return db
    .insertInto('touchpoints')
    .values({ ...touchpoint, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listTouchpointRows(
  db: Executor,
  orgId: OrgId,
  query: TouchpointListQuery,
  cursor: CursorPosition | null,
) {
  const sortExpr = sql`t.occurred_at`;
  let q = db
    .selectFrom('touchpoints as t')
    .selectAll('t')
    .select(sql<string>`cast(${sortExpr} as text)`.as('sort_key'))
    .where('t.org_id', '=', orgId);
  if (query.leadId) q = q.where('t.lead_id', '=', query.leadId);
  if (query.campaignId) q = q.where('t.campaign_id', '=', query.campaignId);
  if (query.from) q = q.where('t.occurred_at', '>=', new Date(query.from));
  if (query.to) q = q.where('t.occurred_at', '<', new Date(query.to));
  if (cursor) q = q.where((eb) => afterCursor(eb, sortExpr, sql`t.id`, cursor, query.order, 'timestamptz'));
  return q
    .orderBy(sortExpr, query.order)
    .orderBy('t.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
