import type { Trx } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type AssignmentId, type LeadId, newId, type RoutingRuleId, type TeamId, type UserId } from '../shared/ids.ts';
import { findLeadFactsRow, insertLeadAssignment, setLeadOwnerAndTeam } from './assignments.store.ts';
import type { AssignmentReason } from './handoff.tables.ts';
import { decideRoute, type RouteResult } from './route-decision.ts';
import { saveRoutingState } from './routing.store.ts';
import type { RoutingRuleKind } from './routing.ts';
import { loadRoutingSetup, routingLeadOf } from './routing-setup.ts';
import { loadHandoffSettings } from './settings.store.ts';

/**
 * What routing did to one lead, for the caller to start the accept clock of the new owner
 * and notify them (hand-off.ts). Every outcome has been recorded in lead_assignments.
 */
export interface RouteOutcome {
  readonly leadId: LeadId;
  readonly assignmentId: AssignmentId;
  /** The owner before routing; for a reassignment, the deactivated person. */
  readonly previousOwnerId: UserId | null;
  /** The owner now; null when the lead waits unassigned in the queue of `teamId`. */
  readonly ownerId: UserId | null;
  /** The lead's team (its queue) now; null for the organisation-wide queue. */
  readonly teamId: TeamId | null;
  /**
   * `routed` or `reassigned_inactive` when a rule chose the owner, `manual` when the lead
   * kept the owner a person gave it, otherwise why nobody was assigned.
   */
  readonly reason: AssignmentReason;
  /** The saved rule that decided; null for a built-in default rule, a kept owner, or no rule. */
  readonly ruleId: RoutingRuleId | null;
  readonly ruleKind: RoutingRuleKind | null;
  readonly explanation: string;
  readonly at: Date;
}

/** Applies a routing result to the lead and records it; shared with reassign.ts. */
export async function applyRouteResult(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  previousOwnerId: UserId | null,
  result: RouteResult,
): Promise<RouteOutcome> {
  const { orgId } = ctx.actor;
  const ownerId = result.ownerId as UserId | null;
  const teamId = result.teamId as TeamId | null;
  await setLeadOwnerAndTeam(trx, orgId, leadId, { ownerId, teamId, at: ctx.now });
  const assignmentId = newId<AssignmentId>();
  const ruleId = (result.rule?.id ?? null) as RoutingRuleId | null;
  const ruleKind = result.rule?.kind ?? null;
  await insertLeadAssignment(trx, orgId, {
    id: assignmentId,
    lead_id: leadId,
    user_id: ownerId,
    team_id: teamId,
    rule_id: ruleId,
    rule_kind: ruleKind,
    reason: result.reason,
    explanation: result.explanation,
    assigned_at: ctx.now,
    actor_id: ctx.actor.userId,
  });
  return {
    leadId,
    assignmentId,
    previousOwnerId,
    ownerId,
    teamId,
    reason: result.reason,
    ruleId,
    ruleKind,
    explanation: result.explanation,
    at: ctx.now,
  };
}

/**
 * Routes a lead that has just become an MQL: the org's rules (or the built-in ones) over its
 * sales reps as they are at ctx.now, with the round-robin state held locked for the rest of
 * the caller's transaction, so concurrent MQLs of one org are routed one after the other.
 * The decision sets the lead's owner and team, saves the new state and is recorded in
 * lead_assignments, also when nobody could take the lead.
 */
export async function routeMql(trx: Trx, ctx: CommandContext, leadId: LeadId): Promise<RouteOutcome> {
  const { orgId } = ctx.actor;
  // Locks are taken lead first, then settings, in every routing path (reassign.ts too); the
  // lifecycle transition that calls this already holds the lead.
  const lead = await findLeadFactsRow(trx, orgId, leadId, { forUpdate: true });
  if (!lead) throw notFound('lead', leadId);
  const settings = await loadHandoffSettings(trx, orgId, { forUpdate: true });
  const setup = await loadRoutingSetup(trx, orgId, ctx.now, leadId);
  const current = { ownerId: lead.owner_id, teamId: lead.team_id };
  const result = decideRoute(setup, routingLeadOf(lead), current, settings.routing_state);
  if (result.nextState !== null) await saveRoutingState(trx, orgId, result.nextState, ctx.now);
  return applyRouteResult(trx, ctx, leadId, lead.owner_id, result);
}
