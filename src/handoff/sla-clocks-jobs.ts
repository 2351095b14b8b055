import type { Trx } from '../db/database.ts';
import type { SlaClockId } from '../shared/ids.ts';
import type { SlaKind } from './handoff.tables.ts';
import type { OrgScope } from './jobs-core.ts';
import { leadLabel } from './notifications.store.ts';
import { notify } from './notifications.ts';
import { findClock, findEscalationManager, markClockBreached, markClockWarned } from './sla-clocks.store.ts';
import { dueText } from './sla-clocks.ts';

// The two jobs every clock schedules when it starts (sla-clocks.ts). Both run inside the
// job's transaction (jobs-core.ts inJobTransaction) and change a clock only while it is
// still running: a clock stopped in time makes its jobs do nothing, and a second run finds
// warned_at or breached_at set and does nothing either. Notifications carry a dedupe key
// per clock as a second guard.

const OBLIGATION: { readonly [K in SlaKind]: string } = {
  accept: 'accept or reject',
  first_activity: 'log a first activity on',
};

/** 'sla_due_soon': warns the owner once (for a lead without one, its team's manager). */
export async function warnDueSoon(trx: Trx, scope: OrgScope, clockId: SlaClockId): Promise<void> {
  const clock = await findClock(trx, scope.orgId, clockId, { forUpdate: true });
  if (!clock || clock.stopped_at || clock.warned_at || clock.breached_at) return;
  await markClockWarned(trx, scope.orgId, clock.id, scope.now);
  const recipient = clock.owner_id ?? (await findEscalationManager(trx, scope.orgId, null, clock.team_id));
  if (!recipient) return;
  const lead = await leadLabel(trx, scope.orgId, clock.lead_id);
  await notify(trx, scope, {
    userId: recipient,
    kind: 'sla_due_soon',
    leadId: clock.lead_id,
    title: `Due soon: ${OBLIGATION[clock.kind]} ${lead}`,
    body: `The service level to ${OBLIGATION[clock.kind]} ${lead} runs out ${await dueText(trx, scope, clock)}.`,
    dedupeKey: `sla_due_soon:${clock.id}`,
  });
}

/**
 * 'sla_due': the clock ran out while still running. Stamps the breach, tells the owner and
 * escalates to the manager of the owner's team; a lead waiting without an owner escalates
 * to its team's manager straight away. A manager who owns the lead is told once, as owner.
 */
export async function recordBreach(trx: Trx, scope: OrgScope, clockId: SlaClockId): Promise<void> {
  const clock = await findClock(trx, scope.orgId, clockId, { forUpdate: true });
  if (!clock || clock.stopped_at || clock.breached_at) return;
  const manager = await findEscalationManager(trx, scope.orgId, clock.owner_id, clock.team_id);
  const escalatedTo = manager !== null && manager !== clock.owner_id ? manager : null;
  await markClockBreached(trx, scope.orgId, clock.id, { at: scope.now, escalatedTo });
  const lead = await leadLabel(trx, scope.orgId, clock.lead_id);
  const due = await dueText(trx, scope, clock);
  if (clock.owner_id) {
    await notify(trx, scope, {
      userId: clock.owner_id,
      kind: 'sla_breached',
      leadId: clock.lead_id,
      title: `Breached: ${OBLIGATION[clock.kind]} ${lead}`,
      body: `The service level to ${OBLIGATION[clock.kind]} ${lead} ran out ${due}.${
        escalatedTo ? ' Your manager has been told.' : ''
      }`,
      dedupeKey: `sla_breached:${clock.id}`,
    });
  }
  if (escalatedTo) {
    const who = clock.owner_id ? 'its owner' : 'nobody (it waits in the team queue)';
    await notify(trx, scope, {
      userId: escalatedTo,
      kind: 'sla_escalated',
      leadId: clock.lead_id,
      title: `Escalated: ${lead} was not ${clock.kind === 'accept' ? 'accepted or rejected' : 'worked'} in time`,
      body: `The service level to ${OBLIGATION[clock.kind]} ${lead} ran out ${due}; ${who} had it.`,
      dedupeKey: `sla_escalated:${clock.id}`,
    });
  }
}
