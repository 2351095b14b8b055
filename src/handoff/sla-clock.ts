import {
  fromZonedLocal,
  parseClock,
  validateCalendar,
  type Weekday,
  type WorkCalendar,
  weekdayOf,
  zonedParts,
} from './work-calendar.ts';

// Business-hours arithmetic. Working time is a sequence of half-open UTC spans
// [start, end), produced one local day at a time, so every operation costs O(days spanned)
// however long the SLA is. A moment exactly at an interval's end is not working time, and
// adding business time that runs out exactly at an interval's end returns that end (a 1 h
// SLA from 16:00 in a 9–17 calendar is due 17:00 the same day, not 09:00 the next).

export const SLA_STATES = ['on_track', 'due_soon', 'breached', 'met', 'met_late'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaStatus {
  readonly dueAt: Date;
  readonly state: SlaState;
  /**
   * Whole business minutes from now (or from doneAt) to dueAt, rounded down; negative once
   * past due. Time past due outside working hours does not count, so a breach can show 0.
   */
  readonly businessMinutesLeft: number;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

interface CompiledCalendar {
  readonly timeZone: string;
  readonly days: ReadonlyMap<Weekday, readonly { readonly start: number; readonly end: number }[]>;
  readonly holidays: ReadonlySet<string>;
}

const MINUTE_MS = 60_000;

function compile(calendar: WorkCalendar): CompiledCalendar {
  const problem = validateCalendar(calendar);
  if (problem !== null) throw new Error(`invalid work calendar: ${problem.field}: ${problem.message}`);
  const days = new Map<Weekday, { start: number; end: number }[]>();
  for (const [key, intervals] of Object.entries(calendar.days)) {
    const minutes = (intervals ?? []).map((i) => ({ start: parseClock(i.start) ?? 0, end: parseClock(i.end) ?? 0 }));
    days.set(Number(key) as Weekday, minutes);
  }
  return { timeZone: calendar.timeZone, days, holidays: new Set(calendar.holidays) };
}

function instant(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate({ year, month, day }: LocalDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function spansOn(date: LocalDate, calendar: CompiledCalendar): Span[] {
  if (calendar.holidays.has(isoDate(date))) return [];
  const intervals = calendar.days.get(weekdayOf(date.year, date.month, date.day)) ?? [];
  const at = (minutes: number): number =>
    fromZonedLocal(
      date.year,
      date.month,
      date.day,
      Math.floor(minutes / 60),
      minutes % 60,
      calendar.timeZone,
    ).getTime();
  // Sorted by instant, not by wall time: an interval inside a spring-forward gap is shifted
  // past the gap and may then start after a later interval does.
  return intervals.map((i) => ({ start: at(i.start), end: at(i.end) })).sort((a, b) => a.start - b.start);
}

// Yields working spans in order, clipped so none starts before `from` or overlaps the
// previous one. Never finishes; callers stop pulling when they have their answer.
function* workingSpans(from: number, calendar: CompiledCalendar): Generator<Span, never, undefined> {
  const p = zonedParts(new Date(from), calendar.timeZone);
  // Start a day early: a previous day's interval ending at 24:00 can reach past midnight
  // when midnight itself is skipped by a DST gap.
  let date = addDays({ year: p.year, month: p.month, day: p.day }, -1);
  let floor = from;
  let idleDays = 0;
  // Each holiday can cost at most a week when only one weekday works, so this bound is
  // only reached by a calendar that truly never works again.
  const idleLimit = 7 * (calendar.holidays.size + 2);
  for (;;) {
    let worked = false;
    for (const span of spansOn(date, calendar)) {
      const start = Math.max(span.start, floor);
      if (span.end > start) {
        worked = true;
        floor = span.end;
        yield { start, end: span.end };
      }
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > idleLimit) {
      throw new Error(`the work calendar has no working time in the ${idleLimit} days up to ${isoDate(date)}`);
    }
    date = addDays(date, 1);
  }
}

function addBusinessMs(from: number, amount: number, calendar: CompiledCalendar): number {
  if (amount === 0) return from;
  const spans = workingSpans(from, calendar);
  let remaining = amount;
  for (;;) {
    const span = spans.next().value;
    const length = span.end - span.start;
    if (remaining <= length) return span.start + remaining;
    remaining -= length;
  }
}

function businessMsBetween(a: number, b: number, calendar: CompiledCalendar): number {
  if (b <= a) return 0;
  const spans = workingSpans(a, calendar);
  let total = 0;
  for (;;) {
    const span = spans.next().value;
    if (span.start >= b) return total;
    total += Math.min(span.end, b) - span.start;
    if (span.end >= b) return total;
  }
}

function nextWorkingMs(at: number, calendar: CompiledCalendar): number {
  return workingSpans(at, calendar).next().value.start;
}

function durationMs(amount: number, unitMs: number, name: string): number {
  if (!Number.isFinite(amount) || amount < 0)
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${amount}`);
  return Math.round(amount * unitMs);
}

export function isWorkingTime(at: Date, calendar: WorkCalendar): boolean {
  const ms = instant(at, 'at');
  return nextWorkingMs(ms, compile(calendar)) === ms;
}

/** `at` itself when it is working time, otherwise the start of the next working interval. */
export function nextWorkingTime(at: Date, calendar: WorkCalendar): Date {
  return new Date(nextWorkingMs(instant(at, 'at'), compile(calendar)));
}

/** Adding 0 returns `start` unchanged, even outside working time. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: WorkCalendar): Date {
  const amount = durationMs(minutes, MINUTE_MS, 'minutes');
  return new Date(addBusinessMs(instant(start, 'start'), amount, compile(calendar)));
}

export function addBusinessHours(start: Date, hours: number, calendar: WorkCalendar): Date {
  const amount = durationMs(hours, 60 * MINUTE_MS, 'hours');
  return new Date(addBusinessMs(instant(start, 'start'), amount, compile(calendar)));
}

/** Working minutes in [a, b); 0 when b <= a. A fraction when a or b is not on a whole minute. */
export function businessMinutesBetween(a: Date, b: Date, calendar: WorkCalendar): number {
  return businessMsBetween(instant(a, 'a'), instant(b, 'b'), compile(calendar)) / MINUTE_MS;
}

// Business hours, not wall-clock: the clock starts at the next working moment, so with a
// 1 h SLA in a 09:00–18:00 calendar an MQL created Friday 17:55 is due Monday 09:55.
export function slaDueAt(receivedAt: Date, slaHours: number, calendar: WorkCalendar): Date {
  const compiled = compile(calendar);
  const amount = durationMs(slaHours, 60 * MINUTE_MS, 'slaHours');
  return new Date(addBusinessMs(nextWorkingMs(instant(receivedAt, 'receivedAt'), compiled), amount, compiled));
}

/**
 * The deadline is inclusive: done at dueAt is met, and the SLA is breached only once `now`
 * is past dueAt. It is due soon when fewer business minutes are left than the smaller of
 * 25% of the SLA and 60 minutes.
 */
export function slaStatus(
  receivedAt: Date,
  slaHours: number,
  calendar: WorkCalendar,
  now: Date,
  doneAt?: Date,
): SlaStatus {
  const compiled = compile(calendar);
  const received = instant(receivedAt, 'receivedAt');
  const slaMs = durationMs(slaHours, 60 * MINUTE_MS, 'slaHours');
  const due = addBusinessMs(nextWorkingMs(received, compiled), slaMs, compiled);
  // A clock a little behind the one that stamped receivedAt must not show more than the SLA.
  const from = Math.max(instant(doneAt ?? now, doneAt === undefined ? 'now' : 'doneAt'), received);
  const leftMs = from <= due ? businessMsBetween(from, due, compiled) : -businessMsBetween(due, from, compiled);
  const businessMinutesLeft = Math.floor(leftMs / MINUTE_MS) || 0;
  const dueAt = new Date(due);
  if (doneAt !== undefined) return { dueAt, state: from <= due ? 'met' : 'met_late', businessMinutesLeft };
  if (from > due) return { dueAt, state: 'breached', businessMinutesLeft };
  const dueSoonMs = Math.min(slaMs * 0.25, 60 * MINUTE_MS);
  return { dueAt, state: leftMs < dueSoonMs ? 'due_soon' : 'on_track', businessMinutesLeft };
}
