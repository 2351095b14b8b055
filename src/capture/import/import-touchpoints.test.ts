import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import { replaceChannelOverrides } from '../channel-overrides.ts';
import { mergeLeads } from '../merge-leads.ts';
import type { ImportEntity } from './mapping.ts';
import { type ImportOptions, runImport } from './run-import.ts';

const AT = new Date('2026-03-10T12:00:00Z');

function importText(db: Db, org: TestOrg, entity: ImportEntity, text: string, options: Partial<ImportOptions> = {}) {
  return runImport(db, org.ctx(AT), { entity, source: Readable.from([text]), ...options });
}

const LEADS = 'external_id,email,created_at\nT1,ana@acme-touch.io,2026-01-05\nT2,bob@gmail.com,2026-01-06\n';

const FILE = [
  'lead;type;occurred_at;url;referrer;utm_campaign',
  'T1;web_visit;2026-02-01T10:00:00Z;https://site.io/pricing?utm_source=google&utm_medium=cpc&utm_campaign=Winter;;',
  'bob@gmail.com;form_fill;2026-02-02T10:00:00Z;https://site.io/demo;https://www.linkedin.com/;',
  'B.o.b+news@gmail.com;web_visit;2026-02-03T10:00:00Z;https://site.io/;;spring',
  'T2;email_click;2026-02-04T10:00:00Z;https://site.io/?utm_source=partnerco&utm_medium=referral;;',
  'T9;web_visit;2026-02-03T10:00:00Z;;;',
  'T1;visit;2026-02-03T10:00:00Z;;;',
  'T1;web_visit;2099-01-01;;;',
  'T1;web_visit;;https://site.io/;;',
  ';web_visit;2026-02-03T10:00:00Z;;;',
].join('\r\n');

async function touchesOf(db: Db, org: TestOrg) {
  const { rows } = await sql<{ lead: string; type: string; channel: string; campaign: string | null }>`
    select l.external_id as lead, t.type, t.channel, c.utm_campaign as campaign
    from touchpoints t
    join leads l on l.org_id = t.org_id and l.id = t.lead_id
    left join campaigns c on c.org_id = t.org_id and c.id = t.campaign_id
    where t.org_id = ${org.orgId} and t.type <> 'import' order by t.occurred_at`.execute(db);
  return rows;
}

async function countTouches(db: Db, org: TestOrg): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from touchpoints where org_id = ${org.orgId}`.execute(db);
  return Number(rows[0]?.n);
}

describe('importing touchpoints', () => {
  it('adds touches to existing leads with the channel and campaign ingest would give them', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await db
      .transaction()
      .execute((trx) =>
        replaceChannelOverrides(trx, org.ctx(AT), { items: [{ source: 'partnerco', channel: 'partner' }] }),
      );
    await importText(db, org, 'leads', LEADS);
    const run = await importText(db, org, 'touchpoints', FILE);
    expect(run.rejected).toEqual([
      { line: 6, field: 'lead', reason: 'no lead with external id or e-mail T9' },
      { line: 7, field: 'type', reason: expect.stringContaining('visit is not one of form_fill') },
      { line: 8, field: 'occurred_at', reason: 'a touch cannot happen in the future' },
      { line: 9, field: 'occurred_at', reason: expect.stringContaining('needs the time it happened') },
      {
        line: 10,
        field: 'lead',
        reason: expect.stringContaining("names its lead by the lead's external id or e-mail"),
      },
    ]);
    expect(run).toMatchObject({ rows: 9, imported: 4 });
    expect(await touchesOf(db, org)).toEqual([
      { lead: 'T1', type: 'web_visit', channel: 'paid_search', campaign: 'winter' },
      { lead: 'T2', type: 'form_fill', channel: 'organic_social', campaign: null },
      { lead: 'T2', type: 'web_visit', channel: 'direct', campaign: 'spring' },
      { lead: 'T2', type: 'email_click', channel: 'partner', campaign: null },
    ]);
    // A lead without a first campaign takes it from its earliest touch that has one.
    const { rows } = await sql<{ external_id: string; campaign: string | null }>`
      select l.external_id, c.utm_campaign as campaign from leads l
      left join campaigns c on c.org_id = l.org_id and c.id = l.first_campaign_id
      where l.org_id = ${org.orgId} order by l.external_id`.execute(db);
    expect(rows).toEqual([
      { external_id: 'T1', campaign: 'winter' },
      { external_id: 'T2', campaign: 'spring' },
    ]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importText(db, org, 'leads', LEADS);
    await importText(db, org, 'touchpoints', FILE);
    const touches = await countTouches(db, org);
    const again = await importText(db, org, 'touchpoints', FILE, { batchSize: 3 });
    expect(again).toMatchObject({ imported: 0, unchanged: 4 });
    expect(await countTouches(db, org)).toBe(touches);
    const campaigns = await sql<{ n: number }>`
      select count(*)::int as n from campaigns where org_id = ${org.orgId}`.execute(db);
    expect(Number(campaigns.rows[0]?.n)).toBe(2);
  });

  it('follows a merged lead to the lead it was merged into', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importText(db, org, 'leads', LEADS);
    const ids = await db
      .selectFrom('leads')
      .select(['id', 'external_id'])
      .where('org_id', '=', org.orgId)
      .orderBy('external_id')
      .execute();
    const [t1, t2] = ids;
    if (!t1 || !t2) throw new Error('expected two leads');
    await db.transaction().execute((trx) => mergeLeads(trx, org.ctx(AT), { survivorId: t2.id, mergedId: t1.id }));
    const run = await importText(db, org, 'touchpoints', 'lead,type,occurred_at\nT1,chat,2026-02-01T10:00:00Z\n');
    expect(run.imported).toBe(1);
    expect(await touchesOf(db, org)).toEqual([{ lead: 'T2', type: 'chat', channel: 'direct', campaign: null }]);
  });
});
