import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import { findLead, listLeadEvents, listLeadRows } from './leads.store.ts';
import type { Lead, LeadListQuery, StageEvent } from './lifecycle.schema.ts';
import { toLead, toStageEvent } from './views.ts';

export async function getLead(db: Executor, orgId: OrgId, id: LeadId): Promise<Lead> {
  const row = await findLead(db, orgId, id);
  if (!row) throw notFound('lead', id);
  return toLead(row);
}

export async function listLeads(db: Executor, orgId: OrgId, query: LeadListQuery): Promise<Page<Lead>> {
  const rows = await listLeadRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toLead);
}

export async function getLeadEvents(db: Executor, orgId: OrgId, id: LeadId): Promise<{ items: StageEvent[] }> {
  if (!(await findLead(db, orgId, id))) throw notFound('lead', id);
  return { items: (await listLeadEvents(db, orgId, id)).map(toStageEvent) };
}
