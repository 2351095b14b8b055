import type { Insertable, QueryCreator } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database, Executor } from '../db/database.ts';
import type { LeadId, OrgId, UserId } from '../shared/ids.ts';
import { leadFactsQuery } from './assignments.store.ts';
import type { RoutingRepsTable, RoutingRulesTable } from './handoff.tables.ts';
import type { RoundRobinState } from './routing.ts';
import type { HandoffSettingsRow } from './settings.store.ts';

// SQL of routing's settings: the ordered rules, the reps' routing attributes and their open
// MQLs, and the round-robin state.

export type RoutingRuleInsert = Omit<Insertable<RoutingRulesTable>, 'org_id' | 'position' | 'created_at'>;

function routingRules(db: QueryCreator<Database>, orgId: OrgId) {
  return db.selectFrom('routing_rules').selectAll().where('org_id', '=', orgId).orderBy('position');
}

export function listRoutingRuleRows(db: Executor, orgId: OrgId) {
  return routingRules(db, orgId).execute();
}

/** Replaces the ordered list; positions are the list's indexes. */
export async function replaceRoutingRuleRows(
  db: Executor,
  orgId: OrgId,
  rules: readonly RoutingRuleInsert[],
): Promise<void> {
  await db.deleteFrom('routing_rules').where('org_id', '=', orgId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('routing_rules')
    .values(rules.map((rule, position) => ({ ...rule, org_id: orgId, position })))
    .execute();
}

function teamNames(db: QueryCreator<Database>, orgId: OrgId) {
  return db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name');
}

export function listTeamNames(db: Executor, orgId: OrgId) {
  return teamNames(db, orgId).execute();
}

function usersWithRouting(db: QueryCreator<Database>, orgId: OrgId) {
  return db
    .selectFrom('users as u')
    .leftJoin('routing_reps as r', (join) => join.onRef('r.org_id', '=', 'u.org_id').onRef('r.user_id', '=', 'u.id'))
    .select(['u.id', 'u.name', 'u.role', 'u.team_id', 'u.active', 'r.weight', 'r.capacity', 'r.out_of_office_until'])
    .where('u.org_id', '=', orgId)
    .where('u.is_machine', '=', false);
}

/**
 * The people who can be routed leads: sales reps and managers (inactive ones too unless
 * `activeOnly`, so an explanation can say an account owner is inactive), with their routing
 * attributes where set. Machine users are never reps.
 */
export function listSalesUserRows(db: Executor, orgId: OrgId, options: { readonly activeOnly: boolean }) {
  const query = salesUsers(db, orgId);
  return (options.activeOnly ? query.where('u.active', '=', true) : query).execute();
}

function salesUsers(db: QueryCreator<Database>, orgId: OrgId) {
  return usersWithRouting(db, orgId)
    .where('u.role', 'in', ['sales_rep', 'sales_manager'])
    .orderBy('u.name')
    .orderBy('u.id');
}

export type SalesUserRow = Awaited<ReturnType<typeof listSalesUserRows>>[number];

/**
 * Everything routing reads, in one statement (it runs for every new MQL): the rules, the
 * sales people (inactive ones too) and the teams, as the three functions above read them;
 * the open MQLs of the reps with a capacity, which is what the capacity checks need (counting
 * everyone's would read every open MQL of the org), leaving out the lead being routed; and
 * that lead's facts (null for no lead, or no such lead). The move into mql reads the same
 * as a subquery of its own statement (routingReads; moveLeadStage).
 */
export async function findRoutingRows(db: Executor, orgId: OrgId, leadId: LeadId | null) {
  return routingRowsOf(await routingReads(db, orgId, leadId).executeTakeFirstOrThrow());
}

/** The query of findRoutingRows, for a statement under way. */
export function routingReads(db: QueryCreator<Database>, orgId: OrgId, leadId: LeadId | null) {
  return db.selectNoFrom([
    jsonArrayFrom(routingRules(db, orgId)).as('rules'),
    jsonArrayFrom(salesUsers(db, orgId)).as('users'),
    jsonArrayFrom(teamNames(db, orgId)).as('teams'),
    jsonArrayFrom(openMqlsOfLimitedReps(db, orgId, leadId)).as('counts'),
    jsonObjectFrom(leadFactsQuery(db, orgId).where('l.id', '=', leadId)).as('lead'),
  ]);
}

export type RoutingReadsRow = Awaited<ReturnType<ReturnType<typeof routingReads>['executeTakeFirstOrThrow']>>;
export type RoutingRows = ReturnType<typeof routingRowsOf>;

/**
 * The org's routing lock taken, and routing's reads, by the statement that moved a lead into
 * mql (moveLeadStage): the locked settings row as it is now, the reads as of that
 * statement's snapshot, and the staffing_version that snapshot saw.
 */
export interface LockedRouting {
  readonly settings: HandoffSettingsRow;
  readonly reads: RoutingReadsRow;
  readonly staffingSeen: number;
}

/** What routing read, with the timestamps JSON carried as text made dates again. */
export function routingRowsOf(row: RoutingReadsRow) {
  const at = (value: Date | string) => new Date(value);
  return {
    ruleRows: row.rules.map((rule) => ({ ...rule, created_at: at(rule.created_at) })),
    users: row.users.map((user) => ({
      ...user,
      out_of_office_until: user.out_of_office_until === null ? null : at(user.out_of_office_until),
    })),
    teams: row.teams,
    counts: new Map(row.counts.map((c) => [c.owner_id, Number(c.n)] as const)),
    lead: row.lead,
  };
}

// One count per rep with a capacity, each through the open-MQL index: whatever the planner
// believes about the tables, the work is bounded by those reps' own open MQLs (a filter
// over the org's open MQLs took 64 ms at 40,000 of them, under the routing lock).
function openMqlsOfLimitedReps(db: QueryCreator<Database>, orgId: OrgId, exceptLeadId: LeadId | null) {
  return db
    .selectFrom('routing_reps as r')
    .select((eb) => [
      'r.user_id as owner_id',
      eb
        .selectFrom('leads as l')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('l.org_id', '=', 'r.org_id')
        .whereRef('l.owner_id', '=', 'r.user_id')
        .where('l.owner_id', 'is not', null)
        .where('l.stage', '=', 'mql')
        .where('l.merged_into_id', 'is', null)
        .$if(exceptLeadId !== null, (q) => q.where('l.id', '!=', exceptLeadId as LeadId))
        .as('n'),
    ])
    .where('r.org_id', '=', orgId)
    .where('r.capacity', 'is not', null);
}

function openMqlsByOwner(db: Executor, orgId: OrgId) {
  return db
    .selectFrom('leads')
    .select(['owner_id', db.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('stage', '=', 'mql')
    .where('merged_into_id', 'is', null)
    .where('owner_id', 'is not', null)
    .groupBy('owner_id');
}

/** A person (any role, not a machine user) with their routing attributes where set. */
export function findUserRoutingRow(db: Executor, orgId: OrgId, userId: UserId) {
  return usersWithRouting(db, orgId).where('u.id', '=', userId).executeTakeFirst();
}

/** Open MQLs (stage mql, not merged) per owner, everyone's. */
export async function countOpenMqlsByOwner(db: Executor, orgId: OrgId): Promise<Map<UserId, number>> {
  const rows = await openMqlsByOwner(db, orgId).execute();
  const counts = new Map<UserId, number>();
  for (const row of rows) if (row.owner_id !== null) counts.set(row.owner_id, Number(row.n));
  return counts;
}

export async function upsertRoutingRep(
  db: Executor,
  orgId: OrgId,
  rep: Omit<Insertable<RoutingRepsTable>, 'org_id'>,
): Promise<void> {
  await db
    .insertInto('routing_reps')
    .values({ ...rep, org_id: orgId })
    .onConflict((oc) =>
      oc.columns(['org_id', 'user_id']).doUpdateSet({
        weight: rep.weight ?? 1,
        capacity: rep.capacity ?? null,
        out_of_office_until: rep.out_of_office_until ?? null,
      }),
    )
    .execute();
}

/**
 * Records, under the routing lock, that someone left sales and their open MQLs are being
 * re-routed: a routing whose reads predate this sees the counter moved and reads again
 * (migration 0010, route-mql.ts).
 */
export async function bumpStaffingVersion(db: Executor, orgId: OrgId): Promise<void> {
  await db
    .updateTable('handoff_settings')
    .set((eb) => ({ staffing_version: eb('staffing_version', '+', 1) }))
    .where('org_id', '=', orgId)
    .execute();
}

/** Saves the round-robin position; the caller holds the settings row (loadHandoffSettings forUpdate). */
export async function saveRoutingState(db: Executor, orgId: OrgId, state: RoundRobinState, at: Date): Promise<void> {
  await db
    .updateTable('handoff_settings')
    .set({ routing_state: JSON.stringify(state), updated_at: at })
    .where('org_id', '=', orgId)
    .execute();
}

/** The saved round-robin position, read without locking; empty before the first routing. */
export async function findRoutingState(db: Executor, orgId: OrgId): Promise<RoundRobinState> {
  const row = await db
    .selectFrom('handoff_settings')
    .select('routing_state')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.routing_state ?? {};
}
