import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CursorPosition } from '../../shared/cursor.ts';
import type { OrgId } from '../../shared/ids.ts';
import { afterCursor } from '../../shared/keyset.ts';
import type { RejectedRow } from './import-result.ts';
import type { ImportRunListQuery } from './imports.schema.ts';
import type { ImportRunId, ImportRunsTable } from './imports.tables.ts';

export type ImportRunInsert = Omit<Insertable<ImportRunsTable>, 'org_id'>;

export function insertImportRun(db: Executor, orgId: OrgId, run: ImportRunInsert) {
  return db
    .insertInto('import_runs')
    .values({ ...run, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findImportRun(db: Executor, orgId: OrgId, id: ImportRunId) {
  return db.selectFrom('import_runs').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listImportRunRows(
  db: Executor,
  orgId: OrgId,
  query: ImportRunListQuery,
  cursor: CursorPosition | null,
) {
  const sortExpr = sql`r.started_at`;
  let q = db
    .selectFrom('import_runs as r')
    .selectAll('r')
    .select(sql<string>`cast(${sortExpr} as text)`.as('sort_key'))
    .where('r.org_id', '=', orgId);
  if (cursor) q = q.where((eb) => afterCursor(eb, sortExpr, sql`r.id`, cursor, query.order, 'timestamptz'));
  return q
    .orderBy(sortExpr, query.order)
    .orderBy('r.id', query.order)
    .limit(query.limit + 1)
    .execute();
}

export interface ImportProgress {
  readonly bytesRead: number;
  readonly rows: number;
  readonly rejected: number;
  readonly heartbeatAt: Date;
}

/** Progress of a run still going; a finished run is left as it is. */
export async function updateImportProgress(
  db: Executor,
  orgId: OrgId,
  id: ImportRunId,
  progress: ImportProgress,
): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({
      bytes_read: progress.bytesRead,
      rows_read: progress.rows,
      rejected: progress.rejected,
      heartbeat_at: progress.heartbeatAt,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export interface ImportOutcome {
  readonly bytesRead: number;
  readonly rows: number;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly createdOwners: readonly string[];
  readonly finishedAt: Date;
}

export async function finishImportRun(
  db: Executor,
  orgId: OrgId,
  id: ImportRunId,
  outcome: ImportOutcome,
): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({
      status: 'succeeded',
      bytes_read: outcome.bytesRead,
      rows_read: outcome.rows,
      imported: outcome.imported,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected,
      created_owners: JSON.stringify(outcome.createdOwners),
      heartbeat_at: outcome.finishedAt,
      finished_at: outcome.finishedAt,
      error: null,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function failImportRun(
  db: Executor,
  orgId: OrgId,
  id: ImportRunId,
  error: string,
  finishedAt: Date,
): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({ status: 'failed', error, finished_at: finishedAt, heartbeat_at: finishedAt })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Rejected rows in the order given (by line), numbered from `from`. */
export async function insertImportRejects(
  db: Executor,
  orgId: OrgId,
  runId: ImportRunId,
  rejects: readonly RejectedRow[],
  from: number,
): Promise<void> {
  if (rejects.length === 0) return;
  await db
    .insertInto('import_run_rejects')
    .values(
      rejects.map((r, i) => ({
        org_id: orgId,
        run_id: runId,
        position: from + i,
        line: r.line,
        field: r.field,
        reason: r.reason,
      })),
    )
    .execute();
}

export function listImportRejects(db: Executor, orgId: OrgId, runId: ImportRunId, after: number, limit: number) {
  return db
    .selectFrom('import_run_rejects')
    .select(['position', 'line', 'field', 'reason'])
    .where('org_id', '=', orgId)
    .where('run_id', '=', runId)
    .where('position', '>', after)
    .orderBy('position')
    .limit(limit)
    .execute();
}

// The one statement that crosses organisations: it runs when a server starts (and then
// now and again), before any request names a tenant. A run is abandoned when its heartbeat
// stopped; runs this process is executing are never touched, whatever their heartbeat.
export async function failAbandonedImportRuns(
  db: Executor,
  options: { staleBefore: Date; now: Date; error: string; except: readonly string[] },
): Promise<number> {
  let q = db
    .updateTable('import_runs')
    .set({ status: 'failed', error: options.error, finished_at: options.now })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', options.staleBefore);
  if (options.except.length > 0) q = q.where('id', 'not in', options.except as ImportRunId[]);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
