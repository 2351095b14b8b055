import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { ActivityId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import type { Activity, ActivityListQuery } from './activities.schema.ts';
import { findActivity, listActivityRows } from './activities.store.ts';
import type { ActivitiesTable } from './activities.tables.ts';
import { assertActivityVisible, scopeActivityQuery } from './activity-visibility.ts';

export async function getActivity(db: Executor, actor: Actor, id: ActivityId): Promise<Activity> {
  const row = await findActivity(db, actor.orgId, id);
  if (!row) throw notFound('activity', id);
  await assertActivityVisible(db, actor, id, row);
  return toActivity(row);
}

export async function listActivities(db: Executor, actor: Actor, query: ActivityListQuery): Promise<Page<Activity>> {
  const scoped = await scopeActivityQuery(db, actor, query);
  const rows = await listActivityRows(db, actor.orgId, scoped, cursorOf(scoped));
  return pageFromRows(rows, scoped, toActivity);
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
