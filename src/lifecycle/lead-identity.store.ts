import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';

// Finds an existing lead by one identity column. Several leads may share an e-mail or a
// phone (duplicates not merged yet): the oldest is the one a new arrival joins.
export function findLeadIdBy(
  db: Executor,
  orgId: OrgId,
  column: 'external_id' | 'email_normalized' | 'phone_normalized',
  value: string,
) {
  return db
    .selectFrom('leads')
    .select('id')
    .where('org_id', '=', orgId)
    .where(column, '=', value)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
