import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSeededOrg } from '../../test/support/fixtures.ts';
import { testDb } from '../../test/support/test-db.ts';
import type { Db } from '../db/database.ts';
import { businessMinutesBetween, slaDueAt } from '../handoff/sla-clock.ts';
import type { WorkCalendar } from '../handoff/work-calendar.ts';
import type { OrgId } from '../shared/ids.ts';
import { demoWorkCalendar } from './handoff-history.ts';

// The demo org's hand-off record, as the hand-off itself would have written it: a routing
// decision and an accept clock for every move into mql, clocks stopped with the business
// minutes of the org calendar, and the MQLs still waiting in their owners' queues with their
// clocks running and their jobs scheduled.

const NOW = new Date('2026-05-13T18:20:00.000Z');
let db: Db;
let orgId: OrgId;

beforeAll(async () => {
  db = (await testDb()).db;
  orgId = (await createSeededOrg(db, { leads: 1200, seed: 23, now: NOW })).orgId;
}, 120_000);

describe('the demo hand-off history', () => {
  it('keeps the agreement of the generated history: 8 business hours in a 09:00–17:30 calendar', async () => {
    const settings = await db
      .selectFrom('handoff_settings')
      .selectAll()
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(settings.calendar).toEqual(demoWorkCalendar('America/New_York'));
    expect([settings.accept_sla_hours, settings.first_activity_sla_hours]).toEqual([8, 8]);
  });

  it('routes and clocks every move into mql, and the MQLs still waiting sit in their owners’ queues', async () => {
    const counts = await sql<{ mql_events: number; assignments: number; accept_clocks: number }>`
      select (select count(*)::int from lead_stage_events where org_id = ${orgId} and to_stage = 'mql') as mql_events,
        (select count(*)::int from lead_assignments where org_id = ${orgId}) as assignments,
        (select count(*)::int from sla_clocks where org_id = ${orgId} and kind = 'accept') as accept_clocks`.execute(
      db,
    );
    const row = counts.rows[0];
    expect(row?.mql_events).toBeGreaterThan(100);
    expect(row?.assignments).toBe(row?.mql_events);
    expect(row?.accept_clocks).toBe(row?.mql_events);
    const waiting = await sql<{ id: string; owner_id: string | null; clock_owner: string | null; clocks: number }>`
      select l.id, l.owner_id, max(k.owner_id::text) as clock_owner, count(k.id)::int as clocks
      from leads l
      left join sla_clocks k on k.org_id = l.org_id and k.lead_id = l.id and k.kind = 'accept' and k.stopped_at is null
      where l.org_id = ${orgId} and l.stage = 'mql'
      group by l.id, l.owner_id`.execute(db);
    expect(waiting.rows.length).toBeGreaterThan(0);
    for (const lead of waiting.rows) {
      expect({ lead: lead.id, clocks: lead.clocks, owner: lead.clock_owner }).toEqual({
        lead: lead.id,
        clocks: 1,
        owner: lead.owner_id,
      });
    }
    const notMql = await sql<{ n: number }>`
      select count(*)::int as n from sla_clocks k join leads l on l.org_id = k.org_id and l.id = k.lead_id
      where k.org_id = ${orgId} and k.kind = 'accept' and k.stopped_at is null and l.stage <> 'mql'`.execute(db);
    expect(notMql.rows[0]?.n).toBe(0);
  });

  it('stops each clock with the business minutes and breach the calendar gives', async () => {
    const calendar = demoWorkCalendar('America/New_York') as WorkCalendar;
    const clocks = await db.selectFrom('sla_clocks').selectAll().where('org_id', '=', orgId).execute();
    let breached = 0;
    for (const clock of clocks) {
      expect(clock.due_at.toISOString()).toBe(slaDueAt(clock.started_at, clock.sla_hours, calendar).toISOString());
      const end = clock.stopped_at ?? NOW;
      if (clock.stopped_at) {
        expect(clock.business_minutes).toBe(Math.floor(businessMinutesBetween(clock.started_at, end, calendar)));
      }
      expect({ clock: clock.id, breached: clock.breached_at !== null }).toEqual({
        clock: clock.id,
        breached: end > clock.due_at,
      });
      if (clock.breached_at) breached += 1;
    }
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(clocks.length);
    const kinds = new Set(clocks.map((c) => `${c.kind}:${c.outcome}`));
    for (const k of ['accept:accepted', 'accept:rejected', 'accept:recycled', 'first_activity:activity']) {
      expect(kinds).toContain(k);
    }
  });

  it("schedules the jobs of the clocks still running, and marketing's targets for this month and the last", async () => {
    const running = await sql<{ id: string; jobs: number }>`
      select k.id, (select count(*)::int from jobs j where j.org_id = k.org_id and j.dedupe_key = k.id::text) as jobs
      from sla_clocks k where k.org_id = ${orgId} and k.stopped_at is null and k.breached_at is null`.execute(db);
    for (const clock of running.rows) expect(clock).toEqual({ id: clock.id, jobs: 2 });
    const targets = await db
      .selectFrom('marketing_targets')
      .select(['month', 'segment'])
      .where('org_id', '=', orgId)
      .where('segment', '=', 'all')
      .orderBy('month')
      .execute();
    expect(targets).toEqual([
      { month: '2026-04-01', segment: 'all' },
      { month: '2026-05-01', segment: 'all' },
    ]);
  });
});
