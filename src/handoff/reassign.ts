import type { Trx } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import type { LeadId, UserId } from '../shared/ids.ts';
import { listOpenMqlFactsRows } from './assignments.store.ts';
import { resultOf } from './route-decision.ts';
import { applyRouteResult, type RouteOutcome } from './route-mql.ts';
import { bumpStaffingVersion, saveRoutingState } from './routing.store.ts';
import { reassignFromInactive } from './routing.ts';
import { loadRoutingSetup, routingLeadOf } from './routing-setup.ts';
import { loadHandoffSettings } from './settings.store.ts';

/**
 * One open MQL of a deactivated person, routed again: `previousOwnerId` is that person,
 * `ownerId` the new owner (null when the lead now waits in the queue of `teamId`). The
 * caller stops the old owner's accept clock and starts the new owner's.
 */
export type Reassignment = RouteOutcome;

/**
 * Routes again every open MQL (stage mql) a user owns who was deactivated or left sales,
 * oldest first, with the org's rules and that user out of the rotation; `why` ends the
 * explanation's first clause ("Ana was deactivated"); each new assignment counts towards its
 * owner's capacity for the rest of the batch. Each lead's new owner and queue are recorded
 * in lead_assignments: reason `reassigned_inactive` when someone took it, otherwise why
 * nobody could. Leads past mql (accepted and later) stay with the person, for a manager to
 * hand over. Returns nothing for a person who owns no open MQL.
 */
export async function reassignOpenMqls(
  trx: Trx,
  ctx: CommandContext,
  user: { readonly id: UserId; readonly name: string },
  why: string,
): Promise<Reassignment[]> {
  const userId = user.id;
  const { orgId } = ctx.actor;
  // The org's routing lock first, also when the person turns out to own no open MQL, and
  // staffing_version bumped under it: a routing that read this person as available before
  // this commits either holds the lock now (its lead is then among those listed below, read
  // after it committed) or waits for it, finds the version moved and reads again. Routing
  // takes a lead and then this lock, but never a lead that is already someone's open MQL,
  // which is all that is locked here, so the two orders cannot deadlock.
  const settings = await loadHandoffSettings(trx, orgId, { forUpdate: true });
  await bumpStaffingVersion(trx, orgId);
  const leads = await listOpenMqlFactsRows(trx, orgId, userId);
  if (leads.length === 0) return [];
  // The batch's own leads are still counted for the deactivated person, who is out of the
  // rotation anyway; everyone else's counts are current.
  const setup = await loadRoutingSetup(trx, orgId, ctx.now, null);
  const open = leads.map((row) => ({ ...routingLeadOf(row), leadId: row.id, ownerId: row.owner_id }));
  const { reassignments, nextState } = reassignFromInactive(
    open,
    userId,
    setup.rules,
    setup.reps,
    settings.routing_state,
  );
  if (nextState !== settings.routing_state) await saveRoutingState(trx, orgId, nextState, ctx.now);
  const outcomes: Reassignment[] = [];
  for (const { leadId, decision } of reassignments) {
    const row = leads.find((l) => l.id === leadId);
    const current = { ownerId: userId, teamId: row?.team_id ?? null };
    const result = resultOf(setup, decision, current, 'reassigned_inactive', settings.routing_state, [
      `${user.name} ${why}`,
    ]);
    outcomes.push((await applyRouteResult(trx, ctx, leadId as LeadId, userId, result, null)).outcome);
  }
  return outcomes;
}
