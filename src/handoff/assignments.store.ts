import { type Insertable, type QueryCreator, sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { JobId, LeadId, OrgId, TeamId, UserId } from '../shared/ids.ts';
import type { LeadAssignmentsTable, NotificationsTable } from './handoff.tables.ts';
import { withNotice } from './notifications.store.ts';
import type { RoundRobinState } from './routing.ts';
import { type WatchedClock, withWatchedClock } from './sla-clocks.store.ts';

// SQL of routing's reads and writes on leads: the facts rules match on, the owner and queue
// a decision sets, and the lead_assignments record of every decision.

/** A lead with its account's facts, as routing rules match on them. */
export function leadFactsQuery(db: QueryCreator<Database>, orgId: OrgId) {
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
      'l.first_name',
      'l.last_name',
      'l.email',
      'l.company_name',
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

/** A lead with its account's facts. */
export function findLeadFactsRow(db: Executor, orgId: OrgId, leadId: LeadId) {
  return leadFactsQuery(db, orgId).where('l.id', '=', leadId).executeTakeFirst();
}

export type LeadFactsRow = NonNullable<Awaited<ReturnType<typeof findLeadFactsRow>>>;

/** The open MQLs (stage mql) a person owns, oldest MQL first, locked until commit. */
export function listOpenMqlFactsRows(db: Executor, orgId: OrgId, ownerId: UserId) {
  return leadFactsQuery(db, orgId)
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

/** A notification to write with a routing decision, and the id of its e-mail job. */
export interface RoutingNotice {
  readonly row: Omit<Insertable<NotificationsTable>, 'org_id'>;
  readonly emailJobId: JobId;
}

/**
 * Applies a routing decision in one statement (it runs for every new MQL, under the org's
 * routing lock, which is held to commit): the lead's new owner and queue, its
 * lead_assignments record, the round-robin state when the decision changed it, and when
 * given, the accept clock with its jobs (as insertWatchedClockUnlessRunning writes them) and
 * the new owner's notice with its e-mail job (as notify() writes them). Returns the lead as
 * it is now, and whether the clock was inserted (not when one of its kind ran already).
 */
export async function writeRouting(
  db: Executor,
  orgId: OrgId,
  change: {
    readonly leadId: LeadId;
    readonly ownerId: UserId | null;
    readonly teamId: TeamId | null;
    readonly at: Date;
    readonly assignment: Omit<Insertable<LeadAssignmentsTable>, 'org_id' | 'lead_id' | 'user_id' | 'team_id'>;
    readonly nextState: RoundRobinState | null;
    readonly notice: RoutingNotice | null;
    readonly clock: WatchedClock | null;
  },
) {
  const { leadId, ownerId, teamId, at, assignment, nextState, notice, clock } = change;
  const writes = db
    .with('assignment', (db) =>
      db
        .insertInto('lead_assignments')
        .values({ ...assignment, org_id: orgId, lead_id: leadId, user_id: ownerId, team_id: teamId })
        .returning('id'),
    )
    .with('state', (db) =>
      db
        .updateTable('handoff_settings')
        .set({ routing_state: JSON.stringify(nextState ?? {}), updated_at: at })
        .where('org_id', '=', orgId)
        // No row to update when the decision left the state as it was.
        .where(sql.lit(nextState !== null))
        .returning('org_id'),
    );
  // The clock's and the notice's CTEs only extend what the statement writes; the update
  // below reads none of them (its RETURNING asks for the clock by name), so the query
  // keeps the type it has without them.
  type Writes = typeof writes;
  const creator = (query: Writes) => query as unknown as QueryCreator<Database>;
  const withClock = clock === null ? writes : (withWatchedClock(creator(writes), orgId, clock) as unknown as Writes);
  const all = notice === null ? withClock : (withNotice(creator(withClock), orgId, notice) as unknown as Writes);
  const clockStarted = clock === null ? sql<boolean>`false` : sql<boolean>`exists (select from clock)`;
  const { clock_started, ...lead } = await all
    .updateTable('leads')
    .set({ owner_id: ownerId, team_id: teamId, updated_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', leadId)
    .returningAll()
    .returning(clockStarted.as('clock_started'))
    .executeTakeFirstOrThrow();
  return { lead, clockStarted: clock_started };
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
