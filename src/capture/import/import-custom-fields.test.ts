import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import { putCustomField } from '../../lifecycle/put-custom-field.ts';
import type { ImportEntity } from './mapping.ts';
import { type ImportOptions, runImport } from './run-import.ts';

const AT = new Date('2026-03-10T12:00:00Z');

function importText(db: Db, org: TestOrg, entity: ImportEntity, text: string, options: Partial<ImportOptions> = {}) {
  return runImport(db, org.ctx(AT), { entity, source: Readable.from([text]), ...options });
}

async function defineDealFields(db: Db, org: TestOrg) {
  await db.transaction().execute(async (trx) => {
    const ctx = org.ctx(AT);
    await putCustomField(
      trx,
      ctx,
      { entity: 'deal', key: 'tier' },
      { label: 'Tier', type: 'select', options: ['Gold', 'Silver'] },
    );
    await putCustomField(trx, ctx, { entity: 'deal', key: 'seats' }, { label: 'Seats', type: 'number' });
    await putCustomField(trx, ctx, { entity: 'deal', key: 'renewal' }, { label: 'Renewal', type: 'date' });
    await putCustomField(trx, ctx, { entity: 'deal', key: 'code' }, { label: 'Code', type: 'text' });
    await putCustomField(trx, ctx, { entity: 'deal', key: 'signed' }, { label: 'Signed', type: 'boolean' });
  });
}

async function customOf(db: Db, org: TestOrg) {
  const rows = await db
    .selectFrom('deals')
    .select(['external_id', 'custom'])
    .where('org_id', '=', org.orgId)
    .orderBy('external_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.external_id, r.custom]));
}

const MAPS = {
  'custom.tier': 'Tier',
  'custom.seats': 'Seats',
  'custom.renewal': 'Renewal',
  'custom.code': 'Code',
  'custom.signed': 'Signed',
};

describe('custom fields on import', () => {
  it('reads each value as its definition types it and rejects the row naming a value that does not fit', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await defineDealFields(db, org);
    const file = [
      'external_id;Tier;Seats;Renewal;Code;Signed',
      'C1;gold;1.200,5;05.03.2026;00123;yes',
      'C2;Silver;12;;;',
      'C3;bronze;1;;;',
      'C4;Gold;many;;;',
      'C5;Gold;1;2026-02-30;;',
      'C6;Gold;1;;;perhaps',
    ].join('\r\n');
    const run = await importText(db, org, 'deals', file, { maps: MAPS });
    expect(run.rejected).toEqual([
      { line: 4, field: 'custom.tier', reason: 'bronze is not one of Gold, Silver' },
      { line: 5, field: 'custom.seats', reason: 'many is not a number' },
      { line: 6, field: 'custom.renewal', reason: '2026-2-30 is not a calendar date' },
      { line: 7, field: 'custom.signed', reason: 'perhaps is not yes or no' },
    ]);
    expect(run.imported).toBe(2);
    expect(await customOf(db, org)).toEqual({
      C1: { tier: 'Gold', seats: 1200.5, renewal: '2026-03-05', code: '00123', signed: true },
      C2: { tier: 'Silver', seats: 12 },
    });
  });

  it('refuses the whole file, before writing anything, when it fills a field the organisation does not have', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await defineDealFields(db, org);
    await expect(
      importText(db, org, 'deals', 'external_id,Mood\nC1,happy\n', { maps: { 'custom.mood': 'Mood' } }),
    ).rejects.toThrow(/custom\.mood: not a custom deal field of this organisation \(known: .*tier/);
    expect(await customOf(db, org)).toEqual({});
  });

  it('checks lead rows too, against the lead definitions', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await db
      .transaction()
      .execute((trx) =>
        putCustomField(trx, org.ctx(AT), { entity: 'lead', key: 'newsletter' }, { label: 'News', type: 'boolean' }),
      );
    const file = 'email,News\nana@custom-leads.io,ja\nbob@custom-leads.io,sometimes\n';
    const run = await importText(db, org, 'leads', file, { maps: { 'custom.newsletter': 'News' } });
    expect(run.rejected).toEqual([{ line: 3, field: 'custom.newsletter', reason: 'sometimes is not yes or no' }]);
    const lead = await db
      .selectFrom('leads')
      .select('custom')
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(lead.custom).toEqual({ newsletter: true });
    await expect(importText(db, org, 'leads', file, { maps: { 'custom.news': 'News' } })).rejects.toThrow(
      /custom\.news: not a custom lead field/,
    );
  });

  it('defines the custom fields a mapping file declares when the organisation lacks them', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const run = await importText(db, org, 'accounts', 'Name,Region,Founded\nAcme CF,EMEA,1999\n', {
      mappingFile: {
        fields: { name: 'Name', 'custom.region': 'Region', 'custom.founded': 'Founded' },
        customFields: { region: 'text', founded: 'number' },
      },
    });
    expect(run).toMatchObject({ imported: 1, rejected: [] });
    const defs = await db
      .selectFrom('custom_field_defs')
      .select(['entity', 'key', 'label', 'type'])
      .where('org_id', '=', org.orgId)
      .orderBy('key')
      .execute();
    expect(defs).toEqual([
      { entity: 'account', key: 'founded', label: 'Founded', type: 'number' },
      { entity: 'account', key: 'region', label: 'Region', type: 'text' },
    ]);
    const account = await db
      .selectFrom('accounts')
      .select('custom')
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(account.custom).toEqual({ region: 'EMEA', founded: 1999 });
  });
});
