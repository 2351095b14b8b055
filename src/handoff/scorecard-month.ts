import { fromZonedLocal, zonedParts } from './work-calendar.ts';

// A report month ('YYYY-MM') is the local calendar month in the organisation's time zone:
// November in New York runs from 1 November 00:00 EDT to 1 December 00:00 EST.

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface MonthBounds {
  readonly month: string;
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

export function monthBounds(month: string, timeZone: string): MonthBounds {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`month: '${month}' is not a month YYYY-MM`);
  const year = Number(match[1]);
  const index = Number(match[2]);
  const next = index === 12 ? { year: year + 1, month: 1 } : { year, month: index + 1 };
  return {
    month,
    from: fromZonedLocal(year, index, 1, 0, 0, timeZone),
    to: fromZonedLocal(next.year, next.month, 1, 0, 0, timeZone),
  };
}

/** The local month `now` falls in. */
export function monthOf(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`;
}

/** The month before, 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`month: '${month}' is not a month YYYY-MM`);
  const year = Number(match[1]);
  const index = Number(match[2]);
  return index === 1 ? `${year - 1}-12` : `${year}-${String(index - 1).padStart(2, '0')}`;
}

/** How much of the month has passed at `now`, from 0 (not begun) to 1 (over). */
export function monthElapsed(bounds: MonthBounds, now: Date): number {
  const span = bounds.to.getTime() - bounds.from.getTime();
  const done = now.getTime() - bounds.from.getTime();
  return Math.min(1, Math.max(0, done / span));
}
