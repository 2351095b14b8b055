import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import { runImport } from './run-import.ts';

// The lead import's bulk path (bulk-columns.ts, bulk-lead-columns.ts, bulk-leads.store.ts):
// what it writes for the same person within a batch and across batches, the stage events it
// derives, and text that the array literals must carry unchanged.

const AT = new Date('2026-03-10T12:00:00Z');

const HEADER = [
  'external_id',
  'email',
  'first_name',
  'last_name',
  'phone',
  'country',
  'company',
  'stage',
  'created_at',
  'url',
  'utm_source',
  'utm_medium',
  'utm_campaign',
];

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n');

const ANA_URL = 'https://baton.example/demo?utm_source=google&utm_medium=cpc';
const ROWS = [
  // Ana, with text that needs escaping in an array literal.
  [
    'X1',
    'ana@acme-bulk.example',
    'Ana "The" {O\'Neil}',
    'Back\\slash, NULL',
    '',
    '',
    'Acme, Inc.',
    'sql',
    '2026-01-05T10:00:00.000Z',
    ANA_URL,
    '',
    '',
    'Spring',
  ],
  // Ana again under another external id: her touch, not a new lead.
  ['X2', 'ANA@acme-bulk.example', 'Ana', '', '', '', '', '', '2026-01-06T10:00:00.000Z', '', '', '', ''],
  // Known only by phone, twice.
  ['', '', 'Cy', '', '+49 30 1234567', 'DE', '', 'mql', '2026-01-07T10:00:00.000Z', '', '', '', ''],
  ['', '', 'Cy', '', '030 1234567', 'DE', '', '', '2026-01-08T10:00:00.000Z', '', '', '', ''],
  [
    'X5',
    'bo@gmail.com',
    'Bo\nBo',
    '😀 北京',
    '',
    '',
    '',
    '',
    '2026-01-09T10:00:00.000Z',
    '',
    'newsletter',
    'email',
    'spring',
  ],
  // Ana's first external id with a later touch.
  ['X1', '', '', '', '', '', '', '', '2026-01-10T10:00:00.000Z', 'https://baton.example/pricing', '', '', ''],
];
const FILE = csv(ROWS);

function importFile(db: Db, org: TestOrg, batchSize?: number, file = FILE) {
  return runImport(db, org.ctx(AT), {
    entity: 'leads',
    source: Readable.from([file]),
    ...(batchSize ? { batchSize } : {}),
  });
}

async function written(db: Db, org: TestOrg) {
  const o = org.orgId;
  const leads = await sql<{
    id: string;
    external_id: string | null;
    first_name: string | null;
    last_name: string | null;
    stage: string;
    stage_changed_at: Date;
    created_at: Date;
    source_channel: string | null;
    campaign: string | null;
    account: string | null;
  }>`
    select l.id, l.external_id, l.first_name, l.last_name, l.stage, l.stage_changed_at, l.created_at,
      l.source_channel, c.utm_campaign as campaign, a.name as account
    from leads l
    left join campaigns c on c.org_id = l.org_id and c.id = l.first_campaign_id
    left join accounts a on a.org_id = l.org_id and a.id = l.account_id
    where l.org_id = ${o} order by l.created_at`.execute(db);
  const events = await sql<{ lead_id: string; from_stage: string | null; to_stage: string; occurred_at: Date }>`
    select lead_id, from_stage, to_stage, occurred_at from lead_stage_events
    where org_id = ${o} order by occurred_at`.execute(db);
  const touches = await sql<{ lead_id: string; occurred_at: Date; url: string | null; campaign: string | null }>`
    select t.lead_id, t.occurred_at, t.url, c.utm_campaign as campaign
    from touchpoints t left join campaigns c on c.org_id = t.org_id and c.id = t.campaign_id
    where t.org_id = ${o} order by t.occurred_at`.execute(db);
  return { leads: leads.rows, events: events.rows, touches: touches.rows };
}

describe('the bulk lead import', () => {
  it('writes one lead per person with the text unchanged, its stage events and a touch per row', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const run = await importFile(db, org);
    expect(run).toMatchObject({ rows: 6, imported: 3, updated: 0, unchanged: 3, rejected: [] });
    const { leads, events, touches } = await written(db, org);
    expect(leads.map((l) => [l.external_id, l.first_name, l.last_name, l.stage, l.campaign, l.account])).toEqual([
      ['X1', 'Ana "The" {O\'Neil}', 'Back\\slash, NULL', 'sql', 'spring', 'Acme, Inc.'],
      [null, 'Cy', null, 'mql', null, null],
      ['X5', 'Bo\nBo', '😀 北京', 'inquiry', 'spring', null],
    ]);
    const [ana, cy, bo] = leads;
    if (!ana || !cy || !bo) throw new Error('expected three leads');
    expect(ana.stage_changed_at.getTime() - ana.created_at.getTime()).toBe(3);
    expect(bo.source_channel).toBe('email');
    expect(events.filter((e) => e.lead_id === ana.id)).toEqual(
      ['inquiry', 'mql', 'sal', 'sql'].map((to, step, path) => ({
        lead_id: ana.id,
        from_stage: path[step - 1] ?? null,
        to_stage: to,
        occurred_at: new Date(ana.created_at.getTime() + step),
      })),
    );
    expect(events.filter((e) => e.lead_id === cy.id).map((e) => e.to_stage)).toEqual(['inquiry', 'mql']);
    expect(events).toHaveLength(4 + 2 + 1);
    expect(touches.map((t) => [t.lead_id, t.url, t.campaign])).toEqual([
      [ana.id, ANA_URL, 'spring'],
      [ana.id, null, null],
      [cy.id, null, null],
      [cy.id, null, null],
      [bo.id, null, 'spring'],
      [ana.id, 'https://baton.example/pricing', null],
    ]);
  });

  it('writes the same rows in batches of any size, counting touches of earlier batches as updates', async () => {
    const { db } = await testDb();
    const whole = await createTestOrg(db);
    const batched = await createTestOrg(db);
    await importFile(db, whole);
    const run = await importFile(db, batched, 2);
    // The last row's lead came in the first batch, so its touch updates a lead that existed.
    expect(run).toMatchObject({ rows: 6, imported: 3, updated: 1, unchanged: 2 });
    const strip = ({ leads, events, touches }: Awaited<ReturnType<typeof written>>) => {
      const name = new Map(leads.map((l) => [l.id, l.first_name]));
      return {
        leads: leads.map(({ id: _id, ...rest }) => rest),
        events: events.map((e) => ({ ...e, lead_id: name.get(e.lead_id) })),
        touches: touches.map((t) => ({ ...t, lead_id: name.get(t.lead_id) })),
      };
    };
    expect(strip(await written(db, batched))).toEqual(strip(await written(db, whole)));
  });

  // Re-running matches by external id, e-mail, and for Cy, known only by phone, the phone.
  it('adds nothing when the file is imported again, whatever the batch size', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    await importFile(db, org);
    const before = await written(db, org);
    for (const batchSize of [undefined, 1, 3]) {
      expect(await importFile(db, org, batchSize)).toMatchObject({ imported: 0, updated: 0, unchanged: 6 });
    }
    expect(await written(db, org)).toEqual(before);
  });
});
