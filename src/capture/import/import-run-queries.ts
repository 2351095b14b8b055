import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { AppError, notFound } from '../../shared/app-error.ts';
import { cursorOf, type Page } from '../../shared/cursor.ts';
import type { OrgId } from '../../shared/ids.ts';
import { pageFromRows } from '../../shared/page.ts';
import { csvLine } from './csv-writer.ts';
import { type ImportRun, type ImportRunDetail, type ImportRunListQuery, REJECTS_SHOWN } from './imports.schema.ts';
import { findImportRun, listImportRejects, listImportRunRows } from './imports.store.ts';
import type { ImportRunId, ImportRunsTable } from './imports.tables.ts';

export async function getImportRun(db: Executor, orgId: OrgId, id: ImportRunId): Promise<ImportRunDetail> {
  const row = await findImportRun(db, orgId, id);
  if (!row) throw notFound('import', id);
  const rejects = await listImportRejects(db, orgId, id, -1, REJECTS_SHOWN);
  return { ...toImportRun(row), rejects: rejects.map(({ line, field, reason }) => ({ line, field, reason })) };
}

export async function listImportRuns(db: Executor, orgId: OrgId, query: ImportRunListQuery): Promise<Page<ImportRun>> {
  const rows = await listImportRunRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toImportRun);
}

const CSV_PAGE = 1000;

/**
 * A finished run's rejected rows as CSV (line, field, reason), read page by page. The run is
 * checked before the first line is produced, so a missing run is a 404, not an empty file.
 */
export async function importRejectsCsv(db: Executor, orgId: OrgId, id: ImportRunId): Promise<AsyncIterable<string>> {
  const run = await findImportRun(db, orgId, id);
  if (!run) throw notFound('import', id);
  if (run.status === 'running') {
    throw new AppError('conflict', `import ${id} is still running; its rejected rows are written when it ends`);
  }
  return (async function* () {
    yield csvLine(['line', 'field', 'reason']);
    let after = -1;
    for (;;) {
      const page = await listImportRejects(db, orgId, id, after, CSV_PAGE);
      if (page.length > 0) yield page.map((r) => csvLine([r.line, r.field, r.reason])).join('');
      const last = page[page.length - 1];
      if (!last || page.length < CSV_PAGE) return;
      after = last.position;
    }
  })();
}

export function toImportRun(row: Selectable<ImportRunsTable>): ImportRun {
  return {
    id: row.id,
    entity: row.entity,
    fileName: row.file_name,
    status: row.status,
    dryRun: row.dry_run,
    preset: row.preset,
    mapping: row.mapping,
    dateFormat: row.date_format,
    bytesRead: Number(row.bytes_read),
    bytesTotal: Number(row.bytes_total),
    rows: row.rows_read,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    createdOwners: row.created_owners,
    error: row.error,
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
