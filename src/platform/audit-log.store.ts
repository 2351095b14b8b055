import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { AuditListQuery } from './identity.schema.ts';

// Rows are written only by the baton_audit() trigger (migration 0002); this reads them.
export function listAuditRows(db: Executor, orgId: OrgId, query: AuditListQuery, cursor: CursorPosition | null) {
  const sortExpr = sql`a.occurred_at`;
  let q = db
    .selectFrom('audit_log as a')
    .selectAll('a')
    .select(sql<string>`cast(a.occurred_at as text)`.as('sort_key'))
    .where('a.org_id', '=', orgId);
  if (query.entity) q = q.where('a.entity', '=', query.entity);
  if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
  if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
  if (query.from) q = q.where('a.occurred_at', '>=', new Date(query.from));
  if (query.to) q = q.where('a.occurred_at', '<', new Date(query.to));
  if (cursor) q = q.where((eb) => afterCursor(eb, sortExpr, sql`a.id`, cursor, query.order, 'timestamptz'));
  return q
    .orderBy('a.occurred_at', query.order)
    .orderBy('a.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
