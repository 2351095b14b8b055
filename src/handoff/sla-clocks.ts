import type { Trx } from '../db/database.ts';
import { type LeadId, newId, type SlaClockId, type TeamId, type UserId } from '../shared/ids.ts';
import type { SlaKind, SlaOutcome } from './handoff.tables.ts';
import { insertJobs } from './jobs.store.ts';
import { type JobRequest, newJobOf, type OrgScope } from './jobs-core.ts';
import { type HandoffSettingsRow, loadHandoffSettings } from './settings.store.ts';
import { addBusinessMinutes, businessMinutesBetween, nextWorkingTime, slaDueAt } from './sla-clock.ts';
import {
  insertClock,
  insertWatchedClockUnlessRunning,
  listRunningClocks,
  type SlaClockRow,
  stopClockRow,
  type WatchedClock,
} from './sla-clocks.store.ts';
import type { WorkCalendar } from './work-calendar.ts';

// The SLA clocks (docs/handoff.md): one row per obligation, started and stopped by the
// hand-off's entry points (hand-off.ts) inside the command that caused them, and watched by
// two jobs each, scheduled in the same transaction: 'sla_due_soon' warns the owner,
// 'sla_due' records the breach and escalates (sla-clocks-jobs.ts).

export interface ClockStart {
  /** Chosen by a caller that refers to the clock before it is started (routing's notice). */
  readonly id?: SlaClockId;
  readonly leadId: LeadId;
  readonly kind: SlaKind;
  /** Null for a lead waiting in a team's queue: its clock runs all the same (see hand-off.ts). */
  readonly ownerId: UserId | null;
  readonly teamId: TeamId | null;
}

export function slaHoursOf(settings: HandoffSettingsRow, kind: SlaKind): number {
  return kind === 'accept' ? settings.accept_sla_hours : settings.first_activity_sla_hours;
}

/**
 * The moment a clock becomes "due soon": slaStatus (sla-clock.ts) says so once fewer
 * business minutes are left than the smaller of 25% of the SLA and 60 minutes.
 */
export function dueSoonAt(startedAt: Date, slaHours: number, calendar: WorkCalendar): Date {
  const slaMinutes = slaHours * 60;
  const warning = Math.min(slaMinutes * 0.25, 60);
  return addBusinessMinutes(nextWorkingTime(startedAt, calendar), slaMinutes - warning, calendar);
}

/**
 * Starts a clock, due in the org's business hours. A clock of that kind already running for
 * the lead is kept when its owner is the same (starting twice changes nothing) and
 * otherwise stopped as 'reassigned', so a lead never has two clocks of one kind. A caller
 * that has the org's settings at hand passes them.
 */
export async function startClock(
  trx: Trx,
  scope: OrgScope,
  start: ClockStart,
  known: { readonly settings?: HandoffSettingsRow } = {},
): Promise<SlaClockRow> {
  const { orgId, now } = scope;
  const settings = known.settings ?? (await loadHandoffSettings(trx, orgId, { forUpdate: false }));
  const watched = watchedClockOf(start, settings, now);
  // Usually no clock of the kind runs (the one before was stopped when the lead left the
  // stage), and one insert of the clock with its jobs is all there is to it.
  const started = await insertWatchedClockUnlessRunning(trx, orgId, watched);
  if (started) return started;
  const [running] = await listRunningClocks(trx, orgId, start.leadId, start.kind);
  if (running && running.owner_id === start.ownerId) return running;
  if (running) await stopRow(trx, scope, running, settings.calendar, 'reassigned', now);
  const restarted = await insertClock(trx, orgId, watched.row);
  await insertJobs(trx, orgId, watched.watchers);
  return restarted;
}

/** The row of a clock started at `now` under the org's settings, and the jobs that watch it. */
export function watchedClockOf(start: ClockStart, settings: HandoffSettingsRow, now: Date): WatchedClock {
  const row = {
    id: start.id ?? newId<SlaClockId>(),
    lead_id: start.leadId,
    kind: start.kind,
    owner_id: start.ownerId,
    team_id: start.teamId,
    started_at: now,
    ...clockDue(settings, start.kind, now),
    stopped_at: null,
    outcome: null,
    business_minutes: null,
    warned_at: null,
    breached_at: null,
    escalated_to: null,
  };
  return { row, watchers: clockJobs(row, settings.calendar).map(newJobOf) };
}

/** The hours and deadline of a clock of that kind started at `at`. */
function clockDue(settings: HandoffSettingsRow, kind: SlaKind, at: Date): { sla_hours: number; due_at: Date } {
  const slaHours = slaHoursOf(settings, kind);
  return { sla_hours: slaHours, due_at: slaDueAt(at, slaHours, settings.calendar) };
}

/** The two jobs that watch a running clock: the warning when it is due soon, and the breach. */
export function clockJobs(
  clock: Pick<SlaClockRow, 'id' | 'started_at' | 'due_at' | 'sla_hours'>,
  calendar: WorkCalendar,
): JobRequest[] {
  const payload = { clockId: clock.id };
  return [
    {
      kind: 'sla_due_soon',
      runAt: dueSoonAt(clock.started_at, clock.sla_hours, calendar),
      payload,
      dedupeKey: clock.id,
    },
    // The deadline is inclusive (met at due_at exactly), so the breach check runs one
    // millisecond after it: the first moment at which the clock is breached.
    { kind: 'sla_due', runAt: new Date(clock.due_at.getTime() + 1), payload, dedupeKey: clock.id },
  ];
}

/**
 * Stops the lead's running clocks (of one kind, or all) with an outcome, fixing their
 * business minutes. `at` is when the obligation ended (a back-dated stage move stops the
 * clock at its own time), never before the clock started. Returns the clocks it stopped;
 * none running is not an error.
 */
export async function stopClocks(
  trx: Trx,
  scope: OrgScope,
  stop: { readonly leadId: LeadId; readonly kind?: SlaKind; readonly outcome: SlaOutcome; readonly at: Date },
): Promise<SlaClockRow[]> {
  const running = await listRunningClocks(trx, scope.orgId, stop.leadId, stop.kind);
  if (running.length === 0) return [];
  const settings = await loadHandoffSettings(trx, scope.orgId, { forUpdate: false });
  const stopped: SlaClockRow[] = [];
  for (const clock of running) stopped.push(await stopRow(trx, scope, clock, settings.calendar, stop.outcome, stop.at));
  return stopped;
}

function stopRow(
  trx: Trx,
  scope: OrgScope,
  clock: SlaClockRow,
  calendar: WorkCalendar,
  outcome: SlaOutcome,
  at: Date,
): Promise<SlaClockRow> {
  const stoppedAt = at.getTime() < clock.started_at.getTime() ? clock.started_at : at;
  // Whole minutes, rounded down, like slaStatus's minutes left.
  const businessMinutes = Math.floor(businessMinutesBetween(clock.started_at, stoppedAt, calendar));
  return stopClockRow(trx, scope.orgId, clock.id, { at: stoppedAt, outcome, businessMinutes });
}

/** "at 12 Jan 2026, 16:00 (Europe/Berlin; 8 business hours)": a clock's deadline in the org's calendar. */
export async function dueText(trx: Trx, scope: OrgScope, clock: SlaClockRow): Promise<string> {
  const { calendar } = await loadHandoffSettings(trx, scope.orgId, { forUpdate: false });
  return dueTextIn(calendar, clock);
}

export function dueTextIn(calendar: WorkCalendar, clock: Pick<SlaClockRow, 'due_at' | 'sla_hours'>): string {
  const formatted = deadlineFormat(calendar.timeZone).format(clock.due_at);
  return `at ${formatted} (${calendar.timeZone}; ${clock.sla_hours} business hours)`;
}

// Making a formatter costs far more than using one, and every notification of a deadline
// needs one: one per time zone, kept.
const deadlineFormats = new Map<string, Intl.DateTimeFormat>();

function deadlineFormat(timeZone: string): Intl.DateTimeFormat {
  let format = deadlineFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    deadlineFormats.set(timeZone, format);
  }
  return format;
}
