import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, nextWorkingTime, slaDueAt } from '../handoff/sla-clock.ts';
import { DEFAULT_CALENDAR, type WorkCalendar } from '../handoff/work-calendar.ts';
import { seededRandom } from '../shared/random.ts';
import { businessTime } from './business-time.ts';
import { demoWorkCalendar } from './handoff-history.ts';

// The demo's table-driven business time must answer exactly as sla-clock.ts does: the same
// instants, to the millisecond, across DST changes, holidays, nights and weekends.

const FROM = new Date('2025-10-01T00:00:00.000Z');
const TO = new Date('2026-12-31T00:00:00.000Z');
const SPAN_MS = TO.getTime() - FROM.getTime();

const CALENDARS: readonly [string, WorkCalendar][] = [
  ['the demo calendar in New York', demoWorkCalendar('America/New_York')],
  [
    'a split day with holidays in Berlin',
    {
      timeZone: 'Europe/Berlin',
      days: {
        1: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
        3: [{ start: '00:00', end: '24:00' }],
        6: [{ start: '02:00', end: '03:30' }],
      },
      holidays: ['2025-12-24', '2026-03-30', '2026-10-26'],
    },
  ],
  ['nine to five in Kathmandu', DEFAULT_CALENDAR('Asia/Kathmandu')],
];

describe('businessTime', () => {
  it.each(CALENDARS)('answers as sla-clock.ts does for %s', (_name, calendar) => {
    const time = businessTime(calendar, FROM, TO);
    const random = seededRandom(7);
    const instant = () =>
      new Date(FROM.getTime() + 3 * 86_400_000 + Math.floor(random.next() * (SPAN_MS - 40 * 86_400_000)));
    for (let i = 0; i < 400; i++) {
      const a = instant();
      const b = new Date(a.getTime() + Math.floor(random.next() * 12 * 86_400_000));
      const hours = random.pick([0, 0.5, 1, 8, 8.5, 24, 40]);
      const minutes = random.int(0, 3000);
      expect(time.dueAt(a, hours).toISOString()).toBe(slaDueAt(a, hours, calendar).toISOString());
      expect(time.minutesBetween(a, b)).toBe(businessMinutesBetween(a, b, calendar));
      expect(time.minutesBetween(b, a)).toBe(0);
      expect(time.nextWorking(a).toISOString()).toBe(nextWorkingTime(a, calendar).toISOString());
      expect(time.addMinutes(a, minutes).toISOString()).toBe(addBusinessMinutes(a, minutes, calendar).toISOString());
    }
  });

  it('answers at the edges of working intervals and outside its table as sla-clock.ts does', () => {
    const calendar = demoWorkCalendar('America/New_York');
    const time = businessTime(calendar, FROM, TO);
    for (const iso of [
      '2026-03-06T22:30:00.000Z', // Friday 17:30 EST: the end of a working day
      '2026-03-09T13:00:00.000Z', // Monday 09:00 EDT, after the spring-forward weekend
      '2026-11-02T14:00:00.000Z', // Monday 09:00 EST, after the fall-back weekend
      '2025-06-01T12:00:00.000Z', // before the table
      '2027-06-01T12:00:00.000Z', // after it
    ]) {
      const at = new Date(iso);
      expect(time.dueAt(at, 8).toISOString()).toBe(slaDueAt(at, 8, calendar).toISOString());
      expect(time.nextWorking(at).toISOString()).toBe(nextWorkingTime(at, calendar).toISOString());
      const later = new Date(at.getTime() + 5 * 86_400_000);
      expect(time.minutesBetween(at, later)).toBe(businessMinutesBetween(at, later, calendar));
    }
  });
});
