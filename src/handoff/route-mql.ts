import type { Selectable } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { LeadsTable } from '../lifecycle/lifecycle.tables.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import {
  type AssignmentId,
  type JobId,
  type LeadId,
  newId,
  type RoutingRuleId,
  type SlaClockId,
  type TeamId,
  type UserId,
} from '../shared/ids.ts';
import { type RoutingNotice, writeRouting } from './assignments.store.ts';
import type { AssignmentReason } from './handoff.tables.ts';
import type { LeadLabelRow } from './notifications.store.ts';
import { notificationRow } from './notifications.ts';
import { assignedNotice } from './notifications-handoff.ts';
import { decideRoute, type RouteResult } from './route-decision.ts';
import { findRoutingRows } from './routing.store.ts';
import type { RoundRobinState, RoutingRuleKind } from './routing.ts';
import { routingLeadOf, routingSetupOf } from './routing-setup.ts';
import { type HandoffSettingsRow, loadHandoffSettings } from './settings.store.ts';
import { clockDue } from './sla-clocks.ts';

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
  /** The lead as routing left it. */
  readonly lead: Selectable<LeadsTable>;
}

/**
 * Applies a routing result to the lead and records it, with the round-robin state to save
 * (null: unchanged); shared with reassign.ts.
 */
export async function applyRouteResult(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  previousOwnerId: UserId | null,
  result: RouteResult,
  nextState: RoundRobinState | null,
  notice: RoutingNotice | null = null,
): Promise<RouteOutcome> {
  const ownerId = result.ownerId as UserId | null;
  const teamId = result.teamId as TeamId | null;
  const assignmentId = newId<AssignmentId>();
  const ruleId = (result.rule?.id ?? null) as RoutingRuleId | null;
  const ruleKind = result.rule?.kind ?? null;
  const lead = await writeRouting(trx, ctx.actor.orgId, {
    leadId,
    ownerId,
    teamId,
    at: ctx.now,
    assignment: {
      id: assignmentId,
      rule_id: ruleId,
      rule_kind: ruleKind,
      reason: result.reason,
      explanation: result.explanation,
      assigned_at: ctx.now,
      actor_id: ctx.actor.userId,
    },
    nextState,
    notice,
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
    lead,
  };
}

/** A routed MQL, and the org's hand-off settings that routing read (and holds locked). */
export interface RoutedMql {
  readonly outcome: RouteOutcome;
  readonly settings: HandoffSettingsRow;
}

/**
 * Routes a lead that has just become an MQL: the org's rules (or the built-in ones) over its
 * sales reps as they are at ctx.now, with the round-robin state held locked for the rest of
 * the caller's transaction, so concurrent MQLs of one org are routed one after the other.
 * The decision sets the lead's owner and team, saves the new state and is recorded in
 * lead_assignments, also when nobody could take the lead.
 */
export async function routeMql(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  announce: { readonly clockId: SlaClockId } | null = null,
): Promise<RoutedMql> {
  const { orgId } = ctx.actor;
  // Locks are taken lead first, then settings, in every routing path (reassign.ts too): the
  // caller holds the lead (the lifecycle transition whose stage-change hook calls this).
  // Everything else is read after the settings lock, so that a decision sees the state
  // and counts the previous one left, and a rep deactivated meanwhile.
  const settings = await loadHandoffSettings(trx, orgId, { forUpdate: true });
  const { lead, ...config } = await findRoutingRows(trx, orgId, leadId);
  if (!lead) throw notFound('lead', leadId);
  const setup = routingSetupOf(config, ctx.now);
  const current = { ownerId: lead.owner_id, teamId: lead.team_id };
  const result = decideRoute(setup, routingLeadOf(lead), current, settings.routing_state);
  const notice = announce && noticeOf(ctx, leadId, lead, result, settings, announce.clockId);
  const outcome = await applyRouteResult(trx, ctx, leadId, lead.owner_id, result, result.nextState, notice);
  return { outcome, settings };
}

// With `announce`, the new owner's notice of the accept clock the caller starts next is
// written with the decision, in the same statement (see hand-off.ts).
function noticeOf(
  ctx: CommandContext,
  leadId: LeadId,
  lead: LeadLabelRow,
  result: RouteResult,
  settings: HandoffSettingsRow,
  clockId: SlaClockId,
): RoutingNotice | null {
  const ownerId = result.ownerId as UserId | null;
  if (ownerId === null || ownerId === ctx.actor.userId) return null;
  const clock = { id: clockId, ...clockDue(settings, 'accept', ctx.now) };
  const request = assignedNotice({
    ownerId,
    leadId,
    lead,
    explanation: result.explanation,
    calendar: settings.calendar,
    clock,
    reassignedFrom: null,
  });
  return { row: notificationRow(request, ctx.now), emailJobId: newId<JobId>() };
}
