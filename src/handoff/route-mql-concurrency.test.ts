import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { testDb } from '../../test/support/test-db.ts';
import type { Db, Trx } from '../db/database.ts';
import { createLead } from '../lifecycle/create-lead.ts';
import { transitionLead } from '../lifecycle/transition-lead.ts';
import { updateUser } from '../platform/update-user.ts';
import type { LeadId } from '../shared/ids.ts';
import { putRoutingRep } from './routing-settings.ts';
import { loadHandoffSettings } from './settings.store.ts';

// The move into mql reads routing's rules and reps in the statement that takes the routing
// lock, so when it had to wait for the lock its reads predate what the holder committed.
// These tests hold the lock in one transaction while a lead moves into mql in another
// (PostgreSQL only: PGlite has one connection).
let db: Db;
const NOW = new Date('2026-03-02T10:00:00.000Z');

beforeAll(async () => {
  db = (await testDb()).db;
});

// A new lead in inquiry, left unqualified (the tests move it into mql themselves).
const inquiry = async (org: TestOrg): Promise<LeadId> =>
  (
    await db
      .transaction()
      .execute((trx) => createLead(trx, org.ctx(NOW), { firstName: 'Lead', email: null }, { qualify: false }))
  ).id as LeadId;

// Resolves once some statement of this database waits for a lock.
async function someoneWaitsForALock(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no statement started waiting for a lock');
}

// Runs `work` in a transaction and keeps it open, holding its locks, until `commit()`.
async function holding(work: (trx: Trx) => Promise<unknown>): Promise<{ commit: () => Promise<void> }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let worked = () => {};
  const working = new Promise<void>((resolve) => {
    worked = resolve;
  });
  const transaction = db.transaction().execute(async (trx) => {
    await work(trx);
    worked();
    await released;
  });
  await Promise.race([working, transaction]);
  return {
    commit: async () => {
      release();
      await transaction;
    },
  };
}

const moveIntoMql = (org: TestOrg, leadId: LeadId) =>
  db.transaction().execute((trx) => transitionLead(trx, org.ctx(NOW), leadId, { to: 'mql' }));

const ownerOf = async (org: TestOrg, leadId: LeadId) =>
  (
    await db
      .selectFrom('leads')
      .select('owner_id')
      .where('org_id', '=', org.orgId)
      .where('id', '=', leadId)
      .executeTakeFirstOrThrow()
  ).owner_id;

describe.skipIf(!inject('databaseUrl'))('routing a new MQL while the routing lock is held (PostgreSQL)', () => {
  it('reads the reps again when the holder took someone out of sales', async () => {
    const org = await createTestOrg(db);
    const teamId = await org.team('Inside');
    const rae = await org.user('sales_rep', 'Rae', { teamId });
    // The org has its settings row (its first routing makes it), so the move takes the lock.
    await loadHandoffSettings(db, org.orgId, { forUpdate: false });
    const leadId = await inquiry(org);
    const deactivation = await holding((trx) => updateUser(trx, org.ctx(NOW), rae.userId, { active: false }));
    const move = moveIntoMql(org, leadId);
    await someoneWaitsForALock();
    await deactivation.commit();
    await move;
    // Read as of before the deactivation, Rae was the one rep: the lead would be hers.
    expect(await ownerOf(org, leadId)).toBeNull();
  });

  it('counts open MQLs again when reps have a capacity', async () => {
    const org = await createTestOrg(db);
    const teamId = await org.team('Inside');
    const rae = await org.user('sales_rep', 'Rae', { teamId });
    await db.transaction().execute((trx) => putRoutingRep(trx, org.ctx(NOW), rae.userId, { capacity: 1 }));
    await loadHandoffSettings(db, org.orgId, { forUpdate: false });
    const [first, second] = [await inquiry(org), await inquiry(org)];
    const routing = await holding((trx) => transitionLead(trx, org.ctx(NOW), first, { to: 'mql' }));
    const move = moveIntoMql(org, second);
    await someoneWaitsForALock();
    await routing.commit();
    await move;
    expect(await ownerOf(org, first)).toBe(rae.userId);
    // Counted as of before the first was routed, Rae would have had room for the second.
    expect(await ownerOf(org, second)).toBeNull();
  });
});
