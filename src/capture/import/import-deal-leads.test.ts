import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import type { LeadStage } from '../../lifecycle/constants.ts';
import { replayStages } from '../../lifecycle/lead-transitions.ts';
import type { ImportEntity } from './mapping.ts';
import { type ImportOptions, runImport } from './run-import.ts';

const AT = new Date('2026-03-10T12:00:00Z');

function importText(db: Db, org: TestOrg, entity: ImportEntity, text: string, options: Partial<ImportOptions> = {}) {
  return runImport(db, org.ctx(AT), { entity, source: Readable.from([text]), ...options });
}

const LEADS = [
  'external_id,email,stage,created_at',
  'L1,l1@deal-leads.io,sql,2026-01-05',
  'L2,l2@deal-leads.io,inquiry,2026-01-05',
  'L3,l3@deal-leads.io,mql,2026-01-05',
  'L4,l4@deal-leads.io,sql,2026-01-05',
  'L5,l5@deal-leads.io,sql,2026-01-05',
].join('\n');

const DEALS = [
  'external_id;name;lead;stage;created_at;closed_at',
  'D1;Won deal;L1;closed_won;2026-02-01;2026-03-01',
  'D2;Lost deal;l2@deal-leads.io;closed_lost;2026-02-01;2026-02-15',
  'D3;Lost one;L4;closed_lost;2026-02-01;2026-02-20',
  'D4;Open one;L4;demo;2026-02-10;',
  'D5;Open;L3;demo;2026-02-05;',
].join('\r\n');

async function stagesOf(db: Db, org: TestOrg): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('leads')
    .select(['external_id', 'stage'])
    .where('org_id', '=', org.orgId)
    .orderBy('external_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.external_id, r.stage]));
}

async function eventsOf(db: Db, org: TestOrg, externalId: string) {
  const { rows } = await sql<{ from_stage: LeadStage | null; to_stage: LeadStage; occurred_at: Date }>`
    select e.from_stage, e.to_stage, e.occurred_at from lead_stage_events e
    join leads l on l.org_id = e.org_id and l.id = e.lead_id
    where e.org_id = ${org.orgId} and l.external_id = ${externalId}
    order by e.occurred_at, e.id`.execute(db);
  return rows;
}

describe('importing deals linked to leads', () => {
  it('moves each lead as converting and closing its deals would', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importText(db, org, 'leads', LEADS);
    const run = await importText(db, org, 'deals', DEALS);
    expect(run).toMatchObject({ imported: 5, rejected: [] });
    expect(await stagesOf(db, org)).toEqual({
      L1: 'won',
      L2: 'lost',
      L3: 'opportunity',
      // Its lost deal closed while the other deal was open: it is still an opportunity.
      L4: 'opportunity',
      L5: 'sql',
    });
    const l2 = await eventsOf(db, org, 'L2');
    expect(l2.map((e) => `${e.from_stage}>${e.to_stage}`)).toEqual([
      'null>inquiry',
      'inquiry>mql',
      'mql>sal',
      'sal>sql',
      'sql>opportunity',
      'opportunity>lost',
    ]);
    expect(l2.at(-1)?.occurred_at).toEqual(new Date('2026-02-15T00:00:00Z'));
    // Every lead's stage is still the fold of its events.
    for (const [externalId, stage] of Object.entries(await stagesOf(db, org))) {
      const events = await eventsOf(db, org, externalId);
      expect(replayStages(events.map((e) => ({ fromStage: e.from_stage, toStage: e.to_stage })))).toBe(stage);
    }
  });

  it('moves nothing again when the same deals are imported again', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importText(db, org, 'leads', LEADS);
    await importText(db, org, 'deals', DEALS);
    const count = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from lead_stage_events where org_id = ${org.orgId}`.execute(
          db,
        )
      ).rows[0]?.n;
    const before = await count();
    const again = await importText(db, org, 'deals', DEALS, { batchSize: 2 });
    expect(again).toMatchObject({ imported: 0, unchanged: 5 });
    expect(await count()).toBe(before);
  });

  it('keeps a lead with an open deal from an earlier import an opportunity when another of its deals is lost', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importText(db, org, 'leads', LEADS);
    await importText(db, org, 'deals', 'external_id,lead,stage,created_at\nD6,L5,demo,2026-02-01\n');
    expect((await stagesOf(db, org)).L5).toBe('opportunity');
    await importText(
      db,
      org,
      'deals',
      'external_id,lead,outcome,created_at,closed_at\nD7,L5,lost,2026-02-02,2026-02-10\n',
    );
    expect((await stagesOf(db, org)).L5).toBe('opportunity');
    await importText(
      db,
      org,
      'deals',
      'external_id,lead,outcome,created_at,closed_at\nD8,L5,won,2026-02-03,2026-03-01\n',
    );
    expect((await stagesOf(db, org)).L5).toBe('won');
  });
});
