import type { Random } from '../shared/random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR_DAYS = 365;

const WORK_START = 9 * HOUR;
const WORK_END = 17.5 * HOUR;

/** The generated year in the organisation's time zone, as epoch milliseconds. */
export interface DemoCalendar {
  /** The start of the year that ends at `now`. */
  readonly start: number;
  readonly now: number;
  /** Moves to the next moment inside working hours (Mon–Fri 09:00–17:30 local). */
  nextWorkingMoment(t: number): number;
  /** Adds hours that count only inside working hours. */
  addWorkingHours(t: number, hours: number): number;
  /** A random working moment no earlier than `t`, on its working day or the next one. */
  workingTimeFrom(t: number, random: Random): number;
  /** A random time on the given day of the year, mostly inside office hours. */
  timeOnDay(day: number, random: Random): number;
  /** The local calendar date, 'YYYY-MM-DD'. */
  localDate(t: number): string;
}

// Offsets are looked up once per day and cached: DST moves them twice a year, and calling
// Intl for every generated event would dominate the generator's time.
export function demoCalendar(now: Date, timeZone: string): DemoCalendar {
  const end = now.getTime();
  const start = end - YEAR_DAYS * DAY;
  const offsets = dailyOffsets(start - DAY, 3 * YEAR_DAYS, timeZone);
  const offsetAt = (t: number): number => {
    const index = Math.min(offsets.length - 1, Math.max(0, Math.floor((t - start) / DAY) + 1));
    return offsets[index] ?? 0;
  };
  const local = (t: number) => {
    const offset = offsetAt(t);
    const wall = t + offset;
    const dayNumber = Math.floor(wall / DAY);
    // 1970-01-01 was a Thursday; weekday 0 is Sunday.
    return { offset, dayNumber, intoDay: wall - dayNumber * DAY, weekday: (dayNumber + 4) % 7 };
  };
  const isWorkday = (weekday: number) => weekday >= 1 && weekday <= 5;

  const nextWorkingMoment = (t: number): number => {
    const { offset, dayNumber, intoDay, weekday } = local(t);
    if (isWorkday(weekday) && intoDay < WORK_END) {
      return intoDay >= WORK_START ? t : dayNumber * DAY + WORK_START - offset;
    }
    let next = dayNumber + 1;
    while (!isWorkday((next + 4) % 7)) next += 1;
    return next * DAY + WORK_START - offset;
  };

  return {
    start,
    now: end,
    nextWorkingMoment,
    addWorkingHours(t, hours) {
      let at = nextWorkingMoment(t);
      let remaining = Math.max(0, hours) * HOUR;
      for (;;) {
        const { intoDay } = local(at);
        const available = WORK_END - intoDay;
        if (remaining <= available) return Math.round(at + remaining);
        remaining -= available;
        at = nextWorkingMoment(at + available + MINUTE);
      }
    },
    workingTimeFrom(t, random) {
      const from = Math.ceil(nextWorkingMoment(t));
      const { intoDay } = local(from);
      return from + Math.floor(random.next() * (WORK_END - intoDay));
    },
    timeOnDay(day, random) {
      const dayStart = start + day * DAY;
      let t = dayStart + Math.floor(random.next() * DAY);
      for (let attempt = 0; attempt < 3; attempt++) {
        const { intoDay, weekday } = local(t);
        if (isWorkday(weekday) && intoDay >= 8 * HOUR && intoDay < 19 * HOUR) break;
        if (random.chance(0.25)) break;
        t = dayStart + Math.floor(random.next() * DAY);
      }
      return Math.min(Math.floor(t), end);
    },
    localDate(t) {
      return new Date(t + offsetAt(t)).toISOString().slice(0, 10);
    },
  };
}

/** Weekday demand for a day of the year: people fill in forms on workdays. */
export function weekdayFactor(calendar: DemoCalendar, day: number): number {
  const noon = calendar.start + day * DAY + DAY / 2;
  const weekday = new Date(noon).getUTCDay();
  return weekday === 0 || weekday === 6 ? 0.3 : 1;
}

function dailyOffsets(from: number, days: number, timeZone: string): number[] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsets: number[] = [];
  for (let d = 0; d < days; d++) {
    const t = Math.floor((from + d * DAY) / MINUTE) * MINUTE;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(t))) parts[part.type] = Number(part.value);
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
    );
    offsets.push(wall - t);
  }
  return offsets;
}
