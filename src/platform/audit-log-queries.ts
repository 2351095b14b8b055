import type { Executor } from '../db/database.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { listAuditRows } from './audit-log.store.ts';
import type { AuditEntry, AuditListQuery } from './identity.schema.ts';

/** The organisation's audit log, newest first unless `order=asc`. */
export async function getAuditLog(db: Executor, orgId: OrgId, query: AuditListQuery): Promise<Page<AuditEntry>> {
  const rows = await listAuditRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, (row) => ({
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    changes: row.changes,
  }));
}
