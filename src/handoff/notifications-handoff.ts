import type { Trx } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import type { LeadId, UserId } from '../shared/ids.ts';
import { scopeOf } from './jobs-core.ts';
import {
  activePeopleWithRole,
  type LeadLabelRow,
  labelOf,
  leadLabel,
  reasonLabel,
  userName,
} from './notifications.store.ts';
import { type NotificationRequest, notify } from './notifications.ts';
import type { SlaClockRow } from './sla-clocks.store.ts';
import { dueTextIn } from './sla-clocks.ts';
import type { WorkCalendar } from './work-calendar.ts';

// What the hand-off's entry points (hand-off.ts) tell people, worded once.

/** The new owner of an MQL: what to do and by when. Nobody is told about their own doing. */
export async function notifyAssigned(
  trx: Trx,
  ctx: CommandContext,
  clock: SlaClockRow,
  routed: { readonly lead: LeadLabelRow; readonly explanation: string; readonly calendar: WorkCalendar },
  reassignedFrom: UserId | null,
): Promise<void> {
  if (!clock.owner_id || clock.owner_id === ctx.actor.userId) return;
  const scope = scopeOf(ctx);
  const from = reassignedFrom ? ((await userName(trx, scope.orgId, reassignedFrom)) ?? 'someone') : null;
  await notify(
    trx,
    scope,
    assignedNotice({ ...routed, ownerId: clock.owner_id, leadId: clock.lead_id, clock, reassignedFrom: from }),
  );
}

/**
 * The notice of an MQL to its new owner, for the accept clock that watches it (one notice
 * per clock). Routing writes it with its decision for a new MQL (route-mql.ts); routing
 * gives leads to active people only.
 */
export function assignedNotice(assigned: {
  readonly ownerId: UserId;
  readonly leadId: LeadId;
  readonly lead: LeadLabelRow;
  readonly explanation: string;
  readonly calendar: WorkCalendar;
  readonly clock: Pick<SlaClockRow, 'id' | 'due_at' | 'sla_hours'>;
  /** The name of the previous owner, for a reassignment. */
  readonly reassignedFrom: string | null;
}): NotificationRequest {
  const lead = labelOf(assigned.lead);
  const from = assigned.reassignedFrom ? ` (it was ${assigned.reassignedFrom}'s)` : '';
  const due = dueTextIn(assigned.calendar, assigned.clock).replace(/^at /, '');
  return {
    userId: assigned.ownerId,
    kind: 'lead_assigned',
    leadId: assigned.leadId,
    title: `New MQL for you: ${lead}`,
    body: `${lead} was assigned to you${from}: ${assigned.explanation}. Accept or reject it by ${due}.`,
    dedupeKey: `lead_assigned:${assigned.clock.id}`,
    recipientIsActive: true,
  };
}

export interface SentBack {
  readonly leadId: LeadId;
  readonly reasonCode: string | null;
  readonly note: string | null;
  readonly at: Date;
}

/** Every active marketing person hears that sales rejected a lead, with the reason and note. */
export async function notifyRejected(trx: Trx, ctx: CommandContext, back: SentBack): Promise<void> {
  await tellMarketing(trx, ctx, back, 'lead_rejected');
}

/** Every active marketing person hears that a lead came back to nurture, with the reason. */
export async function notifyRecycled(trx: Trx, ctx: CommandContext, back: SentBack): Promise<void> {
  await tellMarketing(trx, ctx, back, 'lead_recycled');
}

async function tellMarketing(
  trx: Trx,
  ctx: CommandContext,
  back: SentBack,
  kind: 'lead_rejected' | 'lead_recycled',
): Promise<void> {
  const scope = scopeOf(ctx);
  const people = await activePeopleWithRole(trx, scope.orgId, 'marketing');
  if (people.length === 0) return;
  const lead = await leadLabel(trx, scope.orgId, back.leadId);
  const who = (await userName(trx, scope.orgId, ctx.actor.userId)) ?? 'Sales';
  const reason = back.reasonCode
    ? `${await reasonLabel(trx, scope.orgId, kind === 'lead_rejected' ? 'reject' : 'recycle', back.reasonCode)} (${back.reasonCode})`
    : 'no reason given';
  const verb = kind === 'lead_rejected' ? 'rejected' : 'recycled to marketing';
  const note = back.note ? ` Note: ${back.note}` : '';
  for (const person of people) {
    await notify(trx, scope, {
      userId: person.id,
      kind,
      leadId: back.leadId,
      title: `${kind === 'lead_rejected' ? 'Rejected' : 'Recycled'}: ${lead} — ${reason}`,
      body: `${who} ${verb} ${lead}. Reason: ${reason}.${note}`,
      dedupeKey: `${kind}:${back.leadId}:${back.at.toISOString()}`,
    });
  }
}
