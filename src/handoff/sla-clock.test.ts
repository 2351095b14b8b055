import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/random.ts';
import {
  addBusinessHours,
  addBusinessMinutes,
  businessMinutesBetween,
  isWorkingTime,
  nextWorkingTime,
  type SlaState,
  slaDueAt,
  slaStatus,
} from './sla-clock.ts';
import { DEFAULT_CALENDAR, type WorkCalendar, type WorkInterval } from './work-calendar.ts';

function weekdays(timeZone: string, intervals: readonly WorkInterval[], holidays: string[] = []): WorkCalendar {
  return { timeZone, days: { 1: intervals, 2: intervals, 3: intervals, 4: intervals, 5: intervals }, holidays };
}

function everyDay(timeZone: string, intervals: readonly WorkInterval[]): WorkCalendar {
  return {
    timeZone,
    days: { 1: intervals, 2: intervals, 3: intervals, 4: intervals, 5: intervals, 6: intervals, 7: intervals },
    holidays: [],
  };
}

const at = (iso: string): Date => new Date(iso);

// 2026-01-09 is a Friday. Berlin is +01:00 in winter and +02:00 in summer.
const berlin9to18 = weekdays('Europe/Berlin', [{ start: '09:00', end: '18:00' }]);
const berlin9to17 = DEFAULT_CALENDAR('Europe/Berlin');
const berlinLunch = weekdays('Europe/Berlin', [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
]);
const berlinHolidays = weekdays(
  'Europe/Berlin',
  [{ start: '09:00', end: '18:00' }],
  ['2026-01-14', '2026-04-03', '2026-04-06'],
);
const newYork = DEFAULT_CALENDAR('America/New_York');
const kolkata = DEFAULT_CALENDAR('Asia/Kolkata');
const auckland = weekdays('Pacific/Auckland', [{ start: '09:00', end: '17:00' }], ['2026-02-06']);
const berlinNights = everyDay('Europe/Berlin', [{ start: '00:00', end: '04:00' }]);
const newYorkNights = everyDay('America/New_York', [{ start: '00:00', end: '04:00' }]);

describe('slaDueAt', () => {
  it.each<[string, WorkCalendar, string, number, string]>([
    [
      'Friday 17:55 with 5 minutes left that day runs into Monday',
      berlin9to18,
      '2026-01-09T17:55+01:00',
      1,
      '2026-01-12T09:55+01:00',
    ],
    [
      'Friday 17:55 after closing starts the clock on Monday',
      berlin9to17,
      '2026-01-09T17:55+01:00',
      1,
      '2026-01-12T10:00+01:00',
    ],
    [
      'a lead before opening starts the clock at opening',
      berlin9to18,
      '2026-01-13T07:30+01:00',
      2,
      '2026-01-13T11:00+01:00',
    ],
    [
      'a lead during the lunch break starts the clock after lunch',
      berlinLunch,
      '2026-01-13T12:20+01:00',
      1,
      '2026-01-13T14:00+01:00',
    ],
    [
      'a lead just before lunch resumes after lunch',
      berlinLunch,
      '2026-01-13T11:30+01:00',
      1,
      '2026-01-13T13:30+01:00',
    ],
    [
      'a lead after closing starts the clock next morning',
      berlin9to18,
      '2026-01-13T19:00+01:00',
      1,
      '2026-01-14T10:00+01:00',
    ],
    [
      'a lead on Saturday starts the clock on Monday',
      berlin9to18,
      '2026-01-10T11:00+01:00',
      1,
      '2026-01-12T10:00+01:00',
    ],
    [
      'a lead on Sunday night starts the clock on Monday',
      berlin9to18,
      '2026-01-11T23:59+01:00',
      1,
      '2026-01-12T10:00+01:00',
    ],
    ['a holiday in mid-week is skipped', berlinHolidays, '2026-01-13T17:30+01:00', 1, '2026-01-15T09:30+01:00'],
    [
      'Good Friday and Easter Monday around a weekend are skipped',
      berlinHolidays,
      '2026-04-02T17:30+02:00',
      1,
      '2026-04-07T09:30+02:00',
    ],
    ['an 8 h SLA spans two days', berlin9to18, '2026-01-13T14:00+01:00', 8, '2026-01-14T13:00+01:00'],
    [
      'an 8 h SLA with a lunch break spans two days',
      berlinLunch,
      '2026-01-13T14:00+01:00',
      8,
      '2026-01-14T15:00+01:00',
    ],
    [
      'an SLA running out at closing is due at closing',
      berlin9to18,
      '2026-01-13T17:00+01:00',
      1,
      '2026-01-13T18:00+01:00',
    ],
    [
      'a zero SLA is due at the next working moment',
      berlin9to18,
      '2026-01-10T11:00+01:00',
      0,
      '2026-01-12T09:00+01:00',
    ],
    ['a fractional SLA counts minutes', berlin9to18, '2026-01-13T09:00+01:00', 1.25, '2026-01-13T10:15+01:00'],
    ['Berlin: a weekend that springs forward', berlin9to17, '2026-03-27T16:30+01:00', 1, '2026-03-30T09:30+02:00'],
    ['Berlin: a weekend that falls back', berlin9to17, '2026-10-23T16:30+02:00', 1, '2026-10-26T09:30+01:00'],
    ['New York: a weekend that springs forward', newYork, '2026-03-06T16:30-05:00', 1, '2026-03-09T09:30-04:00'],
    ['New York: a weekend that falls back', newYork, '2026-10-30T16:30-04:00', 1, '2026-11-02T09:30-05:00'],
    [
      'Berlin nights: the spring-forward shift lasts 3 h',
      berlinNights,
      '2026-03-29T00:00+01:00',
      4,
      '2026-03-30T01:00+02:00',
    ],
    [
      'Berlin nights: the fall-back shift lasts 5 h',
      berlinNights,
      '2026-10-25T00:00+02:00',
      4,
      '2026-10-25T03:00+01:00',
    ],
    [
      'Berlin nights: all 5 h of the fall-back shift',
      berlinNights,
      '2026-10-25T00:00+02:00',
      6,
      '2026-10-26T01:00+01:00',
    ],
    [
      'New York nights: the spring-forward shift lasts 3 h',
      newYorkNights,
      '2026-03-08T00:00-05:00',
      4,
      '2026-03-09T01:00-04:00',
    ],
    [
      'New York nights: the fall-back shift lasts 5 h',
      newYorkNights,
      '2026-11-01T00:00-04:00',
      4,
      '2026-11-01T03:00-05:00',
    ],
    ['Kolkata: half-hour offset over a weekend', kolkata, '2026-01-09T16:30+05:30', 1, '2026-01-12T09:30+05:30'],
    ['Kolkata: a lead at 03:00 UTC is before local opening', kolkata, '2026-01-13T03:00Z', 1, '2026-01-13T10:00+05:30'],
    ['Auckland: Sunday in UTC is Monday morning locally', auckland, '2026-01-11T19:00Z', 1, '2026-01-12T10:00+13:00'],
    ['Auckland: Friday afternoon runs into Monday', auckland, '2026-01-16T16:30+13:00', 1, '2026-01-19T09:30+13:00'],
    [
      'Auckland: a holiday on the local Friday is skipped',
      auckland,
      '2026-02-05T16:30+13:00',
      1,
      '2026-02-09T09:30+13:00',
    ],
    ['Auckland: a weekend that falls back', auckland, '2026-04-03T16:30+13:00', 1, '2026-04-06T09:30+12:00'],
    ['a 1,000-hour SLA is 125 working days', berlin9to17, '2026-01-05T09:00+01:00', 1000, '2026-06-26T17:00+02:00'],
  ])('%s', (_name, calendar, receivedAt, hours, due) => {
    expect(slaDueAt(at(receivedAt), hours, calendar).toISOString()).toBe(at(due).toISOString());
  });

  it('stays instant for a 10,000-hour SLA, because it steps by days', () => {
    const started = performance.now();
    const due = slaDueAt(at('2026-01-05T09:00+01:00'), 10_000, berlin9to17);
    expect(due.toISOString()).toBe(at('2030-10-18T17:00+02:00').toISOString());
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('finds working time after a long run of holidays', () => {
    const mondays = Array.from({ length: 52 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10),
    );
    const calendar: WorkCalendar = {
      timeZone: 'UTC',
      days: { 1: [{ start: '09:00', end: '17:00' }] },
      holidays: mondays,
    };
    expect(slaDueAt(at('2026-01-01T12:00Z'), 1, calendar).toISOString()).toBe('2027-01-04T10:00:00.000Z');
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'a calendar with no working time',
      () => slaDueAt(at('2026-01-01T00:00Z'), 1, { timeZone: 'UTC', days: {}, holidays: [] }),
      /no working interval/,
    ],
    ['an unknown time zone', () => slaDueAt(at('2026-01-01T00:00Z'), 1, DEFAULT_CALENDAR('Nowhere/City')), /timeZone/],
    ['a negative SLA', () => slaDueAt(at('2026-01-01T00:00Z'), -1, berlin9to17), /slaHours must be a finite number/],
    [
      'an infinite SLA',
      () => addBusinessHours(at('2026-01-01T00:00Z'), Number.POSITIVE_INFINITY, berlin9to17),
      /hours/,
    ],
    ['an invalid date', () => isWorkingTime(new Date(Number.NaN), berlin9to17), /at is not a valid date/],
  ])('throws a clear error for %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('isWorkingTime and nextWorkingTime', () => {
  it.each<[string, WorkCalendar, string, boolean, string]>([
    ['opening time is working time', berlin9to18, '2026-01-13T09:00+01:00', true, '2026-01-13T09:00+01:00'],
    [
      'the last millisecond before closing is working time',
      berlin9to18,
      '2026-01-13T17:59:59.999+01:00',
      true,
      '2026-01-13T17:59:59.999+01:00',
    ],
    ['closing time is not', berlin9to18, '2026-01-13T18:00+01:00', false, '2026-01-14T09:00+01:00'],
    ['before opening is not', berlin9to18, '2026-01-13T08:59+01:00', false, '2026-01-13T09:00+01:00'],
    ['the start of lunch is not', berlinLunch, '2026-01-13T12:00+01:00', false, '2026-01-13T13:00+01:00'],
    ['the end of lunch is', berlinLunch, '2026-01-13T13:00+01:00', true, '2026-01-13T13:00+01:00'],
    ['Saturday is not', berlin9to18, '2026-01-10T12:00+01:00', false, '2026-01-12T09:00+01:00'],
    ['a holiday is not', berlinHolidays, '2026-01-14T12:00+01:00', false, '2026-01-15T09:00+01:00'],
    [
      'Monday morning in Auckland is, although it is Sunday in UTC',
      auckland,
      '2026-01-11T20:00Z',
      true,
      '2026-01-11T20:00Z',
    ],
    [
      'Friday evening in Auckland is not, although it is Friday morning in UTC',
      auckland,
      '2026-01-16T06:00Z',
      false,
      '2026-01-18T20:00Z',
    ],
    ['the skipped hour does not stop a night shift', berlinNights, '2026-03-29T01:00Z', true, '2026-03-29T01:00Z'],
    [
      'the night shift on a spring-forward day ends at 04:00 summer time',
      berlinNights,
      '2026-03-29T02:00Z',
      false,
      '2026-03-29T22:00Z',
    ],
    [
      'the night shift on a fall-back day ends at 04:00 winter time',
      berlinNights,
      '2026-10-25T02:59Z',
      true,
      '2026-10-25T02:59Z',
    ],
  ])('%s', (_name, calendar, iso, working, next) => {
    expect(isWorkingTime(at(iso), calendar)).toBe(working);
    expect(nextWorkingTime(at(iso), calendar).toISOString()).toBe(at(next).toISOString());
  });
});

describe('businessMinutesBetween', () => {
  it.each<[string, WorkCalendar, string, string, number]>([
    ['nothing when b equals a', berlin9to18, '2026-01-13T10:00+01:00', '2026-01-13T10:00+01:00', 0],
    ['nothing when b is before a', berlin9to18, '2026-01-13T12:00+01:00', '2026-01-13T10:00+01:00', 0],
    ['a plain stretch of one day', berlin9to18, '2026-01-13T10:00+01:00', '2026-01-13T12:30+01:00', 150],
    ['a whole working day', berlin9to18, '2026-01-13T00:00+01:00', '2026-01-14T00:00+01:00', 540],
    ['a day with a lunch break', berlinLunch, '2026-01-13T00:00+01:00', '2026-01-14T00:00+01:00', 420],
    ['Friday evening to Monday', berlin9to18, '2026-01-09T17:55+01:00', '2026-01-12T09:55+01:00', 60],
    ['a week skipping a holiday', berlinHolidays, '2026-01-12T00:00+01:00', '2026-01-19T00:00+01:00', 4 * 540],
    ['a weekend that springs forward', berlin9to17, '2026-03-27T16:30+01:00', '2026-03-30T09:30+02:00', 60],
    ['the Berlin night shift on spring forward', berlinNights, '2026-03-29T00:00+01:00', '2026-03-29T12:00+02:00', 180],
    ['the Berlin night shift on fall back', berlinNights, '2026-10-25T00:00+02:00', '2026-10-25T12:00+01:00', 300],
    [
      'the New York night shift on spring forward',
      newYorkNights,
      '2026-03-08T00:00-05:00',
      '2026-03-08T12:00-04:00',
      180,
    ],
    ['the New York night shift on fall back', newYorkNights, '2026-11-01T00:00-04:00', '2026-11-01T12:00-05:00', 300],
    ['a Kolkata day seen from UTC', kolkata, '2026-01-13T00:00Z', '2026-01-14T00:00Z', 480],
    ['seconds as a fraction of a minute', berlin9to18, '2026-01-13T10:00:00+01:00', '2026-01-13T10:00:30+01:00', 0.5],
  ])('counts %s', (_name, calendar, a, b, minutes) => {
    expect(businessMinutesBetween(at(a), at(b), calendar)).toBe(minutes);
  });

  it.each<[string, WorkCalendar]>([
    ['Berlin with lunch breaks', berlinLunch],
    ['Berlin with holidays', berlinHolidays],
    ['Berlin night shifts across DST', berlinNights],
    ['New York night shifts across DST', newYorkNights],
    ['Kolkata', kolkata],
    ['Auckland', auckland],
  ])('inverts addBusinessMinutes from random starts in %s', (_name, calendar) => {
    const random = seededRandom(7);
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    for (let i = 0; i < 200; i++) {
      const start = new Date(from + Math.floor(random.next() * (to - from)));
      const minutes = random.int(0, 5000);
      const end = addBusinessMinutes(start, minutes, calendar);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(businessMinutesBetween(start, end, calendar)).toBe(minutes);
      expect(addBusinessHours(start, minutes / 60, calendar).getTime()).toBe(end.getTime());
    }
  });
});

describe('slaStatus', () => {
  // Received Tuesday 09:00 with a 4 h SLA: due 13:00; due soon below min(25% of 240, 60) = 60 minutes.
  const received = at('2026-01-13T09:00+01:00');
  const due = at('2026-01-13T13:00+01:00').toISOString();

  it.each<[string, number, string, string | undefined, SlaState, number]>([
    ['on track at receipt', 4, '2026-01-13T09:00+01:00', undefined, 'on_track', 240],
    ['on track with a clock slightly behind receipt', 4, '2026-01-13T08:59+01:00', undefined, 'on_track', 240],
    ['on track with exactly 60 minutes left', 4, '2026-01-13T12:00+01:00', undefined, 'on_track', 60],
    ['due soon a millisecond later', 4, '2026-01-13T12:00:00.001+01:00', undefined, 'due_soon', 59],
    ['due soon at the deadline itself', 4, '2026-01-13T13:00+01:00', undefined, 'due_soon', 0],
    ['breached a millisecond after the deadline', 4, '2026-01-13T13:00:00.001+01:00', undefined, 'breached', -1],
    ['breached an hour after the deadline', 4, '2026-01-13T14:00+01:00', undefined, 'breached', -60],
    ['breached, counting only business minutes overdue', 4, '2026-01-14T08:00+01:00', undefined, 'breached', -300],
    ['met before the deadline, whatever now is', 4, '2026-02-01T00:00+01:00', '2026-01-13T12:30+01:00', 'met', 30],
    ['met exactly at the deadline', 4, '2026-02-01T00:00+01:00', '2026-01-13T13:00+01:00', 'met', 0],
    ['met late after the deadline', 4, '2026-02-01T00:00+01:00', '2026-01-13T13:30+01:00', 'met_late', -30],
  ])('is %s', (_name, hours, now, doneAt, state, left) => {
    const status = slaStatus(received, hours, berlin9to18, at(now), doneAt === undefined ? undefined : at(doneAt));
    expect(status).toEqual({ dueAt: at(due), state, businessMinutesLeft: left });
  });

  it.each<[string, number, string, SlaState, number]>([
    ['a 1 h SLA is on track with 15 minutes left', 1, '2026-01-13T09:45+01:00', 'on_track', 15],
    ['a 1 h SLA is due soon under 15 minutes (25%)', 1, '2026-01-13T09:45:30+01:00', 'due_soon', 14],
    ['an 8 h SLA is on track with 60 minutes left', 8, '2026-01-13T16:00+01:00', 'on_track', 60],
    ['an 8 h SLA is due soon under 60 minutes, not 120', 8, '2026-01-13T16:01+01:00', 'due_soon', 59],
  ])('uses the smaller due-soon threshold: %s', (_name, hours, now, state, left) => {
    const status = slaStatus(received, hours, berlin9to18, at(now));
    expect(status.state).toBe(state);
    expect(status.businessMinutesLeft).toBe(left);
  });

  it('keeps the full SLA for a lead received on Saturday until Monday opens', () => {
    const status = slaStatus(at('2026-01-10T11:00+01:00'), 1, berlin9to18, at('2026-01-11T20:00+01:00'));
    expect(status).toEqual({ dueAt: at('2026-01-12T10:00+01:00'), state: 'on_track', businessMinutesLeft: 60 });
  });

  it('reports a breach after closing even though no business minute has passed since the deadline', () => {
    const status = slaStatus(at('2026-01-13T17:00+01:00'), 1, berlin9to18, at('2026-01-13T19:00+01:00'));
    expect(status).toEqual({ dueAt: at('2026-01-13T18:00+01:00'), state: 'breached', businessMinutesLeft: 0 });
  });
});
