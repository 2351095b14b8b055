import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LeadsTable } from '../lifecycle/lifecycle.tables.ts';
import type { LeadId, OrgId, UserId } from '../shared/ids.ts';
import type { LeadMergesTable } from './capture.tables.ts';
import type { ColumnValues } from './merge-fields.ts';

// SQL for merging leads. It writes rows of lifecycle's and activities' tables (a lead's
// columns, the lead_id of its children) because a merge is one move across all of them;
// every other write to those tables goes through their own features' commands.

/** The tables whose rows follow their lead in a merge, and back in an undo. */
export const CHILD_TABLES = ['touchpoints', 'activities', 'deals'] as const;
export type ChildTable = (typeof CHILD_TABLES)[number];
export type MovedIds = { [T in ChildTable]: string[] };

export function insertMerge(db: Executor, orgId: OrgId, merge: Omit<Insertable<LeadMergesTable>, 'org_id'>) {
  return db
    .insertInto('lead_merges')
    .values({ ...merge, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findMerge(db: Executor, orgId: OrgId, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('lead_merges').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function listMergesOf(db: Executor, orgId: OrgId, leadId: LeadId) {
  return db
    .selectFrom('lead_merges')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('survivor_id', '=', leadId), eb('merged_id', '=', leadId)]))
    .orderBy('merged_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function markMergeUndone(db: Executor, orgId: OrgId, id: string, by: UserId, at: Date) {
  return db
    .updateTable('lead_merges')
    .set({ undone_at: at, undone_by: by })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves every child row of `from` to `to` and answers the ids moved, per table. */
export async function moveChildren(db: Executor, orgId: OrgId, from: LeadId, to: LeadId): Promise<MovedIds> {
  const moved: MovedIds = { touchpoints: [], activities: [], deals: [] };
  for (const table of CHILD_TABLES) {
    const rows = await sql<{ id: string }>`
      update ${sql.table(table)} set lead_id = ${to}
      where org_id = ${orgId} and lead_id = ${from}
      returning id`.execute(db);
    moved[table] = rows.rows.map((r) => r.id).sort();
  }
  return moved;
}

/** How many of `ids` still exist in `table` and belong to `leadId`. */
export async function countChildrenOn(
  db: Executor,
  orgId: OrgId,
  table: ChildTable,
  ids: readonly string[],
  leadId: LeadId,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(table)}
    where org_id = ${orgId} and lead_id = ${leadId} and id = any(${sql.val([...ids])}::uuid[])`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export async function moveChildrenBack(
  db: Executor,
  orgId: OrgId,
  table: ChildTable,
  ids: readonly string[],
  to: LeadId,
): Promise<void> {
  if (ids.length === 0) return;
  await sql`update ${sql.table(table)} set lead_id = ${to}
    where org_id = ${orgId} and id = any(${sql.val([...ids])}::uuid[])`.execute(db);
}

/** A lead's updated_at as PostgreSQL prints it, so an undo restores it to the microsecond. */
export async function leadUpdatedAtText(db: Executor, orgId: OrgId, id: LeadId): Promise<string> {
  const result = await sql<{ at: string }>`
    select updated_at::text as at from leads where org_id = ${orgId} and id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`lead ${id} vanished inside its merge`);
  return row.at;
}

export interface LeadWrite {
  readonly columns: ColumnValues;
  readonly mergedIntoId?: LeadId | null;
  /** A Date, or a timestamp as leadUpdatedAtText printed it. */
  readonly updatedAt: Date | string;
}

export async function writeLeadColumns(db: Executor, orgId: OrgId, id: LeadId, write: LeadWrite): Promise<void> {
  const { custom, ...plain } = write.columns;
  const patch = { ...plain } as Updateable<LeadsTable>;
  if (custom !== undefined) patch.custom = JSON.stringify(custom ?? {});
  if (write.mergedIntoId !== undefined) patch.merged_into_id = write.mergedIntoId;
  await db
    .updateTable('leads')
    .set({
      ...patch,
      updated_at:
        typeof write.updatedAt === 'string' ? sql<Date>`cast(${write.updatedAt} as timestamptz)` : write.updatedAt,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
