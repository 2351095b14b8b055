import type { AssignmentReason } from './handoff.tables.ts';
import {
  type RoundRobinState,
  type RoutingDecision,
  type RoutingLead,
  type RoutingRep,
  type RoutingRule,
  type RoutingRuleKind,
  routeLead,
} from './routing.ts';

// What routing does around the pure router: the built-in rules of an org that saved none,
// what happens to a lead that already has an owner, and how a decision becomes an owner, a
// queue and a readable explanation. Pure: routeMql, the preview and reassignment share it,
// so the preview answers exactly what routing would do.

/**
 * The team id the built-in round-robin uses: every sales rep of the org is in it, whatever
 * their team. Never stored on a lead; an unassigned lead of this pool waits in the
 * organisation-wide queue.
 */
export const ALL_REPS_POOL = 'all-sales-reps';

/**
 * An org without saved rules routes by account owner, then by weighted round-robin over all
 * its sales reps (reps weigh 1 and managers 0 until set otherwise), so leads reach people
 * before anyone configures routing. A lead nobody can take waits in the org-wide queue.
 */
export const DEFAULT_RULES: readonly RoutingRule[] = [
  { kind: 'account_owner' },
  { kind: 'round_robin', teamId: ALL_REPS_POOL },
];

/** The weight of a rep with no routing_reps row. */
export function defaultWeight(role: 'sales_rep' | 'sales_manager'): number {
  return role === 'sales_rep' ? 1 : 0;
}

/** A rule as routing knows it, and where it came from (null id for a built-in rule). */
export interface RuleRef {
  readonly id: string | null;
  readonly name: string;
  readonly kind: RoutingRuleKind;
}

export interface RoutingSetup {
  readonly rules: readonly RoutingRule[];
  /** Parallel to `rules`. */
  readonly refs: readonly RuleRef[];
  /** With the built-in rules, every rep's teamId is ALL_REPS_POOL. */
  readonly reps: readonly RoutingRep[];
  /** Each rep's real team, by user id. */
  readonly repTeams: ReadonlyMap<string, string | null>;
  /** Team names by id, for explanations. */
  readonly teamNames: ReadonlyMap<string, string>;
  readonly defaultsApply: boolean;
}

export interface RouteResult {
  readonly ownerId: string | null;
  /** The lead's queue after the decision; null for the organisation-wide queue. */
  readonly teamId: string | null;
  readonly reason: AssignmentReason;
  readonly rule: RuleRef | null;
  readonly explanation: string;
  /** The round-robin state to save; null when it did not change. */
  readonly nextState: RoundRobinState | null;
}

export interface CurrentAssignment {
  readonly ownerId: string | null;
  readonly teamId: string | null;
}

function repName(setup: RoutingSetup, userId: string): string {
  return setup.reps.find((r) => r.userId === userId)?.name ?? userId;
}

/** Team ids in the router's explanations become names; the pool reads as what it is. */
export function nameTeams(explanation: string, teamNames: ReadonlyMap<string, string>): string {
  let text = explanation
    .replaceAll(`the queue of team ${ALL_REPS_POOL}`, 'the organisation-wide queue')
    .replaceAll(`in team ${ALL_REPS_POOL}`, 'among all sales reps')
    .replaceAll(`team ${ALL_REPS_POOL}`, 'the pool of all sales reps');
  for (const [id, name] of teamNames) text = text.replaceAll(`team ${id}`, `team '${name}'`);
  return text;
}

/** Turns the router's decision into the lead's new owner and queue. */
export function resultOf(
  setup: RoutingSetup,
  decision: RoutingDecision,
  current: CurrentAssignment,
  assignedReason: 'routed' | 'reassigned_inactive',
  state: RoundRobinState,
  prefix: readonly string[] = [],
): RouteResult {
  const rule = decision.ruleIndex === null ? null : (setup.refs[decision.ruleIndex] ?? null);
  const explanation = nameTeams([...prefix, decision.explanation].join('; '), setup.teamNames);
  if (decision.assigned) {
    return {
      ownerId: decision.userId,
      // Assigning moves the lead to its owner's team (as a manual assignment does).
      teamId: setup.repTeams.get(decision.userId) ?? current.teamId,
      reason: assignedReason,
      rule,
      explanation,
      nextState: decision.nextState === state ? null : decision.nextState,
    };
  }
  const queue = decision.queueTeamId === ALL_REPS_POOL ? null : decision.queueTeamId;
  return { ownerId: null, teamId: queue, reason: decision.reason, rule, explanation, nextState: null };
}

/**
 * Who gets a lead that just became an MQL. A lead that already has an owner who is an
 * active sales rep or manager and not out of office stays with them (reason `manual`: a
 * person chose that owner, e.g. a rep who captured the lead themselves); capacity does not
 * take a lead away from its owner. Any other lead goes through the rules.
 */
export function decideRoute(
  setup: RoutingSetup,
  lead: RoutingLead,
  current: CurrentAssignment,
  state: RoundRobinState,
): RouteResult {
  const prefix: string[] = [];
  if (current.ownerId !== null) {
    const owner = setup.reps.find((r) => r.userId === current.ownerId);
    if (owner?.active && !owner.outOfOffice) {
      return {
        ownerId: owner.userId,
        teamId: setup.repTeams.get(owner.userId) ?? current.teamId,
        reason: 'manual',
        rule: null,
        explanation: `already owned by ${repName(setup, owner.userId)}, who is active and in office: kept`,
        nextState: null,
      };
    }
    const why = owner === undefined ? 'not a sales rep' : owner.active ? 'out of office' : 'inactive';
    prefix.push(`owner ${owner?.name ?? current.ownerId} is ${why}, so the lead was routed`);
  }
  const decision = routeLead(lead, setup.rules, setup.reps, state);
  return resultOf(setup, decision, current, 'routed', state, prefix);
}
