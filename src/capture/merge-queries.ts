import type { Executor } from '../db/database.ts';
import { findLeadForMerge } from '../lifecycle/lead-queries.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { listMergesOf } from './lead-merges.store.ts';
import { toLeadMerge } from './merge-leads.ts';
import type { LeadMergeList, LeadMergeListQuery } from './merges.schema.ts';

// Every merge a lead took part in, as survivor or as merged lead, undone ones included,
// newest first. A lead has few, so the list is not paged. A merged lead is found here
// (and only here): this is how a client learns where it went.
export async function listLeadMerges(db: Executor, actor: Actor, query: LeadMergeListQuery): Promise<LeadMergeList> {
  if (!(await findLeadForMerge(db, actor, query.leadId, { lock: false }))) {
    throw new AppError('not_found', `leadId: lead ${query.leadId} was not found`, 'leadId');
  }
  return { items: (await listMergesOf(db, actor.orgId, query.leadId)).map(toLeadMerge) };
}
