// Ordered routing rules deciding who gets an MQL. Pure: the round-robin position lives in
// a RoundRobinState value that the caller loads, passes in, and saves from the decision.

export interface RoutingRep {
  readonly userId: string;
  /** Shown in explanations; the user id is used when absent. */
  readonly name?: string | null;
  readonly teamId: string | null;
  readonly active: boolean;
  readonly outOfOffice: boolean;
  /** Share of the team's round-robin, ≥ 0; 0 takes the rep out of the rotation. */
  readonly weight: number;
  /**
   * The rep's open MQLs, for the capacity check: counted only for a rep with a capacity
   * (routing would otherwise count every open MQL of the org on every lead), 0 otherwise.
   */
  readonly openMqls: number;
  /** Most open MQLs the rep may hold; null for no limit. */
  readonly capacity: number | null;
}

export interface RoutingLead {
  readonly country: string | null;
  readonly region: string | null;
  readonly industry: string | null;
  readonly employeeCount: number | null;
  readonly accountOwnerId: string | null;
}

/**
 * Every criterion given must match (AND); within a list any value matches (OR), compared
 * case-insensitively. An absent or empty list places no constraint. Size bounds are
 * half-open: minEmployees ≤ employeeCount < maxEmployees, so tiers such as
 * { maxEmployees: 250 } and { minEmployees: 250 } split the range with no gap or overlap.
 * A lead whose field is unknown (null) does not match a criterion on that field.
 */
export interface TerritoryMatch {
  readonly countries?: readonly string[];
  readonly regions?: readonly string[];
  readonly industries?: readonly string[];
  readonly minEmployees?: number;
  readonly maxEmployees?: number;
}

export type RoutingRule =
  | { readonly kind: 'account_owner' }
  | {
      readonly kind: 'territory';
      readonly id: string;
      readonly name: string;
      readonly match: TerritoryMatch;
      readonly teamId: string;
    }
  | { readonly kind: 'round_robin'; readonly teamId: string }
  | { readonly kind: 'fallback_queue'; readonly teamId: string | null };

export const ROUTING_RULE_KINDS = ['account_owner', 'territory', 'round_robin', 'fallback_queue'] as const;
export type RoutingRuleKind = RoutingRule['kind'];

/** Per team, per rep: the current weight of nginx's smooth weighted round-robin. */
export type RoundRobinState = { readonly [teamId: string]: { readonly [userId: string]: number } };

export const UNASSIGNED_REASONS = ['all_at_capacity', 'no_available_rep', 'fallback_queue', 'no_rule_matched'] as const;
export type UnassignedReason = (typeof UNASSIGNED_REASONS)[number];

export type RoutingDecision =
  | {
      readonly assigned: true;
      readonly userId: string;
      readonly ruleIndex: number;
      readonly ruleKind: RoutingRuleKind;
      readonly explanation: string;
      readonly nextState: RoundRobinState;
    }
  | {
      readonly assigned: false;
      readonly reason: UnassignedReason;
      readonly ruleIndex: number | null;
      /** The team whose queue the lead waits in; null for the organisation-wide queue. */
      readonly queueTeamId: string | null;
      readonly explanation: string;
    };

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function nameOf(rep: RoutingRep): string {
  return rep.name ?? rep.userId;
}

/** A rep's load against their capacity, for explanations; null for a rep without one. */
function load(rep: RoutingRep): string | null {
  return rep.capacity === null ? null : `${rep.openMqls}/${rep.capacity} open`;
}

function underCapacity(rep: RoutingRep): boolean {
  return rep.capacity === null || rep.openMqls < rep.capacity;
}

/** Why a rep cannot take a lead right now, or null when they can. Weight is not considered. */
function unavailability(rep: RoutingRep): string | null {
  if (!rep.active) return 'inactive';
  if (rep.outOfOffice) return 'out of office';
  if (!underCapacity(rep)) return `at capacity (${load(rep)})`;
  return null;
}

function inRotation(rep: RoutingRep): boolean {
  return unavailability(rep) === null && Number.isFinite(rep.weight) && rep.weight > 0;
}

function territoryMatch(lead: RoutingLead, match: TerritoryMatch): string[] | null {
  const matched: string[] = [];
  const lists = [
    ['country', match.countries, lead.country],
    ['region', match.regions, lead.region],
    ['industry', match.industries, lead.industry],
  ] as const;
  for (const [label, allowed, value] of lists) {
    if (allowed === undefined || allowed.length === 0) continue;
    if (value === null || !allowed.some((a) => same(a, value))) return null;
    matched.push(`${label} ${value}`);
  }
  if (match.minEmployees !== undefined || match.maxEmployees !== undefined) {
    const count = lead.employeeCount;
    if (count === null) return null;
    if (match.minEmployees !== undefined && count < match.minEmployees) return null;
    if (match.maxEmployees !== undefined && count >= match.maxEmployees) return null;
    matched.push(`${count} employees`);
  }
  return matched;
}

type TeamPick =
  | { readonly ok: true; readonly rep: RoutingRep; readonly nextState: RoundRobinState }
  | { readonly ok: false; readonly reason: UnassignedReason; readonly why: string };

// nginx's smooth weighted round-robin over the reps in rotation, ordered by user id so the
// choice does not depend on the order the reps were loaded in. Each pick adds every
// candidate's weight to its current weight, takes the highest (first on ties) and subtracts
// the total from it: weights 2:1:1 give A, B, C, A in every cycle of four.
function pickInTeam(teamId: string, reps: readonly RoutingRep[], state: RoundRobinState): TeamPick {
  const members = reps.filter((r) => r.teamId === teamId);
  if (members.length === 0) return { ok: false, reason: 'no_available_rep', why: `team ${teamId} has no reps` };
  const candidates = members
    .filter(inRotation)
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  if (candidates.length === 0) {
    const full = members.filter((r) => r.active && !r.outOfOffice && r.weight > 0 && !underCapacity(r));
    if (full.length > 0) {
      return { ok: false, reason: 'all_at_capacity', why: `every available rep in team ${teamId} is at capacity` };
    }
    return { ok: false, reason: 'no_available_rep', why: `no rep in team ${teamId} is active, in office and weighted` };
  }
  const previous = state[teamId] ?? {};
  const current: Record<string, number> = {};
  // Keep the position of members out of rotation so they resume where they left off;
  // drop reps who left the team so the state does not grow forever.
  for (const member of members) {
    const value = previous[member.userId];
    if (value !== undefined) current[member.userId] = value;
  }
  let total = 0;
  let best: RoutingRep | undefined;
  let bestWeight = Number.NEGATIVE_INFINITY;
  for (const rep of candidates) {
    const weight = (current[rep.userId] ?? 0) + rep.weight;
    current[rep.userId] = weight;
    total += rep.weight;
    if (weight > bestWeight) {
      best = rep;
      bestWeight = weight;
    }
  }
  if (best === undefined) return { ok: false, reason: 'no_available_rep', why: `team ${teamId} has no candidates` };
  current[best.userId] = bestWeight - total;
  return { ok: true, rep: best, nextState: { ...state, [teamId]: current } };
}

/**
 * Applies the rules in order and returns who gets the lead. The account owner rule applies
 * only when the owner is active, in office and under capacity (their weight does not
 * matter: weight is a share of the round-robin, not of their own accounts); otherwise the
 * next rule is tried. A territory or round-robin rule that matches decides the team: when
 * nobody in it can take the lead, the lead waits unassigned in that team's queue rather
 * than falling through to later rules. Never mutates its arguments.
 */
export function routeLead(
  lead: RoutingLead,
  rules: readonly RoutingRule[],
  reps: readonly RoutingRep[],
  state: RoundRobinState,
): RoutingDecision {
  const notes: string[] = [];
  const explain = (text: string): string => [...notes, text].join('; ');
  for (const [ruleIndex, rule] of rules.entries()) {
    let teamId: string;
    let why: string | null;
    switch (rule.kind) {
      case 'account_owner': {
        if (lead.accountOwnerId === null) continue;
        const owner = reps.find((r) => r.userId === lead.accountOwnerId);
        const problem = owner === undefined ? 'not a routing rep' : unavailability(owner);
        if (owner === undefined || problem !== null) {
          notes.push(`account owner ${owner === undefined ? lead.accountOwnerId : nameOf(owner)} is ${problem}`);
          continue;
        }
        const explanation = explain(
          `account owner ${nameOf(owner)} is available${load(owner) === null ? '' : ` (${load(owner)})`}`,
        );
        return { assigned: true, userId: owner.userId, ruleIndex, ruleKind: rule.kind, explanation, nextState: state };
      }
      case 'territory': {
        const matched = territoryMatch(lead, rule.match);
        if (matched === null) continue;
        teamId = rule.teamId;
        why = `territory '${rule.name}' matched ${matched.length > 0 ? matched.join(', ') : 'every lead'}`;
        break;
      }
      case 'round_robin':
        teamId = rule.teamId;
        why = null;
        break;
      case 'fallback_queue':
        return {
          assigned: false,
          reason: 'fallback_queue',
          ruleIndex,
          queueTeamId: rule.teamId,
          explanation: explain(
            `no earlier rule assigned the lead; it waits in the ${rule.teamId === null ? 'organisation-wide' : `team ${rule.teamId}`} fallback queue`,
          ),
        };
    }
    const pick = pickInTeam(teamId, reps, state);
    if (!pick.ok) {
      const waits = `${pick.why}, so the lead waits in the queue of team ${teamId}`;
      const explanation = explain(why === null ? waits : `${why}; ${waits}`);
      return { assigned: false, reason: pick.reason, ruleIndex, queueTeamId: teamId, explanation };
    }
    const { rep, nextState } = pick;
    const chose = `round-robin in team ${teamId} chose ${nameOf(rep)} (${[`weight ${rep.weight}`, load(rep)].filter(Boolean).join(', ')})`;
    const explanation = explain(why === null ? chose : `${why}; ${chose}`);
    return { assigned: true, userId: rep.userId, ruleIndex, ruleKind: rule.kind, explanation, nextState };
  }
  return {
    assigned: false,
    reason: 'no_rule_matched',
    ruleIndex: null,
    queueTeamId: null,
    explanation: explain('no routing rule matched the lead; it waits in the organisation-wide queue'),
  };
}

/**
 * "Who would get this lead?" routeLead has no side effects, so a preview is the same call
 * with the decision's nextState simply not saved.
 */
export const previewRoute = routeLead;

export interface RoutingProblem {
  readonly field: string;
  readonly message: string;
}

/** Rules after a fallback queue could never apply, so a rule list may hold one, and only last. */
export function validateRoutingRules(rules: readonly RoutingRule[]): RoutingProblem | null {
  const territoryIds = new Set<string>();
  for (const [index, rule] of rules.entries()) {
    if (rule.kind === 'fallback_queue' && index !== rules.length - 1) {
      return { field: `rules[${index}]`, message: 'the fallback queue must be the last rule' };
    }
    if (rule.kind !== 'territory') continue;
    if (territoryIds.has(rule.id)) return { field: `rules[${index}].id`, message: `territory ${rule.id} is repeated` };
    territoryIds.add(rule.id);
    const { minEmployees: min, maxEmployees: max } = rule.match;
    if ((min !== undefined && min < 0) || (max !== undefined && max < 0)) {
      return { field: `rules[${index}].match`, message: 'employee bounds cannot be negative' };
    }
    if (min !== undefined && max !== undefined && min >= max) {
      return {
        field: `rules[${index}].match.maxEmployees`,
        message: 'maxEmployees (exclusive) must exceed minEmployees',
      };
    }
  }
  return null;
}

export interface OpenMql extends RoutingLead {
  readonly leadId: string;
  readonly ownerId: string | null;
}

export interface Reassignment {
  readonly leadId: string;
  readonly decision: RoutingDecision;
}

/**
 * Re-routes the open MQLs of a deactivated rep: each lead they own goes through routeLead,
 * in the order given, with that rep inactive. Each assignment counts towards its new
 * owner's open MQLs for the rest of the batch, so capacity holds across it. Leads owned by
 * anyone else are left alone and not returned.
 */
export function reassignFromInactive(
  leads: readonly OpenMql[],
  inactiveUserId: string,
  rules: readonly RoutingRule[],
  reps: readonly RoutingRep[],
  state: RoundRobinState,
): { readonly reassignments: readonly Reassignment[]; readonly nextState: RoundRobinState } {
  let current = reps.map((r) => (r.userId === inactiveUserId ? { ...r, active: false } : r));
  let nextState = state;
  const reassignments: Reassignment[] = [];
  for (const lead of leads) {
    if (lead.ownerId !== inactiveUserId) continue;
    const decision = routeLead(lead, rules, current, nextState);
    if (decision.assigned) {
      nextState = decision.nextState;
      current = current.map((r) => (r.userId === decision.userId ? { ...r, openMqls: r.openMqls + 1 } : r));
    }
    reassignments.push({ leadId: lead.leadId, decision });
  }
  return { reassignments, nextState };
}
