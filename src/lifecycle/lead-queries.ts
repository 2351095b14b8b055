import type { Executor } from '../db/database.ts';
import { visibility } from '../platform/visibility.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { LeadId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { findLead, listLeadEvents, listLeadRows } from './leads.store.ts';
import type { Lead, LeadListQuery, StageEvent } from './lifecycle.schema.ts';
import { toLead, toStageEvent } from './views.ts';

// Reads see only the leads the actor's visibility allows; any other id is "not found".

export async function getLead(db: Executor, actor: Actor, id: LeadId): Promise<Lead> {
  const row = await findLead(db, actor.orgId, id, { visibleTo: visibility(actor) });
  if (!row) throw notFound('lead', id);
  return toLead(row);
}

export async function listLeads(db: Executor, actor: Actor, query: LeadListQuery): Promise<Page<Lead>> {
  const rows = await listLeadRows(db, actor.orgId, query, cursorOf(query), visibility(actor));
  return pageFromRows(rows, query, toLead);
}

export async function getLeadEvents(db: Executor, actor: Actor, id: LeadId): Promise<{ items: StageEvent[] }> {
  if (!(await findLead(db, actor.orgId, id, { visibleTo: visibility(actor) }))) throw notFound('lead', id);
  return { items: (await listLeadEvents(db, actor.orgId, id)).map(toStageEvent) };
}

/**
 * A lead the actor may see, merged or not, for merges and their undo, which must see the
 * merged leads that every other read treats as gone. With `lock`, locked until commit.
 */
export function findLeadForMerge(db: Executor, actor: Actor, id: LeadId, options: { lock: boolean }) {
  return findLead(db, actor.orgId, id, { forUpdate: options.lock, visibleTo: visibility(actor), includeMerged: true });
}
