import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { AccountId, ActivityId, DealId, LeadId, OrgId, UserId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { ActivityListQuery } from './activities.schema.ts';
import type { ActivitiesTable } from './activities.tables.ts';

export type ActivityInsert = Omit<Insertable<ActivitiesTable>, 'org_id'>;
export type ActivityPatch = Pick<
  Updateable<ActivitiesTable>,
  'subject' | 'body' | 'occurred_at' | 'due_at' | 'completed_at'
>;

export function insertActivity(db: Executor, orgId: OrgId, activity: ActivityInsert) {
  return db
    .insertInto('activities')
    .values({ ...activity, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findActivity(db: Executor, orgId: OrgId, id: ActivityId, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('activities').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function updateActivityRow(db: Executor, orgId: OrgId, id: ActivityId, patch: ActivityPatch) {
  return db
    .updateTable('activities')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ActivityReferences {
  readonly userId: UserId | null;
  readonly leadId: LeadId | null;
  readonly dealId: DealId | null;
  readonly accountId: AccountId | null;
}

/** The first referenced id that is not a record of this org, by its field name, or null. */
export async function missingReference(
  db: Executor,
  orgId: OrgId,
  refs: ActivityReferences,
): Promise<keyof ActivityReferences | null> {
  const checks = [
    ['userId', 'users', refs.userId],
    ['leadId', 'leads', refs.leadId],
    ['dealId', 'deals', refs.dealId],
    ['accountId', 'accounts', refs.accountId],
  ] as const;
  for (const [field, table, id] of checks) {
    if (id === null) continue;
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return field;
  }
  // A merged lead is gone (see capture/merge-leads.ts): nothing new is logged against it.
  if (refs.leadId !== null) {
    const merged = await db
      .selectFrom('leads')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', refs.leadId)
      .where('merged_into_id', 'is not', null)
      .executeTakeFirst();
    if (merged) return 'leadId';
  }
  return null;
}

export function listActivityRows(db: Executor, orgId: OrgId, query: ActivityListQuery, cursor: CursorPosition | null) {
  const sortExpr = sql`a.occurred_at`;
  let q = db
    .selectFrom('activities as a')
    .selectAll('a')
    .select(sql<string>`cast(${sortExpr} as text)`.as('sort_key'))
    .where('a.org_id', '=', orgId);
  if (query.leadId) q = q.where('a.lead_id', '=', query.leadId);
  if (query.dealId) q = q.where('a.deal_id', '=', query.dealId);
  if (query.accountId) q = q.where('a.account_id', '=', query.accountId);
  if (query.userId) q = q.where('a.user_id', '=', query.userId);
  if (query.type) q = q.where('a.type', '=', query.type);
  if (query.open !== undefined) {
    q = q.where('a.type', '=', 'task').where('a.completed_at', query.open ? 'is' : 'is not', null);
  }
  if (cursor) q = q.where((eb) => afterCursor(eb, sortExpr, sql`a.id`, cursor, query.order, 'timestamptz'));
  return q
    .orderBy(sortExpr, query.order)
    .orderBy('a.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
