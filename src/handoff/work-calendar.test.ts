import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/random.ts';
import {
  DEFAULT_CALENDAR,
  fromZonedLocal,
  parseClock,
  validateCalendar,
  type WorkCalendar,
  weekdayOf,
  zonedParts,
} from './work-calendar.ts';

const nineToFive = DEFAULT_CALENDAR('Europe/Berlin');

function withDays(days: WorkCalendar['days'], extra: Partial<WorkCalendar> = {}): WorkCalendar {
  return { timeZone: 'Europe/Berlin', days, holidays: [], ...extra };
}

describe('DEFAULT_CALENDAR', () => {
  it('works Monday to Friday from 09:00 to 17:00 in the given zone, with no holidays', () => {
    expect(DEFAULT_CALENDAR('Asia/Kolkata')).toEqual({
      timeZone: 'Asia/Kolkata',
      days: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
      holidays: [],
    });
    expect(validateCalendar(DEFAULT_CALENDAR('Asia/Kolkata'))).toBeNull();
  });
});

describe('validateCalendar', () => {
  it.each<[string, WorkCalendar]>([
    ['the default calendar', nineToFive],
    [
      'a lunch break',
      withDays({
        1: [
          { start: '13:00', end: '17:00' },
          { start: '09:00', end: '12:00' },
        ],
      }),
    ],
    [
      'intervals that touch without overlapping',
      withDays({
        2: [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '18:00' },
        ],
      }),
    ],
    ['a night shift ending at midnight', withDays({ 6: [{ start: '22:00', end: '24:00' }] })],
    [
      'a weekend-only calendar',
      withDays({ 6: [{ start: '10:00', end: '14:00' }], 7: [{ start: '10:00', end: '14:00' }] }),
    ],
    ['valid holidays', withDays({ 1: [{ start: '09:00', end: '17:00' }] }, { holidays: ['2026-12-25', '2028-02-29'] })],
    [
      'a zone with a half-hour offset',
      withDays({ 1: [{ start: '09:00', end: '17:00' }] }, { timeZone: 'Asia/Kolkata' }),
    ],
  ])('accepts %s', (_name, calendar) => {
    expect(validateCalendar(calendar)).toBeNull();
  });

  it.each<[string, WorkCalendar, string, RegExp]>([
    ['an unknown time zone', { ...nineToFive, timeZone: 'Mars/Olympus' }, 'timeZone', /not an IANA time zone/],
    ['an empty time zone', { ...nineToFive, timeZone: '' }, 'timeZone', /not an IANA time zone/],
    ['a time without a leading zero', withDays({ 1: [{ start: '9:00', end: '17:00' }] }), 'days.1[0].start', /HH:MM/],
    ['an hour past 23', withDays({ 1: [{ start: '09:00', end: '25:00' }] }), 'days.1[0].end', /HH:MM/],
    ['minutes past 59', withDays({ 3: [{ start: '09:60', end: '17:00' }] }), 'days.3[0].start', /HH:MM/],
    ['a start at 24:00', withDays({ 1: [{ start: '24:00', end: '24:00' }] }), 'days.1[0].start', /HH:MM/],
    [
      'an end before the start',
      withDays({ 1: [{ start: '17:00', end: '09:00' }] }),
      'days.1[0].end',
      /before it starts/,
    ],
    ['an empty interval', withDays({ 1: [{ start: '09:00', end: '09:00' }] }), 'days.1[0].end', /before it starts/],
    [
      'overlapping intervals',
      withDays({
        4: [
          { start: '09:00', end: '12:30' },
          { start: '12:00', end: '17:00' },
        ],
      }),
      'days.4[1]',
      /overlaps days\.4\[0\]/,
    ],
    ['no working interval at all', withDays({}), 'days', /no working interval/],
    ['only empty days', withDays({ 1: [], 5: [] }), 'days', /no working interval/],
    [
      'a weekday 0',
      withDays({ 0: [{ start: '09:00', end: '17:00' }] } as WorkCalendar['days']),
      'days.0',
      /1 \(Monday\)/,
    ],
    [
      'a holiday that is not a date',
      { ...nineToFive, holidays: ['2026-01-01', '2026-02-30'] },
      'holidays[1]',
      /YYYY-MM-DD/,
    ],
    ['a holiday in another format', { ...nineToFive, holidays: ['25/12/2026'] }, 'holidays[0]', /YYYY-MM-DD/],
  ])('rejects %s, naming the field', (_name, calendar, field, message) => {
    const problem = validateCalendar(calendar);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });
});

describe('parseClock', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['9:30', null],
    ['0930', null],
  ])('reads %s as %s minutes after midnight', (value, minutes) => {
    expect(parseClock(value)).toBe(minutes);
  });
});

describe('weekdayOf', () => {
  it.each([
    [2026, 3, 29, 7],
    [2026, 3, 30, 1],
    [2026, 1, 9, 5],
    [2028, 2, 29, 2],
  ])('numbers %i-%i-%i as ISO weekday %i', (y, m, d, weekday) => {
    expect(weekdayOf(y, m, d)).toBe(weekday);
  });
});

describe('zonedParts', () => {
  it.each([
    ['UTC', 'in UTC', '2026-01-09T16:55:00Z', [2026, 1, 9, 16, 55, 5]],
    ['Europe/Berlin', 'in winter', '2026-01-09T16:55:00Z', [2026, 1, 9, 17, 55, 5]],
    ['Europe/Berlin', 'in summer', '2026-07-10T16:55:00Z', [2026, 7, 10, 18, 55, 5]],
    ['Europe/Berlin', 'just before spring forward', '2026-03-29T00:59:00Z', [2026, 3, 29, 1, 59, 7]],
    ['Europe/Berlin', 'just after spring forward', '2026-03-29T01:00:00Z', [2026, 3, 29, 3, 0, 7]],
    ['America/New_York', 'on the evening before the UTC date', '2026-01-10T02:30:00Z', [2026, 1, 9, 21, 30, 5]],
    ['Asia/Kolkata', 'at a half-hour offset', '2026-01-09T03:30:00Z', [2026, 1, 9, 9, 0, 5]],
    ['Pacific/Auckland', 'on the day after the UTC date', '2026-01-11T20:00:00Z', [2026, 1, 12, 9, 0, 1]],
    ['Pacific/Auckland', 'at local midnight', '2026-01-11T11:00:00Z', [2026, 1, 12, 0, 0, 1]],
  ] as const)('reads the wall clock in %s %s', (timeZone, _label, iso, [year, month, day, hour, minute, weekday]) => {
    expect(zonedParts(new Date(iso), timeZone)).toEqual({
      year,
      month,
      day,
      hour,
      minute,
      second: 0,
      millisecond: 0,
      weekday,
    });
  });
});

describe('fromZonedLocal', () => {
  it.each([
    ['UTC', [2026, 1, 9, 17, 55], '2026-01-09T17:55:00.000Z'],
    ['Europe/Berlin', [2026, 1, 9, 17, 55], '2026-01-09T16:55:00.000Z'],
    ['Europe/Berlin', [2026, 7, 10, 9, 0], '2026-07-10T07:00:00.000Z'],
    // Spring forward: 02:00–02:59 does not exist and moves forward by the hour skipped.
    ['Europe/Berlin', [2026, 3, 29, 2, 0], '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', [2026, 3, 29, 2, 30], '2026-03-29T01:30:00.000Z'],
    ['Europe/Berlin', [2026, 3, 29, 3, 0], '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', [2026, 3, 29, 1, 59], '2026-03-29T00:59:00.000Z'],
    ['America/New_York', [2026, 3, 8, 2, 30], '2026-03-08T07:30:00.000Z'],
    ['America/New_York', [2026, 3, 8, 3, 0], '2026-03-08T07:00:00.000Z'],
    // Fall back: 02:00–02:59 in Berlin (01:00–01:59 in New York) happens twice; take the first.
    ['Europe/Berlin', [2026, 10, 25, 2, 30], '2026-10-25T00:30:00.000Z'],
    ['Europe/Berlin', [2026, 10, 25, 3, 0], '2026-10-25T02:00:00.000Z'],
    ['Europe/Berlin', [2026, 10, 25, 1, 59], '2026-10-24T23:59:00.000Z'],
    ['America/New_York', [2026, 11, 1, 1, 30], '2026-11-01T05:30:00.000Z'],
    ['America/New_York', [2026, 11, 1, 2, 0], '2026-11-01T07:00:00.000Z'],
    ['Asia/Kolkata', [2026, 1, 9, 9, 0], '2026-01-09T03:30:00.000Z'],
    ['Pacific/Auckland', [2026, 1, 12, 9, 0], '2026-01-11T20:00:00.000Z'],
    ['Pacific/Auckland', [2026, 7, 13, 9, 0], '2026-07-12T21:00:00.000Z'],
    ['Pacific/Auckland', [2026, 9, 27, 2, 30], '2026-09-26T14:30:00.000Z'],
    ['Pacific/Auckland', [2026, 4, 5, 2, 30], '2026-04-04T13:30:00.000Z'],
    // Hour 24 is midnight at the end of the day.
    ['Europe/Berlin', [2026, 1, 9, 24, 0], '2026-01-09T23:00:00.000Z'],
  ] as const)('maps local time in %s %j to %s', (timeZone, [y, m, d, h, min], iso) => {
    expect(fromZonedLocal(y, m, d, h, min, timeZone).toISOString()).toBe(iso);
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'])(
    'inverts zonedParts in %s except for the second reading of a repeated hour',
    (timeZone) => {
      const random = seededRandom(20260329);
      const from = Date.UTC(2026, 0, 1);
      const to = Date.UTC(2027, 0, 1);
      for (let i = 0; i < 500; i++) {
        const instant = from + random.int(0, (to - from) / 60_000) * 60_000;
        const p = zonedParts(new Date(instant), timeZone);
        const back = fromZonedLocal(p.year, p.month, p.day, p.hour, p.minute, timeZone).getTime();
        // In a fall-back overlap the earlier instant wins, which is exactly one hour earlier.
        expect([instant, instant - 3_600_000]).toContain(back);
        expect(zonedParts(new Date(back), timeZone)).toEqual(p);
      }
    },
  );
});
