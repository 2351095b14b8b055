import type { Executor } from '../db/database.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';

// Finds an existing lead by one identity column. Several leads may share an e-mail or a
// phone (duplicates not merged yet): the oldest is the one a new arrival joins. A merged
// lead may match; the caller follows merged_into_id to the lead that absorbed it.
export function findLeadIdBy(
  db: Executor,
  orgId: OrgId,
  column: 'external_id' | 'email_normalized' | 'phone_normalized',
  value: string,
) {
  return db
    .selectFrom('leads')
    .select(['id', 'merged_into_id'])
    .where('org_id', '=', orgId)
    .where(column, '=', value)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export function findMergedInto(db: Executor, orgId: OrgId, id: LeadId) {
  return db
    .selectFrom('leads')
    .select(['id', 'merged_into_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}
