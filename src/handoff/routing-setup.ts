import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CustomValues } from '../lifecycle/lifecycle.tables.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import type { LeadFactsRow } from './assignments.store.ts';
import type { RoutingRulesTable } from './handoff.tables.ts';
import { ALL_REPS_POOL, DEFAULT_RULES, defaultWeight, type RoutingSetup, type RuleRef } from './route-decision.ts';
import { findRoutingRows, type SalesUserRow } from './routing.store.ts';
import type { RoutingLead, RoutingRep, RoutingRule } from './routing.ts';

// Loads what the router needs from the database: the org's rules (or the built-in ones),
// its reps as they are at `now`, and a lead's facts.

const KIND_NAMES = {
  account_owner: 'Account owner',
  territory: 'Territory',
  round_robin: 'Round-robin',
  fallback_queue: 'Fallback queue',
} as const;

export function defaultRuleName(kind: keyof typeof KIND_NAMES): string {
  return KIND_NAMES[kind];
}

type RuleRow = Selectable<RoutingRulesTable>;

// Writes validate that territory and round-robin rules name a team (replaceRoutingRules).
function requireTeam(row: RuleRow): string {
  if (row.team_id === null) throw new Error(`routing rule ${row.id} (${row.kind}) has no team`);
  return row.team_id;
}

export function toRoutingRule(row: RuleRow): RoutingRule {
  switch (row.kind) {
    case 'account_owner':
      return { kind: 'account_owner' };
    case 'territory':
      return { kind: 'territory', id: row.id, name: row.name, match: row.match, teamId: requireTeam(row) };
    case 'round_robin':
      return { kind: 'round_robin', teamId: requireTeam(row) };
    case 'fallback_queue':
      return { kind: 'fallback_queue', teamId: row.team_id };
  }
}

/** What routing reads: the org's rules, its sales people, its teams, and the open-MQL counts. */
export interface RoutingConfig {
  readonly ruleRows: readonly RuleRow[];
  readonly users: readonly SalesUserRow[];
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  /** Open MQLs by owner, counted for the reps with a capacity only. */
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * The org's routing as of `now`. Open-MQL counts leave out `exceptLeadId` (the lead being
 * routed, which is already in mql). Callers that will save a decision must hold the
 * settings row first (loadHandoffSettings forUpdate) so the counts cannot go stale.
 */
export async function loadRoutingSetup(
  db: Executor,
  orgId: OrgId,
  now: Date,
  exceptLeadId: LeadId | null,
): Promise<RoutingSetup> {
  const { lead: _, ...config } = await findRoutingRows(db, orgId, exceptLeadId);
  return routingSetupOf(config, now);
}

/** The router's view of a config and the open-MQL counts by owner; reads nothing. */
export function routingSetupOf(config: RoutingConfig, now: Date): RoutingSetup {
  const { ruleRows, users, teams, counts } = config;
  const defaultsApply = ruleRows.length === 0;
  const reps: RoutingRep[] = users.map((u) => ({
    userId: u.id,
    name: u.name,
    teamId: defaultsApply ? ALL_REPS_POOL : u.team_id,
    active: u.active,
    outOfOffice: u.out_of_office_until !== null && u.out_of_office_until > now,
    weight: u.weight ?? defaultWeight(u.role === 'sales_manager' ? 'sales_manager' : 'sales_rep'),
    openMqls: counts.get(u.id) ?? 0,
    capacity: u.capacity,
  }));
  const refs: RuleRef[] = defaultsApply
    ? DEFAULT_RULES.map((rule) => ({ id: null, name: `${defaultRuleName(rule.kind)} (default)`, kind: rule.kind }))
    : ruleRows.map((row) => ({ id: row.id, name: row.name, kind: row.kind }));
  return {
    rules: defaultsApply ? DEFAULT_RULES : ruleRows.map(toRoutingRule),
    refs,
    reps,
    repTeams: new Map(users.map((u) => [u.id, u.team_id])),
    teamNames: new Map(teams.map((t) => [t.id, t.name])),
    defaultsApply,
  };
}

/** A custom field `region` (on the lead, else its account) is the region rules match on. */
export function regionOf(...customs: readonly (CustomValues | null)[]): string | null {
  for (const custom of customs) {
    const value = custom?.region;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** The facts rules match on: the lead's country (else its account's), and its account's facts. */
export function routingLeadOf(row: LeadFactsRow): RoutingLead {
  return {
    country: row.country ?? row.account_country,
    region: regionOf(row.custom, row.account_custom),
    industry: row.account_industry,
    employeeCount: row.account_employee_count,
    accountOwnerId: row.account_owner_id,
  };
}
