import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { FormId, OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { FormsTable } from './capture.tables.ts';
import type { FormListQuery } from './forms.schema.ts';

export type FormInsert = Omit<Insertable<FormsTable>, 'org_id'>;
export type FormPatch = Omit<Updateable<FormsTable>, 'org_id' | 'id' | 'key' | 'actor_id' | 'created_at'>;

export function insertForm(db: Executor, orgId: OrgId, form: FormInsert) {
  return db
    .insertInto('forms')
    .values({ ...form, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findForm(db: Executor, orgId: OrgId, id: FormId, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('forms').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The one lookup that precedes the tenant: a public submission knows only the key. */
export function findFormByKey(db: Executor, key: string) {
  return db.selectFrom('forms').selectAll().where('key', '=', key).executeTakeFirst();
}

export function updateFormRow(db: Executor, orgId: OrgId, id: FormId, patch: FormPatch) {
  return db
    .updateTable('forms')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteFormRow(db: Executor, orgId: OrgId, id: FormId): Promise<boolean> {
  const result = await db.deleteFrom('forms').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listFormRows(db: Executor, orgId: OrgId, query: FormListQuery, cursor: CursorPosition | null) {
  const sortExpr = sql`f.created_at`;
  let q = db
    .selectFrom('forms as f')
    .selectAll('f')
    .select(sql<string>`cast(${sortExpr} as text)`.as('sort_key'))
    .where('f.org_id', '=', orgId);
  if (cursor) q = q.where((eb) => afterCursor(eb, sortExpr, sql`f.id`, cursor, query.order, 'timestamptz'));
  return q
    .orderBy(sortExpr, query.order)
    .orderBy('f.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
