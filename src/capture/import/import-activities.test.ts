import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import type { ImportEntity } from './mapping.ts';
import { type ImportOptions, runImport } from './run-import.ts';

const AT = new Date('2026-03-10T12:00:00Z');

function importText(db: Db, org: TestOrg, entity: ImportEntity, text: string, options: Partial<ImportOptions> = {}) {
  return runImport(db, org.ctx(AT), { entity, source: Readable.from([text]), ...options });
}

// Two leads, an account and a deal for the activities to be about.
async function seedRecords(db: Db, org: TestOrg) {
  await importText(db, org, 'leads', 'external_id,email\nL1,ana@acme-act.io\nL2,bob@acme-act.io\n');
  await importText(db, org, 'accounts', 'external_id,name\nA1,Acme Act\n');
  await importText(db, org, 'deals', 'external_id,name,account,lead,stage\nD1,Acme deal,A1,L1,demo\n');
}

const FILE = [
  'id;type;subject;body;occurred;due;done;user;lead;deal;account',
  'X1;call;Intro call;;2026-02-01 10:00;;;Rita Rep;L1;;',
  ';Meeting;Demo;went well;2026-02-02T15:00:00Z;;;;ana@acme-act.io;D1;',
  ';task;Send proposal;;2026-02-03;2026-02-05;yes;;;;acme act',
  'X4;lunch;Food;;2026-02-04;;;;L1;;',
  'X5;note;Orphan;;2026-02-04;;;;;;',
  'X6;call;Unknown lead;;2026-02-04;;;;L9;;',
  'X7;call;Due call;;2026-02-04;2026-02-06;;;L2;;',
  'X8;note;Bad date;;31/31/2026;;;;L2;;',
  'X9;call;Unknown deal;;2026-02-04;;;;;D9;',
  'X10;note;Not done;;2026-02-04;;maybe;;L2;;',
].join('\r\n');

const MAPS = { external_id: 'id', occurred_at: 'occurred', due_at: 'due', completed: 'done' };

async function activitiesOf(db: Db, org: TestOrg) {
  const { rows } = await sql<{
    type: string;
    subject: string;
    origin: string;
    lead: string | null;
    deal: string | null;
    account: string | null;
    user_name: string | null;
    user_active: boolean | null;
    due_at: Date | null;
    completed_at: Date | null;
    external_id: string | null;
  }>`
    select a.type, a.subject, a.origin, l.external_id as lead, d.external_id as deal, ac.external_id as account,
      u.name as user_name, u.active as user_active, a.due_at, a.completed_at, a.external_id
    from activities a
    left join leads l on l.org_id = a.org_id and l.id = a.lead_id
    left join deals d on d.org_id = a.org_id and d.id = a.deal_id
    left join accounts ac on ac.org_id = a.org_id and ac.id = a.account_id
    left join users u on u.org_id = a.org_id and u.id = a.user_id
    where a.org_id = ${org.orgId} order by a.occurred_at`.execute(db);
  return rows;
}

describe('importing activities', () => {
  it('links each activity to its lead, deal or account and reports every bad row with line, field and reason', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await seedRecords(db, org);
    const run = await importText(db, org, 'activities', FILE, { maps: MAPS });
    expect(run.rejected).toEqual([
      { line: 5, field: 'type', reason: expect.stringContaining('lunch is not one of call, email') },
      { line: 6, field: 'lead', reason: 'an activity needs at least one of lead, deal or account' },
      { line: 7, field: 'lead', reason: 'no lead with external id or e-mail L9' },
      { line: 8, field: 'due_at', reason: 'only a task has a due date, not a call' },
      { line: 9, field: 'occurred_at', reason: '2026-31-31 is not a calendar date' },
      { line: 10, field: 'deal', reason: 'no deal with external id D9' },
      { line: 11, field: 'completed', reason: 'maybe is not yes or no' },
    ]);
    expect(run).toMatchObject({ rows: 10, imported: 3, createdOwners: ['Rita Rep'] });
    const rows = await activitiesOf(db, org);
    expect(rows).toEqual([
      expect.objectContaining({ type: 'call', lead: 'L1', deal: null, user_name: 'Rita Rep', user_active: false }),
      expect.objectContaining({ type: 'meeting', lead: 'L1', deal: 'D1', user_name: null, external_id: null }),
      expect.objectContaining({
        type: 'task',
        account: 'A1',
        due_at: new Date('2026-02-05T00:00:00Z'),
        completed_at: AT,
      }),
    ]);
    expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['import']));
  });

  it('logs nothing twice when the same file is imported again, with or without external ids', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await seedRecords(db, org);
    await importText(db, org, 'activities', FILE, { maps: MAPS });
    const before = await activitiesOf(db, org);
    const again = await importText(db, org, 'activities', FILE, { maps: MAPS, batchSize: 2 });
    expect(again).toMatchObject({ imported: 0, unchanged: 3, createdOwners: [] });
    expect(again.rejected).toHaveLength(7);
    expect(await activitiesOf(db, org)).toEqual(before);
  });

  it('recognises the same activity twice in one file, and tells different subjects apart', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await seedRecords(db, org);
    const file = [
      'type,subject,occurred_at,lead',
      'note,Called back,2026-02-01T09:00:00Z,L2',
      'note,Called back,2026-02-01T09:00:00Z,L2',
      'note,Called again,2026-02-01T09:00:00Z,L2',
    ].join('\n');
    const run = await importText(db, org, 'activities', file);
    expect(run).toMatchObject({ imported: 2, unchanged: 1, rejected: [] });
  });

  it('refuses a mapping with fields activities do not have', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await expect(
      importText(db, org, 'activities', 'kind\ncall\n', { maps: { 'custom.mood': 'kind' } }),
    ).rejects.toThrow(/custom\.mood: not a activities field/);
  });
});
