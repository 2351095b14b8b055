import type { Executor } from '../db/database.ts';
import { getDeal } from '../lifecycle/deal-queries.ts';
import { getLead } from '../lifecycle/lead-queries.ts';
import { visibility } from '../platform/visibility.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { DealId, LeadId } from '../shared/ids.ts';
import type { ActivityListQuery } from './activities.schema.ts';

// Activities inherit the visibility of what they are about: a sales rep or manager sees
// their own activities and those of the leads and deals they may open; an activity on a
// lead or deal outside their scope answers 404 like a foreign one.

interface ActivitySubject {
  readonly user_id: string | null;
  readonly lead_id: LeadId | null;
  readonly deal_id: DealId | null;
}

export async function isActivityVisible(db: Executor, actor: Actor, row: ActivitySubject): Promise<boolean> {
  if (visibility(actor).kind === 'all' || row.user_id === actor.userId) return true;
  try {
    if (row.lead_id) await getLead(db, actor, row.lead_id);
    if (row.deal_id) await getDeal(db, actor, row.deal_id);
    return row.lead_id !== null || row.deal_id !== null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

export async function assertActivityVisible(
  db: Executor,
  actor: Actor,
  id: string,
  row: ActivitySubject,
): Promise<void> {
  if (!(await isActivityVisible(db, actor, row))) throw notFound('activity', id);
}

/** Narrows a list query to what the actor may see: a visible lead's or deal's, or their own. */
export async function scopeActivityQuery(
  db: Executor,
  actor: Actor,
  query: ActivityListQuery,
): Promise<ActivityListQuery> {
  if (visibility(actor).kind === 'all') return query;
  if (query.leadId || query.dealId) {
    if (query.leadId) await getLead(db, actor, query.leadId);
    if (query.dealId) await getDeal(db, actor, query.dealId);
    return query;
  }
  return { ...query, userId: actor.userId };
}
