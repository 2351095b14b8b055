import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LeadId, OrgId, TeamId, UserId } from '../shared/ids.ts';
import type { LeadAssignmentsTable } from './handoff.tables.ts';

// SQL of routing's reads and writes on leads: the facts rules match on, the owner and queue
// a decision sets, and the lead_assignments record of every decision.

function leadFacts(db: Executor, orgId: OrgId) {
  return db
    .selectFrom('leads as l')
    .leftJoin('accounts as a', (join) => join.onRef('a.org_id', '=', 'l.org_id').onRef('a.id', '=', 'l.account_id'))
    .select([
      'l.id',
      'l.owner_id',
      'l.team_id',
      'l.stage',
      'l.country',
      'l.custom',
      'a.id as account_id',
      'a.name as account_name',
      'a.country as account_country',
      'a.industry as account_industry',
      'a.employee_count as account_employee_count',
      'a.owner_id as account_owner_id',
      'a.custom as account_custom',
    ])
    .where('l.org_id', '=', orgId)
    .where('l.merged_into_id', 'is', null);
}

/** A lead with its account's facts; with `forUpdate` the lead row is locked until commit. */
export function findLeadFactsRow(db: Executor, orgId: OrgId, leadId: LeadId, options: { readonly forUpdate: boolean }) {
  const query = leadFacts(db, orgId).where('l.id', '=', leadId);
  return (options.forUpdate ? query.forUpdate('l') : query).executeTakeFirst();
}

export type LeadFactsRow = NonNullable<Awaited<ReturnType<typeof findLeadFactsRow>>>;

/** The open MQLs (stage mql) a person owns, oldest MQL first, locked until commit. */
export function listOpenMqlFactsRows(db: Executor, orgId: OrgId, ownerId: UserId) {
  return leadFacts(db, orgId)
    .where('l.owner_id', '=', ownerId)
    .where('l.stage', '=', 'mql')
    .orderBy('l.stage_changed_at')
    .orderBy('l.id')
    .forUpdate('l')
    .execute();
}

export function findAccountByDomainRow(db: Executor, orgId: OrgId, domain: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'name', 'country', 'industry', 'employee_count', 'owner_id', 'custom'])
    .where('org_id', '=', orgId)
    .where('domain', '=', domain)
    .executeTakeFirst();
}

export async function setLeadOwnerAndTeam(
  db: Executor,
  orgId: OrgId,
  leadId: LeadId,
  change: { readonly ownerId: UserId | null; readonly teamId: TeamId | null; readonly at: Date },
): Promise<void> {
  await db
    .updateTable('leads')
    .set({ owner_id: change.ownerId, team_id: change.teamId, updated_at: change.at })
    .where('org_id', '=', orgId)
    .where('id', '=', leadId)
    .execute();
}

export async function insertLeadAssignment(
  db: Executor,
  orgId: OrgId,
  row: Omit<Insertable<LeadAssignmentsTable>, 'org_id'>,
): Promise<void> {
  await db
    .insertInto('lead_assignments')
    .values({ ...row, org_id: orgId })
    .execute();
}

/** Newest first; one more than `limit` so the caller can tell whether there are more. */
export function listLeadAssignmentRows(db: Executor, orgId: OrgId, leadId: LeadId, limit: number) {
  return db
    .selectFrom('lead_assignments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .orderBy('assigned_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}
