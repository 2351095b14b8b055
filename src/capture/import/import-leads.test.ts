import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import { createLead } from '../../lifecycle/create-lead.ts';
import { putCustomField } from '../../lifecycle/put-custom-field.ts';
import { mergeLeads } from '../merge-leads.ts';
import { type ImportOptions, runImport } from './run-import.ts';

const AT = new Date('2026-03-10T12:00:00Z');

function importText(db: Db, org: TestOrg, text: string, options: Partial<ImportOptions> = {}) {
  return runImport(db, org.ctx(AT), { entity: 'leads', source: Readable.from([text]), ...options });
}

async function leadsOf(db: Db, org: TestOrg) {
  return db
    .selectFrom('leads')
    .select(['id', 'email', 'stage', 'source_channel', 'first_campaign_id', 'account_id', 'external_id'])
    .where('org_id', '=', org.orgId)
    .orderBy('email')
    .execute();
}

const FILE = [
  'id;email;first name;stage;created;url;utm_source;utm_medium;utm_campaign',
  '1;ana@acme-import.io;Ana;mql;2026-01-05;https://x.io/?utm_source=google&utm_medium=cpc;;;spring',
  '2;bob@gmail.com;Bob;;2026-01-06;;newsletter;email;spring',
  '3;not-an-email;Cy;;2026-01-07;;;;',
  '4;dee@acme-import.io;Dee;opportunity;2026-01-07;;;;',
  '5;eve@example.org;Eve;;03/04/2026;;;;',
  '6;ANA@acme-import.io;Ana again;;2026-02-01;https://x.io/pricing;;;',
].join('\r\n');

const MAPS = {
  external_id: 'id',
  email: 'email',
  first_name: 'first name',
  stage: 'stage',
  created_at: 'created',
  url: 'url',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
};

describe('importing leads', () => {
  it('imports good rows, reports each bad one with line, field and reason, and recognises a returning person', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const run = await importText(db, org, FILE, { maps: MAPS });
    expect(run.rejected).toEqual([
      { line: 4, field: 'email', reason: 'not-an-email is not an e-mail address' },
      { line: 5, field: 'stage', reason: expect.stringContaining('opportunity, won and lost come from deals') },
      { line: 6, field: 'created_at', reason: expect.stringContaining('--date-format') },
    ]);
    // Row 7 is Ana again (e-mail differs only in case, new external id): a touch, not a lead.
    expect(run).toMatchObject({ rows: 6, imported: 2 });
    const leads = await leadsOf(db, org);
    expect(leads.map((l) => [l.email, l.stage, l.source_channel])).toEqual([
      ['ana@acme-import.io', 'mql', 'paid_search'],
      ['bob@gmail.com', 'inquiry', 'email'],
    ]);
    const [ana, bob] = leads;
    if (!ana || !bob) throw new Error('expected two leads');
    expect(ana.first_campaign_id).toBe(bob.first_campaign_id);
    expect(ana.account_id).not.toBeNull();
    expect(bob.account_id).toBeNull();
    const events = await db
      .selectFrom('lead_stage_events')
      .select(['from_stage', 'to_stage'])
      .where('org_id', '=', org.orgId)
      .where('lead_id', '=', ana.id)
      .orderBy('occurred_at')
      .execute();
    expect(events).toEqual([
      { from_stage: null, to_stage: 'inquiry' },
      { from_stage: 'inquiry', to_stage: 'mql' },
    ]);
    const touches = await sql<{ n: number }>`
      select count(*)::int as n from touchpoints where org_id = ${org.orgId} and lead_id = ${ana.id}`.execute(db);
    expect(touches.rows[0]?.n).toBe(2);
  });

  it('creates nothing new when the same file is imported again', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importText(db, org, FILE, { maps: MAPS, dateFormat: 'MM/DD/YYYY' });
    const before = await counts(db, org);
    const again = await importText(db, org, FILE, { maps: MAPS, dateFormat: 'MM/DD/YYYY', batchSize: 2 });
    expect(again.imported).toBe(0);
    expect(await counts(db, org)).toEqual(before);
    expect(before).toEqual({ leads: 3, touchpoints: 4, events: 4, campaigns: 1 });
  });

  it('recognises a person known only by phone when the file is imported again', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const file = 'name,phone,country\nAna,+49 30 1234567,DE\nBo,030 7654321,DE\n';
    const maps = { first_name: 'name', phone: 'phone', country: 'country' };
    expect(await importText(db, org, file, { maps })).toMatchObject({ imported: 2, rejected: [] });
    const before = await counts(db, org);
    expect(await importText(db, org, file, { maps })).toMatchObject({ imported: 0, updated: 0, rejected: [] });
    expect(await counts(db, org)).toEqual(before);
  });

  it("adds a merged lead's returning person to the lead it was merged into", async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const maps = { external_id: 'id', email: 'email', created_at: 'created', url: 'url' };
    await importText(
      db,
      org,
      'id,email,created,url\nA1,ana@merge-import.io,2026-01-05,\nB1,bo@merge-import.io,2026-01-06,\n',
      {
        maps,
      },
    );
    const [ana, bo] = await leadsOf(db, org);
    if (!ana || !bo) throw new Error('expected two leads');
    await db.transaction().execute((trx) => mergeLeads(trx, org.ctx(AT), { survivorId: ana.id, mergedId: bo.id }));
    const again = await importText(
      db,
      org,
      'id,email,created,url\nB1,bo@merge-import.io,2026-02-01,https://x.io/pricing\n',
      {
        maps,
      },
    );
    expect(again).toMatchObject({ imported: 0, updated: 1 });
    const touches = await db
      .selectFrom('touchpoints')
      .select(['lead_id', 'url'])
      .where('org_id', '=', org.orgId)
      .where('url', '=', 'https://x.io/pricing')
      .execute();
    expect(touches).toEqual([{ lead_id: ana.id, url: 'https://x.io/pricing' }]);
  });

  it("fills what a returning person's lead lacks, in file order, and keeps what it has", async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await db
      .transaction()
      .execute((trx) =>
        putCustomField(trx, org.ctx(AT), { entity: 'lead', key: 'tier' }, { label: 'Tier', type: 'text' }),
      );
    const first = 'email,first name,tier\nana@fill-import.io,Ana,\nbo@fill-import.io,Bo,gold\n';
    const maps = { email: 'email', first_name: 'first name', 'custom.tier': 'tier' };
    await importText(db, org, first, { maps });
    const second = [
      'id,email,first name,title,phone,country,tier,created',
      // Ana returns with more to say; her first name stays, the rest fills.
      'A-7,ANA@fill-import.io,Anna,CTO,+49 30 1234567,DE,silver,2026-03-01',
      // A later row of hers gives nothing the first did not.
      'A-8,ana@fill-import.io,,CEO,,FR,bronze,2026-03-02',
      // Bo's tier is kept; nothing else of his is new but the touch.
      ',bo@fill-import.io,,,,,silver,2026-03-03',
    ].join('\n');
    const secondMaps = {
      ...maps,
      external_id: 'id',
      title: 'title',
      phone: 'phone',
      country: 'country',
      created_at: 'created',
    };
    expect(await importText(db, org, second, { maps: secondMaps })).toMatchObject({
      imported: 0,
      updated: 2,
      unchanged: 0,
    });
    const leads = await db
      .selectFrom('leads')
      .select(['email', 'first_name', 'title', 'phone_normalized', 'country', 'external_id', 'custom'])
      .where('org_id', '=', org.orgId)
      .orderBy('email')
      .execute();
    expect(leads).toEqual([
      {
        email: 'ana@fill-import.io',
        first_name: 'Ana',
        title: 'CTO',
        phone_normalized: '+49301234567',
        country: 'DE',
        external_id: 'A-7',
        custom: { tier: 'silver' },
      },
      {
        email: 'bo@fill-import.io',
        first_name: 'Bo',
        title: null,
        phone_normalized: null,
        country: null,
        external_id: null,
        custom: { tier: 'gold' },
      },
    ]);
    // The same file again changes nothing.
    expect(await importText(db, org, second, { maps: secondMaps })).toMatchObject({
      imported: 0,
      updated: 0,
      unchanged: 3,
    });
  });

  it('gives a returning e-mail to the oldest of the leads that share it, as ingest does', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const make = (at: string, firstName: string) =>
      db
        .transaction()
        .execute((trx) => createLead(trx, org.ctx(new Date(at)), { email: 'dup@shared-import.io', firstName }));
    // Written in an order where neither the first nor the last written is the oldest.
    await make('2026-02-01T00:00:00Z', 'Middle');
    const oldest = await make('2026-01-01T00:00:00Z', 'Oldest');
    await make('2026-03-01T00:00:00Z', 'Newest');
    const run = await importText(db, org, 'email,url\nDUP@shared-import.io,https://x.io/shared\n', {
      maps: { email: 'email', url: 'url' },
    });
    expect(run).toMatchObject({ imported: 0, updated: 1 });
    const touches = await db
      .selectFrom('touchpoints')
      .select('lead_id')
      .where('org_id', '=', org.orgId)
      .where('url', '=', 'https://x.io/shared')
      .execute();
    expect(touches).toEqual([{ lead_id: oldest.id }]);
  });

  it('writes nothing on a dry run but reports what it would do', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const run = await importText(db, org, FILE, { maps: MAPS, dryRun: true });
    expect(run.imported).toBe(2);
    expect(run.rejected).toHaveLength(3);
    expect(await counts(db, org)).toEqual({ leads: 0, touchpoints: 0, events: 0, campaigns: 0 });
  });

  it('refuses a mapping that names a missing column or an unknown field', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await expect(importText(db, org, 'e\nx@y.io\n', { maps: { email: 'mail', shoe_size: 'e' } })).rejects.toThrow(
      /email: the file has no column mail.*shoe_size: not a leads field/,
    );
  });
});

async function counts(db: Db, org: TestOrg) {
  const { rows } = await sql<{ leads: number; touchpoints: number; events: number; campaigns: number }>`
    select (select count(*)::int from leads where org_id = ${org.orgId}) as leads,
      (select count(*)::int from touchpoints where org_id = ${org.orgId}) as touchpoints,
      (select count(*)::int from lead_stage_events where org_id = ${org.orgId}) as events,
      (select count(*)::int from campaigns where org_id = ${org.orgId}) as campaigns`.execute(db);
  return rows[0];
}
