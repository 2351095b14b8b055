import type { Executor } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { listDuplicateGroups } from './duplicates.store.ts';
import { DUPLICATE_REASONS, type DuplicateGroup, type DuplicateListQuery } from './ingest.schema.ts';

// Likely duplicates for a person to review; nothing is merged here.
export async function listDuplicates(
  db: Executor,
  orgId: OrgId,
  query: DuplicateListQuery,
): Promise<Page<DuplicateGroup>> {
  const cursor = cursorOf({ ...query, sort: query.reason ?? 'all' });
  if (cursor && !DUPLICATE_REASONS.some((r) => r === cursor.value)) {
    throw new AppError('validation_failed', 'cursor: not a cursor returned by this API', 'cursor');
  }
  const rows = await listDuplicateGroups(db, orgId, query, cursor);
  return pageFromRows(rows, { ...query, sort: query.reason ?? 'all' }, (row) => ({
    reason: row.reason,
    key: row.key,
    leadIds: row.lead_ids,
    count: row.count,
  }));
}
