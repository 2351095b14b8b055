// A work calendar and the conversions between UTC instants and local wall time it needs.
// Everything is computed with Intl so that offsets, DST and non-hour zones come from the
// platform's time-zone database rather than from hand-written tables.

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** ISO weekday: Monday is 1, Sunday is 7. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock interval, half-open [start, end). `end` may be '24:00' for "until midnight". */
export interface WorkInterval {
  readonly start: string;
  readonly end: string;
}

export interface WorkCalendar {
  /** IANA time zone, e.g. 'Europe/Berlin'. */
  readonly timeZone: string;
  readonly days: { readonly [D in Weekday]?: readonly WorkInterval[] };
  /** Local dates 'YYYY-MM-DD' on which nobody works. */
  readonly holidays: readonly string[];
}

export interface CalendarProblem {
  readonly field: string;
  readonly message: string;
}

export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly weekday: Weekday;
}

const NINE_TO_FIVE: readonly WorkInterval[] = [{ start: '09:00', end: '17:00' }];

/** Monday to Friday, 09:00–17:00, no holidays. */
export function DEFAULT_CALENDAR(timeZone: string): WorkCalendar {
  return {
    timeZone,
    days: { 1: NINE_TO_FIVE, 2: NINE_TO_FIVE, 3: NINE_TO_FIVE, 4: NINE_TO_FIVE, 5: NINE_TO_FIVE },
    holidays: [],
  };
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after local midnight for 'HH:MM' ('24:00' is 1440), or null when malformed. */
export function parseClock(value: string): number | null {
  if (value === '24:00') return 24 * 60;
  const match = CLOCK.exec(value);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The first problem with a calendar, naming the field as a dotted path, or null when it is usable. */
export function validateCalendar(calendar: WorkCalendar): CalendarProblem | null {
  if (typeof calendar.timeZone !== 'string' || !isValidTimeZone(calendar.timeZone)) {
    return { field: 'timeZone', message: `'${String(calendar.timeZone)}' is not an IANA time zone` };
  }
  for (const key of Object.keys(calendar.days)) {
    if (!WEEKDAYS.some((d) => String(d) === key)) {
      return { field: `days.${key}`, message: 'weekdays are numbered 1 (Monday) to 7 (Sunday)' };
    }
  }
  let working = 0;
  for (const weekday of WEEKDAYS) {
    const intervals = calendar.days[weekday] ?? [];
    const parsed: { start: number; end: number; index: number }[] = [];
    for (const [index, interval] of intervals.entries()) {
      const field = `days.${weekday}[${index}]`;
      const start = parseClock(interval.start);
      const end = parseClock(interval.end);
      if (start === null || start === 24 * 60) {
        return { field: `${field}.start`, message: `'${interval.start}' is not a time HH:MM between 00:00 and 23:59` };
      }
      if (end === null) {
        return { field: `${field}.end`, message: `'${interval.end}' is not a time HH:MM between 00:00 and 24:00` };
      }
      if (start >= end) {
        return {
          field: `${field}.end`,
          message: `the interval ends (${interval.end}) before it starts (${interval.start})`,
        };
      }
      parsed.push({ start, end, index });
    }
    parsed.sort((a, b) => a.start - b.start);
    for (let i = 1; i < parsed.length; i++) {
      const previous = parsed[i - 1];
      const current = parsed[i];
      if (previous !== undefined && current !== undefined && current.start < previous.end) {
        return {
          field: `days.${weekday}[${current.index}]`,
          message: `the interval overlaps days.${weekday}[${previous.index}]`,
        };
      }
    }
    working += parsed.length;
  }
  if (working === 0) return { field: 'days', message: 'the calendar has no working interval in the week' };
  for (const [index, holiday] of calendar.holidays.entries()) {
    if (!isValidDate(holiday)) {
      return { field: `holidays[${index}]`, message: `'${holiday}' is not a date YYYY-MM-DD` };
    }
  }
  return null;
}

// Constructing a DateTimeFormat is far slower than using one, and the arithmetic calls
// zonedParts a few times per day spanned; the cache holds one formatter per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

/** ISO weekday of a proleptic Gregorian date. */
export function weekdayOf(year: number, month: number, day: number): Weekday {
  const sundayZero = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as Weekday;
}

/** The local wall-clock reading of an instant in a time zone. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const millisecond = ((date.getTime() % 1000) + 1000) % 1000;
  return { ...fields, millisecond, weekday: weekdayOf(fields.year, fields.month, fields.day) };
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - instant;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant at which the zone's wall clock reads the given local time. Hour 24 means
 * midnight of the next day. A local time skipped by a spring-forward gap moves forward by
 * the gap (02:30 on a day that jumps 02:00→03:00 becomes 03:30); a local time repeated by a
 * fall-back overlap takes the earlier of its two instants. These are Temporal's
 * 'compatible' rules. Assumes at most one offset change within a day of the local time.
 */
export function fromZonedLocal(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  // The business-hours arithmetic asks for the same few readings (a working day's start and
  // end) over and over, and each answer costs two to four formatToParts: answers are kept,
  // a bounded number of them (the function is pure).
  const key = `${timeZone} ${year} ${month} ${day} ${hour} ${minute}`;
  const known = zonedInstants.get(key);
  if (known !== undefined) return new Date(known);
  if (zonedInstants.size >= ZONED_INSTANTS_KEPT) zonedInstants.clear();
  const instant = zonedInstant(year, month, day, hour, minute, timeZone);
  zonedInstants.set(key, instant);
  return new Date(instant);
}

const ZONED_INSTANTS_KEPT = 10_000;
const zonedInstants = new Map<string, number>();

function zonedInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  if (before === after) return local - before;
  const earlier = local - before;
  const later = local - after;
  const earlierExists = offsetAt(earlier, timeZone) === before;
  const laterExists = offsetAt(later, timeZone) === after;
  if (earlierExists && laterExists) return Math.min(earlier, later);
  if (laterExists) return later;
  // Either only the pre-transition reading exists, or the time falls in a gap: reading it
  // with the offset from before the gap lands the same distance past the gap's end.
  return earlier;
}
