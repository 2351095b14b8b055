import { beforeAll, describe, expect, it } from 'vitest';
import { createSlaWorld, type SlaWorld } from '../../test/support/sla-world.ts';
import { testDb } from '../../test/support/test-db.ts';
import { completeActivity } from '../activities/complete-activity.ts';
import { createActivity } from '../activities/create-activity.ts';
import type { Db } from '../db/database.ts';
import { listLeadEvents } from '../lifecycle/leads.store.ts';
import { updateLead } from '../lifecycle/update-lead.ts';
import { updateUserRow } from '../platform/users.store.ts';
import type { ActivityId, LeadId } from '../shared/ids.ts';
import { onUserLeftSales } from './hand-off.ts';
import { findJobs } from './jobs.store.ts';
import { dueSoonAt } from './sla-clocks.ts';
import { putSlaSettings } from './sla-settings.ts';
import { DEFAULT_CALENDAR } from './work-calendar.ts';

let db: Db;
let w: SlaWorld;

beforeAll(async () => {
  db = (await testDb()).db;
  w = await createSlaWorld(db);
});

const MONDAY_9 = '2026-01-05T09:00:00.000Z';

async function lead(world: SlaWorld, ownerId?: Parameters<SlaWorld['lead']>[0]) {
  return world.lead(ownerId);
}

async function leadRow(world: SlaWorld, id: LeadId) {
  return world.db
    .selectFrom('leads')
    .select(['owner_id', 'team_id', 'stage'])
    .where('org_id', '=', world.org.orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

function logActivity(world: SlaWorld, iso: string, input: Parameters<typeof createActivity>[2], as = world.rep) {
  return world.db.transaction().execute((trx) => createActivity(trx, world.as(as, iso), input));
}

describe('the accept clock', () => {
  it('starts when a lead becomes an MQL: owner, team, due in business hours, two jobs, and the owner is told', async () => {
    const id = await lead(w);
    await w.move(w.at(MONDAY_9), id, { to: 'mql' });
    const [clock, ...others] = await w.clocks(id);
    expect(others).toEqual([]);
    expect(clock).toMatchObject({
      kind: 'accept',
      owner_id: w.rep.userId,
      team_id: w.team,
      sla_hours: 8,
      started_at: new Date(MONDAY_9),
      due_at: new Date('2026-01-05T17:00:00.000Z'),
      stopped_at: null,
      outcome: null,
    });
    const jobs = await findJobs(db, w.org.orgId, { dedupeKey: clock?.id ?? '' });
    expect(jobs.map((j) => [j.kind, j.run_at.toISOString()]).sort()).toEqual([
      ['sla_due', '2026-01-05T17:00:00.001Z'],
      ['sla_due_soon', '2026-01-05T16:00:00.000Z'],
    ]);
    const told = (await w.notifications(w.rep.userId)).filter((n) => n.lead_id === id);
    expect(told.map((n) => n.kind)).toEqual(['lead_assigned']);
    expect(told[0]?.title).toContain('Lena Lead (Acme)');
    expect(told[0]?.body).toContain('5 Jan 2026, 17:00');
    const emails = await findJobs(db, w.org.orgId, { kind: 'send_email', dedupeKey: told[0]?.id ?? '' });
    expect(emails).toHaveLength(1);
  });

  it('counts business time only: an MQL of Friday 16:30 is due Monday 16:30', async () => {
    const id = await lead(w);
    await w.move(w.at('2026-01-09T16:30:00Z'), id, { to: 'mql' });
    const [clock] = await w.clocks(id);
    expect(clock?.due_at).toEqual(new Date('2026-01-12T16:30:00Z'));
  });

  it('stops as accepted with its business minutes, and acceptance starts the first-activity clock', async () => {
    const id = await lead(w);
    await w.move(w.at('2026-01-09T16:00:00Z'), id, { to: 'mql' });
    await w.move(w.as(w.rep, '2026-01-12T10:00:00Z'), id, { to: 'sal' });
    const [accept, firstActivity] = await w.clocks(id);
    // Friday 16:00–17:00 and Monday 09:00–10:00: two business hours over a weekend.
    expect(accept).toMatchObject({
      kind: 'accept',
      outcome: 'accepted',
      stopped_at: new Date('2026-01-12T10:00:00Z'),
      business_minutes: 120,
    });
    expect(firstActivity).toMatchObject({
      kind: 'first_activity',
      owner_id: w.rep.userId,
      started_at: new Date('2026-01-12T10:00:00Z'),
      due_at: new Date('2026-01-13T10:00:00Z'),
      stopped_at: null,
    });
  });

  it('stops where a back-dated move says it happened', async () => {
    const id = await lead(w);
    await w.move(w.at(MONDAY_9), id, { to: 'mql' });
    await w.move(w.as(w.rep, '2026-01-06T12:00:00Z'), id, { to: 'sal', occurredAt: '2026-01-05T09:45:00Z' });
    const [accept] = await w.clocks(id);
    expect(accept).toMatchObject({ outcome: 'accepted', business_minutes: 45 });
  });

  it('uses the settings of the moment it starts; a running clock keeps its deadline', async () => {
    const world = await createSlaWorld(db);
    const before = await lead(world);
    await world.move(world.at(MONDAY_9), before, { to: 'mql' });
    await db.transaction().execute((trx) =>
      putSlaSettings(trx, world.at(MONDAY_9), {
        acceptSlaHours: 2,
        firstActivitySlaHours: 1,
        calendar: {
          timeZone: 'Europe/Berlin',
          days: { 1: [{ start: '09:00', end: '17:00' }], 2: [{ start: '09:00', end: '17:00' }] },
          holidays: [],
        },
      }),
    );
    const after = await lead(world);
    await world.move(world.at('2026-01-05T10:00:00Z'), after, { to: 'mql' });
    expect((await world.clocks(before))[0]?.due_at).toEqual(new Date('2026-01-05T17:00:00Z'));
    // 10:00 UTC is 11:00 in Berlin; two business hours later is 13:00 Berlin, 12:00 UTC.
    expect((await world.clocks(after))[0]).toMatchObject({ sla_hours: 2, due_at: new Date('2026-01-05T12:00:00Z') });
  });
});

describe('the first-activity clock', () => {
  it("stops at the owner's first logged activity, not at someone else's or at a planned task", async () => {
    const id = await lead(w);
    await w.move(w.at(MONDAY_9), id, { to: 'mql' });
    await w.move(w.as(w.rep, '2026-01-05T10:00:00Z'), id, { to: 'sal' });
    await logActivity(w, '2026-01-05T10:30:00Z', { type: 'note', subject: 'manager note', leadId: id }, w.manager);
    const task = await logActivity(w, '2026-01-05T10:40:00Z', { type: 'task', subject: 'call back', leadId: id });
    expect((await w.clocks(id))[1]?.stopped_at).toBeNull();
    await logActivity(w, '2026-01-05T11:00:00Z', {
      type: 'call',
      subject: 'first call',
      leadId: id,
      occurredAt: '2026-01-05T10:50:00Z',
    });
    const [, firstActivity] = await w.clocks(id);
    expect(firstActivity).toMatchObject({ outcome: 'activity', business_minutes: 50 });
    // Completing the task later changes nothing: the clock has stopped.
    await db
      .transaction()
      .execute((trx) => completeActivity(trx, w.as(w.rep, '2026-01-05T12:00:00Z'), task.id as ActivityId));
    expect((await w.clocks(id))[1]).toMatchObject({ outcome: 'activity', business_minutes: 50 });
  });

  it('stops when the owner completes a task on the lead', async () => {
    const id = await lead(w);
    await w.move(w.at(MONDAY_9), id, { to: 'mql' });
    await w.move(w.as(w.rep, '2026-01-05T10:00:00Z'), id, { to: 'sal' });
    const task = await logActivity(w, '2026-01-05T10:05:00Z', { type: 'task', subject: 'call', leadId: id });
    await db
      .transaction()
      .execute((trx) => completeActivity(trx, w.as(w.rep, '2026-01-05T13:00:00Z'), task.id as ActivityId));
    expect((await w.clocks(id))[1]).toMatchObject({ outcome: 'activity', business_minutes: 180 });
  });

  it('closes when the lead moves on without one', async () => {
    const id = await lead(w);
    await w.move(w.at(MONDAY_9), id, { to: 'mql' });
    await w.move(w.as(w.rep, '2026-01-05T10:00:00Z'), id, { to: 'sal' });
    await w.move(w.as(w.rep, '2026-01-05T11:00:00Z'), id, { to: 'sql' });
    expect((await w.clocks(id)).map((c) => [c.kind, c.outcome])).toEqual([
      ['accept', 'accepted'],
      ['first_activity', 'closed'],
    ]);
  });
});

describe('rejecting and recycling', () => {
  it('a rejection stops the clock and tells every active marketing person the reason and the note', async () => {
    const world = await createSlaWorld(db);
    const gone = await world.org.user('marketing', 'Gone Marketing');
    await db.transaction().execute((trx) => updateUserRow(trx, world.org.orgId, gone.userId, { active: false }));
    const id = await lead(world);
    await world.move(world.at(MONDAY_9), id, { to: 'mql' });
    await world.move(world.as(world.rep, '2026-01-05T09:30:00Z'), id, {
      to: 'disqualified',
      reasonCode: 'no_budget',
      note: 'Budget frozen until Q3',
    });
    expect((await world.clocks(id)).map((c) => [c.outcome, c.business_minutes])).toEqual([['rejected', 30]]);
    const rejected = (await world.notifications()).filter((n) => n.kind === 'lead_rejected');
    expect(rejected.map((n) => n.user_id).sort()).toEqual(world.marketing.map((m) => m.userId).sort());
    for (const n of rejected) {
      expect(n.lead_id).toBe(id);
      expect(n.title).toContain('No budget (no_budget)');
      expect(n.body).toContain('Ray Rep rejected Lena Lead (Acme)');
      expect(n.body).toContain('Note: Budget frozen until Q3');
    }
  });

  it('recycling stops the clock, clears the owner but keeps the queue, tells marketing; qualifying again starts over', async () => {
    const world = await createSlaWorld(db);
    const id = await lead(world);
    await world.move(world.at(MONDAY_9), id, { to: 'mql' });
    await world.move(world.as(world.rep, '2026-01-05T10:00:00Z'), id, { to: 'sal' });
    await world.move(world.as(world.rep, '2026-01-06T10:00:00Z'), id, { to: 'recycled', reasonCode: 'not_ready' });
    expect(await leadRow(world, id)).toEqual({ owner_id: null, team_id: world.team, stage: 'recycled' });
    expect((await world.clocks(id)).map((c) => [c.kind, c.outcome])).toEqual([
      ['accept', 'accepted'],
      ['first_activity', 'recycled'],
    ]);
    const recycled = (await world.notifications()).filter((n) => n.kind === 'lead_recycled');
    expect(recycled).toHaveLength(2);
    expect(recycled[0]?.title).toContain('Interested but not ready to buy (not_ready)');

    // Marketing qualifies it again: it re-enters as an MQL, is routed, and a new clock runs.
    await world.move(world.as(world.marketing[0] as SlaWorld['rep'], '2026-02-02T09:00:00Z'), id, { to: 'mql' });
    const clocks = await world.clocks(id);
    expect(clocks).toHaveLength(3);
    expect(clocks[2]).toMatchObject({ kind: 'accept', owner_id: world.rep.userId, stopped_at: null });
    expect((await leadRow(world, id)).owner_id).toBe(world.rep.userId);
    const events = await listLeadEvents(db, world.org.orgId, id);
    expect(events.map((e) => e.to_stage)).toEqual(['inquiry', 'mql', 'sal', 'recycled', 'mql']);
  });
});

describe('leads nobody can take, and reassignment', () => {
  it('a lead nobody can take waits in the queue with its clock running and no owner', async () => {
    const world = await createSlaWorld(db);
    await db.transaction().execute((trx) => updateUserRow(trx, world.org.orgId, world.rep.userId, { active: false }));
    const id = await lead(world, null);
    await world.move(world.at(MONDAY_9), id, { to: 'mql' });
    const [clock] = await world.clocks(id);
    expect(clock).toMatchObject({ kind: 'accept', owner_id: null, stopped_at: null });
    expect((await world.notifications()).filter((n) => n.kind === 'lead_assigned')).toEqual([]);
  });

  it("a deactivated rep's MQLs get new clocks for their new owner, who is told", async () => {
    const world = await createSlaWorld(db);
    const other = await world.org.user('sales_rep', 'Olga Other', { teamId: world.team });
    const id = await lead(world);
    await world.move(world.at(MONDAY_9), id, { to: 'mql' });
    await db.transaction().execute(async (trx) => {
      await updateUserRow(trx, world.org.orgId, world.rep.userId, { active: false });
      await onUserLeftSales(
        trx,
        world.at('2026-01-05T11:00:00Z'),
        { id: world.rep.userId, name: 'Rep' },
        'was deactivated',
      );
    });
    const [old, fresh] = await world.clocks(id);
    expect(old).toMatchObject({ owner_id: world.rep.userId, outcome: 'reassigned', business_minutes: 120 });
    expect(fresh).toMatchObject({
      owner_id: other.userId,
      started_at: new Date('2026-01-05T11:00:00Z'),
      due_at: new Date('2026-01-06T11:00:00Z'),
      stopped_at: null,
    });
    const told = await world.notifications(other.userId);
    expect(told.map((n) => n.kind)).toEqual(['lead_assigned']);
    expect(told[0]?.body).toContain("it was Ray Rep's");
  });
});

describe('dueSoonAt', () => {
  it.each([
    // 8 h: warned an hour before the end (60 min < 25% of 480).
    [8, '2026-01-05T09:00:00Z', '2026-01-05T16:00:00.000Z'],
    // 2 h: warned 30 minutes before (25% of 120).
    [2, '2026-01-05T09:00:00Z', '2026-01-05T10:30:00.000Z'],
    // Started Friday 16:30 with 8 h: due Monday 16:30, so warned Monday 15:30.
    [8, '2026-01-09T16:30:00Z', '2026-01-12T15:30:00.000Z'],
    // Started on a Saturday: the clock starts Monday 09:00.
    [8, '2026-01-10T12:00:00Z', '2026-01-12T16:00:00.000Z'],
  ])('a %s-hour clock started %s is due soon at %s', (hours, start, expected) => {
    expect(dueSoonAt(new Date(start), hours, DEFAULT_CALENDAR('UTC')).toISOString()).toBe(expected);
  });
});

describe('an owner changed by hand', () => {
  it('takes the running accept clock with its deadline, and the change is recorded as a manual assignment', async () => {
    const world = await createSlaWorld(db);
    const other = await world.org.user('sales_rep', 'Otto Other', { teamId: world.team });
    const id = await lead(world);
    await world.move(world.at(MONDAY_9), id, { to: 'mql' });
    const [before] = await world.clocks(id);
    await world.db
      .transaction()
      .execute((trx) =>
        updateLead(trx, world.as(world.manager, '2026-01-05T10:00:00Z'), id, { ownerId: other.userId }),
      );
    const [after, ...more] = await world.clocks(id);
    expect(more).toEqual([]);
    expect(after).toMatchObject({ id: before?.id, owner_id: other.userId, due_at: before?.due_at, stopped_at: null });
    const assignments = await world.db
      .selectFrom('lead_assignments')
      .select(['user_id', 'reason', 'actor_id'])
      .where('org_id', '=', world.org.orgId)
      .where('lead_id', '=', id)
      .orderBy('assigned_at')
      .execute();
    expect(assignments.at(-1)).toEqual({ user_id: other.userId, reason: 'manual', actor_id: world.manager.userId });
  });
});
