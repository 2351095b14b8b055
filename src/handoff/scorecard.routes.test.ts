import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSeededOrg, createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import type { SeededOrg } from '../demo/seed-demo.ts';
import { createApiKey } from '../platform/create-user.ts';
import type { MarketingSegment, ScorecardRep } from './scorecard.schema.ts';
import { monthBounds } from './scorecard-month.ts';
import { businessMinutesBetween, slaDueAt } from './sla-clock.ts';
import type { WorkCalendar } from './work-calendar.ts';

// The acceptance test of the scorecard: on an org with a generated year of history, every
// rep's figures are worked out here again from the stage events alone (when each lead
// became an MQL, who moved it out of mql and how, the reason on the rejection) with
// sla-clock.ts and the org calendar, and must equal what the scorecard computed from the
// SLA clocks in SQL.

const NOW = new Date('2026-03-18T15:00:00.000Z');
const MONTHS = ['2026-02', '2026-03'] as const;

let client: TestClient;
let seeded: SeededOrg;
let key: string;

interface EventRow {
  lead_id: string;
  from_stage: string | null;
  to_stage: string;
  occurred_at: Date;
  actor_id: string | null;
  reason_code: string | null;
}

interface Expected {
  received: number;
  accepted: number;
  acceptedWithinSla: number;
  rejected: number;
  recycled: number;
  open: number;
  breaches: number;
  acceptMinutes: number[];
  firstActivityMinutes: number[];
  reasons: Record<string, number>;
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (rank - low);
}

async function recomputeFromEvents(month: string) {
  const db = client.connection.db;
  const { orgId } = seeded;
  const settings = await db
    .selectFrom('handoff_settings')
    .select(['calendar', 'accept_sla_hours', 'first_activity_sla_hours'])
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const calendar = settings.calendar as WorkCalendar;
  const { from, to } = monthBounds(month, calendar.timeZone);
  const events = await sql<EventRow>`
    select lead_id, from_stage, to_stage, occurred_at, actor_id, reason_code from lead_stage_events
    where org_id = ${orgId} order by lead_id, occurred_at, id`.execute(db);
  const leads = await sql<{ id: string; owner_id: string | null; source_channel: string | null }>`
    select id, owner_id, source_channel from leads where org_id = ${orgId}`.execute(db);
  const activities = await sql<{ lead_id: string; user_id: string | null; occurred_at: Date }>`
    select lead_id, user_id, occurred_at from activities where org_id = ${orgId} and lead_id is not null`.execute(db);
  const leadOf = new Map(leads.rows.map((l) => [l.id, l]));
  const byLead = new Map<string, EventRow[]>();
  for (const e of events.rows) byLead.set(e.lead_id, [...(byLead.get(e.lead_id) ?? []), e]);
  const activitiesOf = new Map<string, { user_id: string | null; occurred_at: Date }[]>();
  for (const a of activities.rows) activitiesOf.set(a.lead_id, [...(activitiesOf.get(a.lead_id) ?? []), a]);

  const reps = new Map<string, Expected>();
  const repOf = (id: string): Expected => {
    let rep = reps.get(id);
    if (!rep) {
      rep = {
        received: 0,
        accepted: 0,
        acceptedWithinSla: 0,
        rejected: 0,
        recycled: 0,
        open: 0,
        breaches: 0,
        acceptMinutes: [],
        firstActivityMinutes: [],
        reasons: {},
      };
      reps.set(id, rep);
    }
    return rep;
  };
  const inMonth = (t: Date) => t >= from && t < to;
  const marketing = new Map<string, { delivered: number; decided: number; accepted: number }>();
  for (const [leadId, list] of byLead) {
    for (const [i, event] of list.entries()) {
      const next = list[i + 1];
      if (event.to_stage === 'mql' && inMonth(event.occurred_at)) {
        const owner = next ? next.actor_id : (leadOf.get(leadId)?.owner_id ?? null);
        const channel = leadOf.get(leadId)?.source_channel ?? 'unassigned';
        for (const segment of ['all', channel]) {
          const m = marketing.get(segment) ?? { delivered: 0, decided: 0, accepted: 0 };
          m.delivered += 1;
          if (next) m.decided += 1;
          if (next?.to_stage === 'sal') m.accepted += 1;
          marketing.set(segment, m);
        }
        if (!owner) continue;
        const rep = repOf(owner);
        const due = slaDueAt(event.occurred_at, settings.accept_sla_hours, calendar);
        rep.received += 1;
        const end = next ? next.occurred_at : NOW;
        if (end > due) rep.breaches += 1;
        if (!next) rep.open += 1;
        else if (next.to_stage === 'sal') {
          rep.accepted += 1;
          if (next.occurred_at <= due) rep.acceptedWithinSla += 1;
          rep.acceptMinutes.push(businessMinutesBetween(event.occurred_at, next.occurred_at, calendar));
        } else if (next.to_stage === 'disqualified') {
          rep.rejected += 1;
          const code = next.reason_code ?? 'unknown';
          rep.reasons[code] = (rep.reasons[code] ?? 0) + 1;
        } else if (next.to_stage === 'recycled') rep.recycled += 1;
      }
      // Acceptance in the month: the owner's first activity before the lead's next move.
      if (event.from_stage === 'mql' && event.to_stage === 'sal' && event.actor_id && inMonth(event.occurred_at)) {
        const until = list[i + 1]?.occurred_at ?? NOW;
        const times = (activitiesOf.get(leadId) ?? [])
          .filter((a) => a.user_id === event.actor_id && a.occurred_at >= event.occurred_at && a.occurred_at < until)
          .map((a) => a.occurred_at.getTime());
        if (times.length > 0) {
          const first = new Date(Math.min(...times));
          repOf(event.actor_id).firstActivityMinutes.push(businessMinutesBetween(event.occurred_at, first, calendar));
        }
      }
    }
  }
  return { reps, marketing };
}

beforeAll(async () => {
  client = await testClient({ clock: () => NOW });
  const db = client.connection.db;
  seeded = await createSeededOrg(db, { leads: 2500, seed: 19, now: NOW });
  key = (await db.transaction().execute((trx) => createApiKey(trx, seeded.orgId, { name: 'scorecard', role: 'admin' })))
    .secret;
}, 120_000);

describe('GET /api/v1/handoff/scorecard on a generated org', () => {
  it.each(MONTHS)('gives per-rep figures for %s that equal a recount from the stage events', async (month) => {
    const response = await client.request(key, 'GET', `/api/v1/handoff/scorecard?month=${month}`);
    expect(response.status).toBe(200);
    const { reps: expected } = await recomputeFromEvents(month);
    const reps: ScorecardRep[] = response.body.reps;
    const withMqls = reps.filter((r) => r.received > 0);
    expect(withMqls.length).toBeGreaterThanOrEqual(4);
    const expectedWithMqls = [...expected].filter(([, e]) => e.received > 0).map(([id]) => id);
    expect(new Set(withMqls.map((r) => r.userId))).toEqual(new Set(expectedWithMqls));
    for (const [userId, e] of expected) {
      const rep = reps.find((r) => r.userId === userId);
      expectMinutes(rep?.medianMinutesToFirstActivity ?? null, percentile(e.firstActivityMinutes, 0.5));
    }
    for (const rep of withMqls) {
      const e = expected.get(rep.userId);
      if (!e) throw new Error(`no recount for ${rep.name}`);
      expect({ rep: rep.name, ...pickCounts(rep) }).toEqual({
        rep: rep.name,
        received: e.received,
        accepted: e.accepted,
        acceptedWithinSla: e.acceptedWithinSla,
        rejected: e.rejected,
        recycled: e.recycled,
        open: e.open,
        breaches: e.breaches,
      });
      expect(rep.withinSlaRate).toBeCloseTo(e.acceptedWithinSla / e.received, 10);
      expect(rep.rejectRate).toBeCloseTo(e.rejected / e.received, 10);
      // The clocks store whole minutes (rounded down); the recount keeps the fractions.
      expectMinutes(rep.medianMinutesToAccept, percentile(e.acceptMinutes, 0.5));
      expectMinutes(rep.p90MinutesToAccept, percentile(e.acceptMinutes, 0.9));
      expect(Object.fromEntries(rep.rejectReasons.map((r) => [r.code, r.count]))).toEqual(e.reasons);
    }
    const total = response.body.total;
    expect(total.received).toBe(withMqls.reduce((sum, r) => sum + r.received, 0));
    expect(total.breaches).toBeGreaterThan(0);
    expect(total.rejected).toBeGreaterThan(0);
    expect(response.body.counted.acceptClocks).toBe(total.received);
    const teams = response.body.teams.filter((t: { received: number }) => t.received > 0);
    expect(teams.reduce((sum: number, t: { received: number }) => sum + t.received, 0)).toBe(total.received);
  });

  it.each(MONTHS)(
    "gives marketing's delivered MQLs and accept rate for %s as the stage events count them",
    async (month) => {
      const response = await client.request(key, 'GET', `/api/v1/handoff/scorecard?month=${month}`);
      const { marketing } = await recomputeFromEvents(month);
      const segments: MarketingSegment[] = response.body.marketing;
      expect(segments[0]?.segment).toBe('all');
      for (const [segment, counts] of marketing) {
        const found = segments.find((s) => s.segment === segment);
        expect({ segment, ...pick(found, ['delivered', 'decided', 'accepted']) }).toEqual({ segment, ...counts });
      }
      // The demo sets targets for the current and the previous month.
      const all = segments.find((s) => s.segment === 'all');
      expect(all?.mqlTarget).toBeGreaterThan(0);
      expect(all?.progress).toBeCloseTo((marketing.get('all')?.delivered ?? 0) / (all?.mqlTarget ?? 1), 10);
    },
  );
});

function pickCounts(rep: ScorecardRep) {
  const { received, accepted, acceptedWithinSla, rejected, recycled, open, breaches } = rep;
  return { received, accepted, acceptedWithinSla, rejected, recycled, open, breaches };
}

function pick(value: object | undefined, keys: readonly string[]) {
  return Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown> | undefined)?.[k]]));
}

function expectMinutes(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? 0) - expected)).toBeLessThanOrEqual(1);
}

describe('marketing targets', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg(client.connection.db);
  });

  it('are set per month and segment by marketing, and replaced by a second put', async () => {
    const marketer = await org.user('marketing');
    const put = (body: unknown) => client.request(marketer.key, 'PUT', '/api/v1/handoff/targets', body);
    const first = await put({ month: '2026-03', segment: 'all', mqlTarget: 120, acceptRateTarget: 0.75 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ month: '2026-03', segment: 'all', mqlTarget: 120, acceptRateTarget: 0.75 });
    await put({ month: '2026-03', segment: 'paid_search', mqlTarget: 30 });
    await put({ month: '2026-03', segment: 'all', mqlTarget: 140, acceptRateTarget: 0.8 });
    await put({ month: '2026-04', segment: 'all', mqlTarget: 150 });
    const list = await client.request(marketer.key, 'GET', '/api/v1/handoff/targets?month=2026-03');
    expect(list.body).toEqual({
      month: '2026-03',
      items: [
        { month: '2026-03', segment: 'all', mqlTarget: 140, acceptRateTarget: 0.8 },
        { month: '2026-03', segment: 'paid_search', mqlTarget: 30, acceptRateTarget: null },
      ],
    });
    const current = await client.request(marketer.key, 'GET', '/api/v1/handoff/targets');
    expect(current.body.month).toBe('2026-03');
    const scorecard = await client.request(marketer.key, 'GET', '/api/v1/handoff/scorecard?month=2026-03');
    expect(
      scorecard.body.marketing.map((s: { segment: string; mqlTarget: number }) => [s.segment, s.mqlTarget]),
    ).toEqual([
      ['all', 140],
      ['paid_search', 30],
    ]);
  });

  it.each([
    [{ month: '2026-13', segment: 'all', mqlTarget: 1 }, 'month'],
    [{ month: '2026-03-01', segment: 'all', mqlTarget: 1 }, 'month'],
    [{ month: '2026-03', segment: 'carrier_pigeon', mqlTarget: 1 }, 'segment'],
    [{ month: '2026-03', segment: 'all', mqlTarget: -1 }, 'mqlTarget'],
    [{ month: '2026-03', segment: 'all', mqlTarget: 2.5 }, 'mqlTarget'],
    [{ month: '2026-03', segment: 'all', mqlTarget: 10, acceptRateTarget: 1.5 }, 'acceptRateTarget'],
    [{ month: '2026-03', segment: 'all' }, 'mqlTarget'],
    [{ month: '2026-03', segment: 'all', mqlTarget: 10, channel: 'email' }, 'channel'],
  ])('refuses %j naming %s', async (body, field) => {
    const response = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/targets', body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it('are set by marketing and admins only, and a bad month is refused naming month', async () => {
    const rep = await org.user('sales_rep');
    const refused = await client.request(rep.key, 'PUT', '/api/v1/handoff/targets', {
      month: '2026-03',
      segment: 'all',
      mqlTarget: 1,
    });
    expect(refused.status).toBe(403);
    expect((await client.request(rep.key, 'GET', '/api/v1/handoff/targets?month=2026-03')).status).toBe(200);
    const badMonth = await client.request(rep.key, 'GET', '/api/v1/handoff/scorecard?month=March');
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.field).toBe('month');
  });

  it("another org's scorecard and targets show nothing of the generated org", async () => {
    const response = await client.request(org.adminKey, 'GET', '/api/v1/handoff/scorecard?month=2026-02');
    expect(response.status).toBe(200);
    expect(response.body.total.received).toBe(0);
    expect(response.body.marketing).toEqual([
      expect.objectContaining({ segment: 'all', delivered: 0, mqlTarget: null }),
    ]);
    const theirs = await client.request(key, 'GET', '/api/v1/handoff/scorecard?month=2026-02');
    const ids = theirs.body.reps.map((r: ScorecardRep) => r.userId);
    expect(ids.length).toBeGreaterThan(0);
    const text = JSON.stringify(response.body);
    for (const id of ids) expect(text).not.toContain(id);
    const targets = await client.request(org.adminKey, 'GET', '/api/v1/handoff/targets?month=2026-02');
    expect(targets.body.items).toEqual([]);
  });
});
