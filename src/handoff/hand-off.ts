import type { Selectable } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { LeadStage } from '../lifecycle/constants.ts';
import type { LeadsTable } from '../lifecycle/lifecycle.tables.ts';
import type { CommandContext } from '../shared/context.ts';
import { type AssignmentId, type LeadId, newId, type TeamId, type UserId } from '../shared/ids.ts';
import { insertLeadAssignment } from './assignments.store.ts';
import type { SlaOutcome } from './handoff.tables.ts';
import { scopeOf } from './jobs-core.ts';
import { notifyAssigned, notifyRecycled, notifyRejected } from './notifications-handoff.ts';
import { reassignOpenMqls } from './reassign.ts';
import { type RouteOutcome, routeMql } from './route-mql.ts';
import type { LockedRouting } from './routing.store.ts';
import { type HandoffSettingsRow, loadHandoffSettings } from './settings.store.ts';
import { clearLeadOwner, findLeadOwner, listRunningClocks, moveRunningClocks } from './sla-clocks.store.ts';
import { startClock, stopClocks } from './sla-clocks.ts';

// The hand-off's entry points, called from the commands that change leads, activities and
// users, inside their transaction (see docs/handoff.md). Each one does the hand-off's part
// of that change; none of them commits or runs outside the caller's transaction.
//
// Bulk CSV import and the demo seed write leads and their stage events directly and do not
// call these: imported history is history (no clock is started for an MQL of last year, no
// one is notified of it), and the demo seed writes its own clocks and assignments.

export interface LeadStageChange {
  readonly leadId: LeadId;
  readonly from: LeadStage;
  readonly to: LeadStage;
  readonly reasonCode: string | null;
  readonly note: string | null;
  readonly at: Date;
  /**
   * For a move into mql: the routing lock and reads taken by the statement that wrote the
   * move (moveLeadStage); null when the org has no settings row yet (routing creates it).
   */
  readonly routing: LockedRouting | null;
}

/**
 * A lead just moved into `mql`: route it, start its accept clock, notify its new owner.
 * A lead nobody could take waits in its team's queue with its clock running all the same
 * (owner null): the agreement is the team's, so the team's manager is warned when it is due
 * soon and escalated to when it breaches (sla-clocks-jobs.ts). Returns the lead as routing
 * left it.
 */
export async function onBecameMql(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  locked: LockedRouting | null,
): Promise<Selectable<LeadsTable>> {
  // Routing holds the org's routing lock to commit, and every statement after it makes the
  // org's next MQL wait longer: the accept clock (with its jobs) and the owner's notice of
  // it are written with the routing decision, in one statement.
  const { outcome, settings, clock } = await routeMql(trx, ctx, leadId, { locked, startClock: true });
  if (clock && !clock.started) {
    // A clock of the lead ran already (never seen: every exit from mql stops it): keep it
    // for the same owner, else stop it as reassigned and start this one. The notice written
    // with the decision then names a clock that was not started.
    await startClock(trx, scopeOf(ctx), clock.start, { settings });
  }
  return outcome.lead;
}

async function startAcceptClock(
  trx: Trx,
  ctx: CommandContext,
  outcome: RouteOutcome,
  settings: HandoffSettingsRow,
  reassignedFrom: UserId | null,
): Promise<void> {
  const start = { leadId: outcome.leadId, kind: 'accept' as const, ownerId: outcome.ownerId, teamId: outcome.teamId };
  const clock = await startClock(trx, scopeOf(ctx), start, { settings });
  await notifyAssigned(trx, ctx, clock, { ...outcome, calendar: settings.calendar }, reassignedFrom);
}

// How a move out of mql ends the accept clock; any other move that ends a running clock
// (sal onwards: the lead moved on, or was closed) stops it as 'closed'.
const LEAVING_MQL: { readonly [S in LeadStage]?: SlaOutcome } = {
  sal: 'accepted',
  disqualified: 'rejected',
  recycled: 'recycled',
};

/** Stages from which a move to disqualified is sales sending the lead back: marketing hears why. */
const SALES_STAGES: readonly LeadStage[] = ['mql', 'sal', 'sql'];

/**
 * Every lead stage move, after its event is written. Returns the lead as the hand-off left
 * it when it changed it (routing gave it an owner, recycling took its owner away), else null.
 */
export async function onLeadStageChanged(
  trx: Trx,
  ctx: CommandContext,
  change: LeadStageChange,
): Promise<Selectable<LeadsTable> | null> {
  const scope = scopeOf(ctx);
  let changed: Selectable<LeadsTable> | null = null;
  const stop = { leadId: change.leadId, at: change.at };
  if (change.from === 'mql') {
    await stopClocks(trx, scope, { ...stop, kind: 'accept', outcome: LEAVING_MQL[change.to] ?? 'closed' });
  }
  if (change.to === 'disqualified') {
    await stopClocks(trx, scope, { ...stop, outcome: 'rejected' });
    if (SALES_STAGES.includes(change.from)) await notifyRejected(trx, ctx, change);
  } else if (change.to === 'recycled') {
    await stopClocks(trx, scope, { ...stop, outcome: 'recycled' });
    changed = await clearLeadOwner(trx, scope.orgId, change.leadId, ctx.now);
    await notifyRecycled(trx, ctx, change);
  } else if (change.to === 'mql') {
    changed = await onBecameMql(trx, ctx, change.leadId, change.routing);
  } else {
    await stopClocks(trx, scope, { ...stop, outcome: 'closed' });
  }
  if (change.from === 'mql' && change.to === 'sal') {
    // Acceptance starts the second obligation: the owner's first activity on the lead.
    const lead = await findLeadOwner(trx, scope.orgId, change.leadId);
    await startClock(trx, scope, {
      leadId: change.leadId,
      kind: 'first_activity',
      ownerId: lead?.owner_id ?? null,
      teamId: lead?.team_id ?? null,
    });
  }
  return changed;
}

/**
 * An activity was logged on a lead: the owner's first one stops the first-activity clock
 * (anyone's, for a lead without an owner). A back-dated activity from before the clock
 * started counts too, at the clock's start: the lead was worked.
 */
export async function onActivityLogged(
  trx: Trx,
  ctx: CommandContext,
  activity: { readonly leadId: LeadId; readonly userId: UserId | null; readonly occurredAt: Date },
): Promise<void> {
  const scope = scopeOf(ctx);
  const [clock] = await listRunningClocks(trx, scope.orgId, activity.leadId, 'first_activity');
  if (!clock || (clock.owner_id !== null && clock.owner_id !== activity.userId)) return;
  const at = activity.occurredAt.getTime() > ctx.now.getTime() ? ctx.now : activity.occurredAt;
  await stopClocks(trx, scope, { leadId: activity.leadId, kind: 'first_activity', outcome: 'activity', at });
}

/**
 * A user was deactivated, or given a role outside sales ("was deactivated", "left sales":
 * `why`): their open MQLs are routed again. Each reassigned lead's accept clock stops as
 * 'reassigned' and a new one starts for the new owner, who gets the full service level (or
 * the team's queue, when nobody could take it).
 */
export async function onUserLeftSales(
  trx: Trx,
  ctx: CommandContext,
  user: { readonly id: UserId; readonly name: string },
  why: string,
): Promise<void> {
  const reassignments = await reassignOpenMqls(trx, ctx, user, why);
  if (reassignments.length === 0) return;
  const settings = await loadHandoffSettings(trx, ctx.actor.orgId, { forUpdate: false });
  for (const outcome of reassignments) {
    await startAcceptClock(trx, ctx, outcome, settings, outcome.previousOwnerId);
  }
}

/**
 * Someone gave the lead another owner by hand (a manager reassigning, a rep taking it from
 * the team queue): the decision is recorded with the routing decisions, and the running
 * clocks follow the lead with their deadlines, so the new owner is the one warned.
 */
export async function onLeadOwnerChanged(
  trx: Trx,
  ctx: CommandContext,
  change: {
    readonly leadId: LeadId;
    readonly from: UserId | null;
    readonly to: UserId | null;
    readonly teamId: TeamId | null;
  },
): Promise<void> {
  if (change.from === change.to) return;
  const scope = scopeOf(ctx);
  const moved = await moveRunningClocks(trx, scope.orgId, change.leadId, { ownerId: change.to, teamId: change.teamId });
  await insertLeadAssignment(trx, scope.orgId, {
    id: newId<AssignmentId>(),
    lead_id: change.leadId,
    user_id: change.to,
    team_id: change.teamId,
    rule_id: null,
    rule_kind: null,
    reason: 'manual',
    explanation:
      change.to === null
        ? 'the owner was removed by hand; the lead waits in its team queue'
        : `assigned by hand${moved > 0 ? '; its running service-level clocks moved with it' : ''}`,
    assigned_at: ctx.now,
    actor_id: ctx.actor.userId,
  });
}
