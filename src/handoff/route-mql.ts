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
  type OrgId,
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
import { findRoutingRows, type LockedRouting, type RoutingRows, routingRowsOf } from './routing.store.ts';
import type { RoundRobinState, RoutingRuleKind } from './routing.ts';
import { routingLeadOf, routingSetupOf } from './routing-setup.ts';
import { type HandoffSettingsRow, loadHandoffSettings } from './settings.store.ts';
import type { WatchedClock } from './sla-clocks.store.ts';
import { type ClockStart, watchedClockOf } from './sla-clocks.ts';

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

/** What a routing decision writes besides the lead and its record: the new owner's notice and accept clock. */
export interface RoutingExtras {
  readonly notice: RoutingNotice | null;
  readonly clock: WatchedClock | null;
}

/**
 * Applies a routing result to the lead and records it, with the round-robin state to save
 * (null: unchanged); shared with reassign.ts. `clockStarted` says whether the clock in
 * `extras` was inserted (false when a clock of its kind already ran for the lead).
 */
export async function applyRouteResult(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  previousOwnerId: UserId | null,
  result: RouteResult,
  nextState: RoundRobinState | null,
  extras: RoutingExtras = { notice: null, clock: null },
): Promise<{ outcome: RouteOutcome; clockStarted: boolean }> {
  const ownerId = result.ownerId as UserId | null;
  const teamId = result.teamId as TeamId | null;
  const assignmentId = newId<AssignmentId>();
  const ruleId = (result.rule?.id ?? null) as RoutingRuleId | null;
  const ruleKind = result.rule?.kind ?? null;
  const { lead, clockStarted } = await writeRouting(trx, ctx.actor.orgId, {
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
    ...extras,
  });
  const outcome = {
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
  return { outcome, clockStarted };
}

/**
 * A routed MQL, the org's hand-off settings that routing read (and holds locked), and, when
 * asked for, the accept clock written with the decision.
 */
export interface RoutedMql {
  readonly outcome: RouteOutcome;
  readonly settings: HandoffSettingsRow;
  readonly clock: { readonly start: ClockStart; readonly started: boolean } | null;
}

/**
 * Routes a lead that has just become an MQL: the org's rules (or the built-in ones) over its
 * sales reps as they are at ctx.now, with the round-robin state held locked for the rest of
 * the caller's transaction, so concurrent MQLs of one org are routed one after the other.
 * The decision sets the lead's owner and team, saves the new state and is recorded in
 * lead_assignments, also when nobody could take the lead. `locked` is what the move into mql
 * took and read (moveLeadStage), when it could. With `startClock`, the new owner's (or the
 * team's) accept clock and the owner's notice of it are written with the decision.
 */
export async function routeMql(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  options: { readonly locked?: LockedRouting | null; readonly startClock?: boolean } = {},
): Promise<RoutedMql> {
  const { orgId } = ctx.actor;
  const { settings, rows } = await lockAndRead(trx, orgId, leadId, options.locked ?? null);
  const { lead, ...config } = rows;
  if (!lead) throw notFound('lead', leadId);
  const setup = routingSetupOf(config, ctx.now);
  const current = { ownerId: lead.owner_id, teamId: lead.team_id };
  const result = decideRoute(setup, routingLeadOf(lead), current, settings.routing_state);
  if (!options.startClock) {
    const { outcome } = await applyRouteResult(trx, ctx, leadId, lead.owner_id, result, result.nextState);
    return { outcome, settings, clock: null };
  }
  const start = {
    id: newId<SlaClockId>(),
    leadId,
    kind: 'accept' as const,
    ownerId: result.ownerId as UserId | null,
    teamId: result.teamId as TeamId | null,
  };
  const clock = watchedClockOf(start, settings, ctx.now);
  const notice = noticeOf(ctx, leadId, lead, result, settings, clock.row);
  const extras = { notice, clock };
  const routed = await applyRouteResult(trx, ctx, leadId, lead.owner_id, result, result.nextState, extras);
  return { outcome: routed.outcome, settings, clock: { start, started: routed.clockStarted } };
}

/**
 * The org's routing lock, and routing's reads as they are under it, so that a decision sees
 * the round-robin state and open-MQL counts the previous one left, and a person who left
 * sales meanwhile. Locks are taken lead first, then settings: the caller holds the lead (the
 * lifecycle transition whose stage-change hook calls this; reassign.ts takes the other
 * order, safely). The move into mql usually took the lock and read already, in one
 * statement whose snapshot may predate the lock: the state comes from the locked row, so it
 * is current, and the rest is read again only when it could be stale in a way that
 * matters: someone's open MQLs were re-routed since that snapshot (staffing_version moved),
 * or the org limits reps' open MQLs (the counts would miss decisions committed meanwhile).
 */
async function lockAndRead(
  trx: Trx,
  orgId: OrgId,
  leadId: LeadId,
  locked: LockedRouting | null,
): Promise<{ settings: HandoffSettingsRow; rows: RoutingRows }> {
  if (locked === null) {
    const settings = await loadHandoffSettings(trx, orgId, { forUpdate: true });
    return { settings, rows: await findRoutingRows(trx, orgId, leadId) };
  }
  const { settings } = locked;
  const rows = routingRowsOf(locked.reads);
  const limited = rows.users.some((user) => user.capacity !== null);
  if (settings.staffing_version === locked.staffingSeen && !limited) return { settings, rows };
  return { settings, rows: await findRoutingRows(trx, orgId, leadId) };
}

// The new owner's notice of the accept clock written with the decision.
function noticeOf(
  ctx: CommandContext,
  leadId: LeadId,
  lead: LeadLabelRow,
  result: RouteResult,
  settings: HandoffSettingsRow,
  clock: Pick<WatchedClock['row'], 'id' | 'due_at' | 'sla_hours'>,
): RoutingNotice | null {
  const ownerId = result.ownerId as UserId | null;
  if (ownerId === null || ownerId === ctx.actor.userId) return null;
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
