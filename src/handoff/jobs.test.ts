import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSlaWorld, type SlaWorld } from '../../test/support/sla-world.ts';
import { testDb } from '../../test/support/test-db.ts';
import type { Db } from '../db/database.ts';
import { updateUserRow } from '../platform/users.store.ts';
import { type JobId, type LeadId, newId, type RoutingRuleId } from '../shared/ids.ts';
import { claimDueJobs, findJobs, insertJob } from './jobs.store.ts';
import { JOB_LEASE_MS, MAX_JOB_ATTEMPTS, retryDelayMs, runDueJobs } from './jobs.ts';
import { inJobTransaction } from './jobs-core.ts';
import { logMailer } from './notifications-email.ts';
import { replaceRoutingRuleRows } from './routing.store.ts';
import { recordBreach } from './sla-clocks-jobs.ts';

let db: Db;

beforeAll(async () => {
  db = (await testDb()).db;
});

const MONDAY_9 = '2026-01-05T09:00:00.000Z';

async function mql(w: SlaWorld, at = MONDAY_9, ownerId?: Parameters<SlaWorld['lead']>[0]): Promise<LeadId> {
  const id = await w.lead(ownerId);
  await w.move(w.at(at), id, { to: 'mql' });
  return id;
}

async function kinds(w: SlaWorld, leadId: LeadId) {
  return (await w.notifications()).filter((n) => n.lead_id === leadId).map((n) => [n.kind, n.user_id]);
}

async function openJobs(w: SlaWorld) {
  return (await findJobs(db, w.org.orgId)).filter((j) => j.done_at === null);
}

describe('the SLA jobs', () => {
  it('warn the owner once when the clock is due soon, then record the breach and escalate once', async () => {
    const w = await createSlaWorld(db);
    const id = await mql(w);
    // Before 16:00 nothing but the assignment e-mail is due.
    const early = await w.runJobs('2026-01-05T15:59:59Z');
    expect(early.claimed).toHaveLength(1);
    await w.runJobs('2026-01-05T16:00:00Z');
    const [warned] = await w.clocks(id);
    expect(warned).toMatchObject({ warned_at: new Date('2026-01-05T16:00:00Z'), breached_at: null });
    // The deadline is inclusive: at 17:00 exactly the clock is not breached yet (only the
    // warning's e-mail runs).
    expect((await w.runJobs('2026-01-05T17:00:00Z')).claimed).toHaveLength(1);
    expect((await w.clocks(id))[0]?.breached_at).toBeNull();
    await w.drainJobs('2026-01-05T17:05:00Z');
    const [breached] = await w.clocks(id);
    expect(breached).toMatchObject({
      breached_at: new Date('2026-01-05T17:05:00Z'),
      escalated_to: w.manager.userId,
      stopped_at: null,
    });
    expect(await kinds(w, id)).toEqual([
      ['lead_assigned', w.rep.userId],
      ['sla_due_soon', w.rep.userId],
      ['sla_breached', w.rep.userId],
      ['sla_escalated', w.manager.userId],
    ]);
    // Every notification was e-mailed (here: to the log), once.
    expect(await openJobs(w)).toEqual([]);
    expect(w.mail.map((m) => m.to).sort()).toEqual([w.rep.email, w.rep.email, w.rep.email, w.manager.email].sort());
    expect(w.mail.find((m) => m.to === w.manager.email)?.subject).toContain('Escalated: Lena Lead (Acme)');
  });

  it('change nothing when run a second time for the same clock', async () => {
    const w = await createSlaWorld(db);
    const id = await mql(w);
    await w.drainJobs('2026-01-06T09:00:00Z');
    const clocks = await w.clocks(id);
    const notifications = await w.notifications();
    const clockId = clocks[0]?.id ?? '';
    // A second breach job for the same clock (say, scheduled twice under different keys).
    await insertJob(db, w.org.orgId, {
      id: '01900000-0000-7000-8000-000000000001' as JobId,
      kind: 'sla_due',
      runAt: new Date('2026-01-06T09:00:00Z'),
      payload: { clockId },
      dedupeKey: `again:${clockId}`,
    });
    const again = await w.runJobs('2026-01-06T10:00:00Z');
    expect(again.claimed).toHaveLength(1);
    expect(again.failed).toEqual([]);
    expect(await w.clocks(id)).toEqual(clocks);
    expect(await w.notifications()).toEqual(notifications);
    expect(await openJobs(w)).toEqual([]);
  });

  it('do nothing for a clock that stopped in time', async () => {
    const w = await createSlaWorld(db);
    const id = await mql(w);
    await w.move(w.as(w.rep, '2026-01-05T11:00:00Z'), id, { to: 'sal' });
    await w.move(w.as(w.rep, '2026-01-05T11:30:00Z'), id, { to: 'sql' });
    // Two jobs for each of the two clocks, and the assignment e-mail: all done, none failed.
    expect(await w.drainJobs('2026-01-09T09:00:00Z')).toHaveLength(5);
    expect((await findJobs(db, w.org.orgId)).map((j) => j.attempts)).toEqual([0, 0, 0, 0, 0]);
    expect((await w.clocks(id)).map((c) => [c.warned_at, c.breached_at, c.escalated_to])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(await kinds(w, id)).toEqual([['lead_assigned', w.rep.userId]]);
    expect(await openJobs(w)).toEqual([]);
  });

  it('escalate a lead waiting without an owner to its team manager', async () => {
    const w = await createSlaWorld(db);
    // The team's round-robin finds nobody (its rep is inactive): the lead waits in its queue.
    await db.transaction().execute(async (trx) => {
      await updateUserRow(trx, w.org.orgId, w.rep.userId, { active: false });
      await replaceRoutingRuleRows(trx, w.org.orgId, [
        { id: newId<RoutingRuleId>(), kind: 'round_robin', name: 'Sales team', match: '{}', team_id: w.team },
      ]);
    });
    const id = await mql(w, MONDAY_9, null);
    expect((await w.clocks(id))[0]).toMatchObject({ owner_id: null, team_id: w.team });
    await w.drainJobs('2026-01-06T09:00:00Z');
    expect((await w.clocks(id))[0]).toMatchObject({ owner_id: null, escalated_to: w.manager.userId });
    expect(await kinds(w, id)).toEqual([
      ['sla_due_soon', w.manager.userId],
      ['sla_escalated', w.manager.userId],
    ]);
  });

  it('run inside their org and leave other organisations alone', async () => {
    const mine = await createSlaWorld(db);
    const theirs = await createSlaWorld(db);
    const other = await mql(theirs);
    await mql(mine);
    await mine.drainJobs('2026-01-09T09:00:00Z');
    expect((await theirs.clocks(other))[0]?.breached_at).toBeNull();
    expect((await openJobs(theirs)).length).toBe(3);
  });
});

describe('the jobs worker', () => {
  it("picks up the jobs of a worker that died once that worker's lease runs out", async () => {
    const w = await createSlaWorld(db);
    const id = await mql(w);
    const now = new Date('2026-01-06T09:00:00Z');
    // A worker claims the due jobs and dies before running them.
    const lost = await claimDueJobs(db, now, 10, new Date(now.getTime() + JOB_LEASE_MS), w.org.orgId);
    expect(lost).toHaveLength(3);
    expect((await w.runJobs('2026-01-06T09:01:00Z')).claimed).toEqual([]);
    const after = new Date(now.getTime() + JOB_LEASE_MS + 1);
    const round = await w.runJobs(after.toISOString());
    expect([...round.claimed].sort()).toEqual(lost.map((j) => j.id).sort());
    expect((await w.clocks(id))[0]?.breached_at).toEqual(after);
  });

  it('retries a failing job with backoff, keeping its error, and gives up after the last attempt', async () => {
    const w = await createSlaWorld(db);
    const start = Date.parse('2026-01-05T09:00:00Z');
    await insertJob(db, w.org.orgId, {
      id: '01900000-0000-7000-8000-000000000002' as JobId,
      kind: 'no_such_kind',
      runAt: new Date(start),
      payload: {},
      dedupeKey: null,
    });
    let at = start;
    for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt++) {
      const round = await w.runJobs(new Date(at).toISOString());
      expect(round.failed).toHaveLength(1);
      const [job] = await findJobs(db, w.org.orgId, { kind: 'no_such_kind' });
      expect(job).toMatchObject({ attempts: attempt, last_error: "no handler for job kind 'no_such_kind'" });
      if (attempt < MAX_JOB_ATTEMPTS) {
        expect(job?.run_at.getTime()).toBe(at + retryDelayMs(attempt));
        expect(job?.done_at).toBeNull();
        // Not due again before its backoff has passed.
        expect((await w.runJobs(new Date(at + retryDelayMs(attempt) - 1).toISOString())).claimed).toEqual([]);
        at += retryDelayMs(attempt);
      } else {
        expect(job?.done_at).toEqual(new Date(at));
      }
    }
    expect((await w.runJobs('2027-01-01T00:00:00Z')).claimed).toEqual([]);
    expect(w.errors).toHaveLength(MAX_JOB_ATTEMPTS);
    expect(w.errors.at(-1)).toBe(
      `job failed ${MAX_JOB_ATTEMPTS} times; giving up: no handler for job kind 'no_such_kind'`,
    );
  });

  it('rolls back a job that fails halfway, so nothing of it is left', async () => {
    const w = await createSlaWorld(db);
    const id = await mql(w);
    const [clock] = await w.clocks(id);
    const [job] = await findJobs(db, w.org.orgId, { kind: 'sla_due', dedupeKey: clock?.id ?? '' });
    if (!job || !clock) throw new Error('no breach job');
    await expect(
      inJobTransaction(db, job, new Date('2026-01-06T09:00:00Z'), async (trx, scope) => {
        await recordBreach(trx, scope, clock.id);
        throw new Error('the worker fell over');
      }),
    ).rejects.toThrow('the worker fell over');
    expect((await w.clocks(id))[0]?.breached_at).toBeNull();
    expect(await kinds(w, id)).toEqual([['lead_assigned', w.rep.userId]]);
    expect((await findJobs(db, w.org.orgId, { kind: 'sla_due' }))[0]?.done_at).toBeNull();
  });

  it.skipIf(!inject('databaseUrl'))(
    'never runs one job twice when workers claim at once (PostgreSQL, FOR UPDATE SKIP LOCKED)',
    async () => {
      const w = await createSlaWorld(db);
      const leads: LeadId[] = [];
      for (let i = 0; i < 12; i++) leads.push(await mql(w));
      const now = new Date('2026-01-06T09:00:00Z');
      const worker = async () => {
        const ran: JobId[] = [];
        for (;;) {
          const round = await runDueJobs(db, now, { orgId: w.org.orgId, batchSize: 2, mailer: logMailer(silent) });
          expect(round.failed).toEqual([]);
          if (round.claimed.length === 0) return ran;
          ran.push(...round.claimed);
        }
      };
      // Four at once (the test pool has four connections), so claims truly overlap.
      const workers = await Promise.all([worker(), worker(), worker(), worker()]);
      const all = workers.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(workers.filter((ran) => ran.length > 0).length).toBeGreaterThan(1);
      // Every job of the org ran once: the 36 scheduled up front and the e-mails they caused.
      expect(all.length).toBe((await findJobs(db, w.org.orgId)).length);
      expect(all.length).toBeGreaterThanOrEqual(36 + 24);
      expect(await openJobs(w)).toEqual([]);
      const notifications = await w.notifications();
      expect(notifications.filter((n) => n.kind === 'sla_breached')).toHaveLength(12);
      expect(notifications.filter((n) => n.kind === 'sla_escalated')).toHaveLength(12);
      expect(notifications.every((n) => n.emailed_at !== null)).toBe(true);
    },
  );
});

const silent = { info: () => {}, error: () => {} };
