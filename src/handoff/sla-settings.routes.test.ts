import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg, type TestUser } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;
let org: TestOrg;
let people: Record<'manager' | 'rep' | 'marketing', TestUser>;

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db, { timeZone: 'America/New_York' });
  people = {
    manager: await org.user('sales_manager'),
    rep: await org.user('sales_rep'),
    marketing: await org.user('marketing'),
  };
});

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const valid = {
  acceptSlaHours: 4,
  firstActivitySlaHours: 24,
  calendar: {
    timeZone: 'Europe/Berlin',
    days: {
      1: NINE_TO_FIVE,
      2: NINE_TO_FIVE,
      3: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    },
    holidays: ['2026-12-24', '2026-12-25'],
  },
};

describe('GET /api/v1/handoff/sla-settings', () => {
  it("answers the defaults before anyone changed them: 8 hours each, weekdays 09:00–17:00 in the org's zone", async () => {
    const response = await client.request(people.rep.key, 'GET', '/api/v1/handoff/sla-settings');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      acceptSlaHours: 8,
      firstActivitySlaHours: 8,
      calendar: {
        timeZone: 'America/New_York',
        days: { 1: NINE_TO_FIVE, 2: NINE_TO_FIVE, 3: NINE_TO_FIVE, 4: NINE_TO_FIVE, 5: NINE_TO_FIVE },
        holidays: [],
      },
    });
  });

  it('is read by every role', async () => {
    for (const key of [people.rep.key, people.manager.key, people.marketing.key, org.adminKey]) {
      expect((await client.request(key, 'GET', '/api/v1/handoff/sla-settings')).status).toBe(200);
    }
    expect((await client.request(null, 'GET', '/api/v1/handoff/sla-settings')).status).toBe(401);
  });
});

describe('PUT /api/v1/handoff/sla-settings', () => {
  it('saves hours (to the hundredth) and the calendar for admins and sales managers', async () => {
    const saved = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/sla-settings', valid);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject(valid);
    const byManager = await client.request(people.manager.key, 'PUT', '/api/v1/handoff/sla-settings', {
      ...valid,
      acceptSlaHours: 2.555,
    });
    expect(byManager.status).toBe(200);
    const read = await client.request(people.rep.key, 'GET', '/api/v1/handoff/sla-settings');
    expect(read.body).toMatchObject({ ...valid, acceptSlaHours: 2.56 });
  });

  it('is refused to reps and marketing', async () => {
    for (const person of [people.rep, people.marketing]) {
      const response = await client.request(person.key, 'PUT', '/api/v1/handoff/sla-settings', valid);
      expect(response.status).toBe(403);
    }
  });

  it.each([
    ['a zone that does not exist', { timeZone: 'Mars/Olympus' }, 'calendar.timeZone'],
    [
      'an interval that ends before it starts',
      { days: { 1: [{ start: '17:00', end: '09:00' }] } },
      'calendar.days.1[0].end',
    ],
    ['a time that is not HH:MM', { days: { 2: [{ start: '9am', end: '17:00' }] } }, 'calendar.days.2[0].start'],
    [
      'overlapping intervals',
      {
        days: {
          4: [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '17:00' },
          ],
        },
      },
      'calendar.days.4[1]',
    ],
    ['a week without working time', { days: {} }, 'calendar.days'],
    ['a holiday that is not a date', { holidays: ['2026-02-30'] }, 'calendar.holidays[0]'],
    ['a weekday 8', { days: { 8: NINE_TO_FIVE } }, 'calendar.days.8'],
  ])('refuses %s, naming the field', async (_what, change, field) => {
    const body = { ...valid, calendar: { ...valid.calendar, ...change } };
    const response = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/sla-settings', body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it.each([
    [{ acceptSlaHours: 0 }, 'acceptSlaHours'],
    [{ firstActivitySlaHours: -1 }, 'firstActivitySlaHours'],
    [{ acceptSlaHours: 0.001 }, 'acceptSlaHours'],
    [{ acceptSlaHours: '8' }, 'acceptSlaHours'],
  ])('refuses hours %j, naming the field', async (change, field) => {
    const response = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/sla-settings', { ...valid, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it('leaves the settings as they were after a refusal', async () => {
    const before = await client.request(org.adminKey, 'GET', '/api/v1/handoff/sla-settings');
    await client.request(org.adminKey, 'PUT', '/api/v1/handoff/sla-settings', { ...valid, acceptSlaHours: 0 });
    expect((await client.request(org.adminKey, 'GET', '/api/v1/handoff/sla-settings')).body).toEqual(before.body);
  });
});
