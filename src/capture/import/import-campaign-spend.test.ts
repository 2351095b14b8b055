import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import type { CampaignCreate } from '../capture.schema.ts';
import { createCampaign } from '../create-campaign.ts';
import { type ImportOptions, runImport } from './run-import.ts';

const AT = new Date('2026-03-10T12:00:00Z');

function importSpend(db: Db, org: TestOrg, text: string, options: Partial<ImportOptions> = {}) {
  return runImport(db, org.ctx(AT), { entity: 'campaign-spend', source: Readable.from([text]), ...options });
}

async function seedCampaigns(db: Db, org: TestOrg) {
  const campaigns: CampaignCreate[] = [
    { name: 'Winter Search', channel: 'paid_search', utmCampaign: 'winter', externalId: 'G-1' },
    { name: 'Fair', channel: 'events' },
    { name: 'Dup', channel: 'other' },
    { name: 'Dup', channel: 'other' },
    { name: 'Euro', channel: 'display', currency: 'EUR' },
  ];
  await db.transaction().execute(async (trx) => {
    for (const c of campaigns) await createCampaign(trx, org.ctx(AT), c);
  });
}

async function spendOf(db: Db, org: TestOrg) {
  const { rows } = await sql<{ name: string; day: string; amount: number; currency: string }>`
    select c.name, to_char(s.day, 'YYYY-MM-DD') as day, s.amount_minor::int as amount, s.currency::text as currency
    from campaign_spend s join campaigns c on c.org_id = s.org_id and c.id = s.campaign_id
    where s.org_id = ${org.orgId} order by c.name, s.day`.execute(db);
  return rows;
}

const FILE = [
  'campaign,date,amount,currency',
  'G-1,2026-02-01,"1,234.50",',
  'WINTER,2026-02-02,100,usd',
  'Fair,2026-02-01,50,',
  'Fair,2026-02-01,75,',
  'Nope,2026-02-01,10,',
  'Dup,2026-02-01,10,',
  'Fair,2026-02-03,-5,',
  'Fair,2026-02-03,abc,',
  'Fair,2026-02-03,,',
  'Euro,2026-02-01,10,USD',
  'Fair,2026-02-03T10:00:00Z,5,',
  ',2026-02-03,5,',
].join('\n');

describe('importing campaign spend', () => {
  it('sets each campaign day and reports every bad row with line, field and reason', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await seedCampaigns(db, org);
    const run = await importSpend(db, org, FILE);
    expect(run.rejected).toEqual([
      { line: 6, field: 'campaign', reason: expect.stringContaining('no campaign with external id') },
      { line: 7, field: 'campaign', reason: expect.stringContaining('2 campaigns are named Dup') },
      { line: 8, field: 'amount', reason: '-5 is negative' },
      { line: 9, field: 'amount', reason: 'abc is not an amount' },
      { line: 10, field: 'amount', reason: 'a spend row needs its amount' },
      { line: 11, field: 'currency', reason: expect.stringContaining('is budgeted in EUR') },
      { line: 12, field: 'date', reason: 'spend is per day; give the day without a time' },
      { line: 13, field: 'campaign', reason: expect.stringContaining('names its campaign') },
    ]);
    // The file restates Fair's 1 February: the later row is the day's amount.
    expect(run).toMatchObject({ rows: 12, imported: 3, updated: 0, unchanged: 1 });
    expect(await spendOf(db, org)).toEqual([
      { name: 'Fair', day: '2026-02-01', amount: 7500, currency: 'USD' },
      { name: 'Winter Search', day: '2026-02-01', amount: 123450, currency: 'USD' },
      { name: 'Winter Search', day: '2026-02-02', amount: 10000, currency: 'USD' },
    ]);
  });

  it('changes nothing when the same file is imported again, and replaces a restated day', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await seedCampaigns(db, org);
    await importSpend(db, org, FILE);
    const before = await spendOf(db, org);
    const again = await importSpend(db, org, FILE);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect(await spendOf(db, org)).toEqual(before);
    // In small batches the restated day is written by each batch that holds one of its rows,
    // and ends as the file's last amount for it.
    expect(await importSpend(db, org, FILE, { batchSize: 3 })).toMatchObject({ imported: 0 });
    expect(await spendOf(db, org)).toEqual(before);
    const restated = await importSpend(db, org, 'campaign;date;amount\r\nwinter;02/02/2026;250,50\r\n');
    expect(restated).toMatchObject({ imported: 0, updated: 1, rejected: [] });
    expect(await spendOf(db, org)).toContainEqual({
      name: 'Winter Search',
      day: '2026-02-02',
      amount: 25050,
      currency: 'USD',
    });
  });

  it('does not create campaigns from spend rows', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const run = await importSpend(db, org, 'campaign,date,amount\nspring,2026-02-01,10\n');
    expect(run.rejected).toEqual([{ line: 2, field: 'campaign', reason: expect.stringContaining('spring') }]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from campaigns where org_id = ${org.orgId}`.execute(db);
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
