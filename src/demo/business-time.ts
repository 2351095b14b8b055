import { addBusinessMinutes, businessMinutesBetween, nextWorkingTime, slaDueAt } from '../handoff/sla-clock.ts';
import {
  fromZonedLocal,
  parseClock,
  type Weekday,
  type WorkCalendar,
  weekdayOf,
  zonedParts,
} from '../handoff/work-calendar.ts';

// sla-clock.ts's business-time arithmetic over a table of the calendar's working spans,
// built once for the generated year. sla-clock.ts works out each day's spans from the time
// zone on every call (about half a millisecond for a clock of a few days), which for the
// thousands of clocks of a demo org would multiply the seed time; here each call is a
// binary search. The spans are made exactly as sla-clock.ts makes them (the same local
// intervals turned into instants by fromZonedLocal, clipped so none overlaps the one
// before), so the answers are the same to the millisecond; business-time.test.ts checks
// that against sla-clock.ts itself. Outside the table the calls go to sla-clock.ts.

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

export interface BusinessTime {
  /** slaDueAt of sla-clock.ts. */
  dueAt(receivedAt: Date, slaHours: number): Date;
  /** businessMinutesBetween of sla-clock.ts. */
  minutesBetween(a: Date, b: Date): number;
  /** nextWorkingTime of sla-clock.ts. */
  nextWorking(at: Date): Date;
  /** addBusinessMinutes of sla-clock.ts. */
  addMinutes(start: Date, minutes: number): Date;
}

export function businessTime(calendar: WorkCalendar, from: Date, to: Date): BusinessTime {
  const starts: number[] = [];
  const ends: number[] = [];
  // Working ms before each span.
  const before: number[] = [];
  const holidays = new Set(calendar.holidays);
  const first = zonedParts(new Date(from.getTime() - 2 * DAY_MS), calendar.timeZone);
  let date = Date.UTC(first.year, first.month - 1, first.day);
  const lastDate = to.getTime() + 2 * DAY_MS;
  let floor = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (; date <= lastDate; date += DAY_MS) {
    const d = new Date(date);
    const [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (holidays.has(d.toISOString().slice(0, 10))) continue;
    const intervals = calendar.days[weekdayOf(year, month, day) as Weekday] ?? [];
    const at = (clock: string) => {
      const minutes = parseClock(clock) ?? 0;
      return fromZonedLocal(year, month, day, Math.floor(minutes / 60), minutes % 60, calendar.timeZone).getTime();
    };
    const spans = intervals.map((i) => ({ start: at(i.start), end: at(i.end) })).sort((a, b) => a.start - b.start);
    for (const span of spans) {
      const start = Math.max(span.start, floor);
      if (span.end <= start) continue;
      starts.push(start);
      ends.push(span.end);
      before.push(total);
      total += span.end - start;
      floor = span.end;
    }
  }
  const firstStart = starts[0] ?? Number.POSITIVE_INFINITY;
  const lastEnd = ends[ends.length - 1] ?? Number.NEGATIVE_INFINITY;
  const covers = (t: number) => t >= firstStart && t < lastEnd;

  // Index of the first span ending after t (t inside the table).
  const spanAfter = (t: number): number => {
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] ?? 0) > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // Working ms of the table before t.
  const workedBefore = (t: number): number => {
    const i = spanAfter(t);
    return (before[i] ?? 0) + Math.max(0, t - (starts[i] ?? t));
  };
  const nextWorkingMs = (t: number): number => Math.max(starts[spanAfter(t)] ?? t, t);
  // The moment `amount` working ms after t, or null when it lies past the table.
  const addMs = (t: number, amount: number): number | null => {
    if (amount === 0) return t;
    const target = workedBefore(t) + amount;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((before[mid] ?? 0) + (ends[mid] ?? 0) - (starts[mid] ?? 0) >= target) hi = mid;
      else lo = mid + 1;
    }
    const reached = (before[lo] ?? 0) + (ends[lo] ?? 0) - (starts[lo] ?? 0);
    return reached >= target ? (starts[lo] ?? 0) + (target - (before[lo] ?? 0)) : null;
  };

  return {
    dueAt(receivedAt, slaHours) {
      const t = receivedAt.getTime();
      const due = covers(t) ? addMs(nextWorkingMs(t), Math.round(slaHours * 60 * MINUTE_MS)) : null;
      return due === null ? slaDueAt(receivedAt, slaHours, calendar) : new Date(due);
    },
    minutesBetween(a, b) {
      const [x, y] = [a.getTime(), b.getTime()];
      if (y <= x) return 0;
      if (!covers(x) || !covers(y)) return businessMinutesBetween(a, b, calendar);
      return (workedBefore(y) - workedBefore(x)) / MINUTE_MS;
    },
    nextWorking(at) {
      const t = at.getTime();
      return covers(t) ? new Date(nextWorkingMs(t)) : nextWorkingTime(at, calendar);
    },
    addMinutes(start, minutes) {
      const t = start.getTime();
      const end = covers(t) ? addMs(t, Math.round(minutes * MINUTE_MS)) : null;
      return end === null ? addBusinessMinutes(start, minutes, calendar) : new Date(end);
    },
  };
}
