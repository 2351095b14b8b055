import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { ActivityId, OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import type { Activity, ActivityListQuery } from './activities.schema.ts';
import { findActivity, listActivityRows } from './activities.store.ts';
import type { ActivitiesTable } from './activities.tables.ts';

export async function getActivity(db: Executor, orgId: OrgId, id: ActivityId): Promise<Activity> {
  const row = await findActivity(db, orgId, id);
  if (!row) throw notFound('activity', id);
  return toActivity(row);
}

export async function listActivities(db: Executor, orgId: OrgId, query: ActivityListQuery): Promise<Page<Activity>> {
  const rows = await listActivityRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toActivity);
}

export function toActivity(row: Selectable<ActivitiesTable>): Activity {
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    subject: row.subject,
    body: row.body,
    direction: row.direction,
    origin: row.origin,
    userId: row.user_id,
    leadId: row.lead_id,
    dealId: row.deal_id,
    accountId: row.account_id,
    dueAt: row.due_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
