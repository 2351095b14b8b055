import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../../test/support/http.ts';
import { multipartBody, uploadImport, waitForImport } from '../../../test/support/imports.ts';
import { buildApp } from '../../server/build-app.ts';
import { newId } from '../../shared/ids.ts';
import { INTERRUPTED } from './import-jobs.ts';
import { insertImportRun } from './imports.store.ts';
import type { ImportRunId } from './imports.tables.ts';
import { IMPORT_ENTITIES } from './mapping.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

async function leadCount(org: TestOrg): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from leads where org_id = ${org.orgId}`.execute(client.connection.db);
  return result.rows[0]?.n ?? -1;
}

// Four rows: lines 3 and 5 are bad, and their values start like spreadsheet formulas.
function leadsCsv(org: TestOrg): string {
  const at = `${org.slug}.example`;
  return [
    'email,first_name,last_name,company,stage',
    `ann@${at},Ann,Lee,Acme,mql`,
    '=SUM(A1),Bob,Roe,Acme,',
    `carl@${at},Carl,Poe,Acme,`,
    `dana@${at},Dana,Fox,Acme,@won`,
    '',
  ].join('\n');
}

const HUBSPOT = [
  'Record ID,First Name,Last Name,Email,Company Name,Lifecycle Stage',
  '101,Jo,Ng,jo@umbrella.example,Umbrella,lead',
  '102,Al,Bo,not-an-address,Umbrella,lead',
  '103,Cy,Do,cy@umbrella.example,Umbr',
].join('\r\n');

describe('GET /imports/entities', () => {
  it('lists every entity to an admin and only what marketing may create to marketing', async () => {
    const org = await createTestOrg(client.connection.db);
    const admin = await client.request(org.adminKey, 'GET', '/api/v1/imports/entities');
    expect(admin.status).toBe(200);
    expect(admin.body.items.map((e: { entity: string }) => e.entity)).toEqual([...IMPORT_ENTITIES]);
    const leads = admin.body.items.find((e: { entity: string }) => e.entity === 'leads');
    expect(leads).toMatchObject({ requiresOneOf: ['email', 'phone', 'external_id'], customFields: true });
    expect(leads.presets).toContain('hubspot-contacts');
    const accounts = admin.body.items.find((e: { entity: string }) => e.entity === 'accounts');
    expect(accounts.fields).toContainEqual({ name: 'name', required: true });

    const marketing = await org.user('marketing');
    const mine = await client.request(marketing.key, 'GET', '/api/v1/imports/entities');
    const entities = mine.body.items.map((e: { entity: string }) => e.entity);
    expect(entities).toContain('leads');
    expect(entities).not.toContain('users');
    expect(entities).not.toContain('deals');
    const refused = await uploadImport(client, marketing.key, { entity: 'users', csv: 'name,role\nEve,admin\n' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.field).toBe('entity');
    const rep = await org.user('sales_rep');
    expect((await client.request(rep.key, 'GET', '/api/v1/imports/entities')).status).toBe(403);
  });
});

describe('POST /imports/preview', () => {
  it('detects a preset and shows the first rows as the importer reads them, with each row’s problem', async () => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'POST', '/api/v1/imports/preview', {
      entity: 'leads',
      sample: HUBSPOT,
      partial: true,
    });
    expect(response.status).toBe(200);
    const preview = response.body;
    expect(preview).toMatchObject({
      preset: 'hubspot-contacts',
      delimiter: ',',
      columns: ['Record ID', 'First Name', 'Last Name', 'Email', 'Company Name', 'Lifecycle Stage'],
      mapping: {
        external_id: 'Record ID',
        first_name: 'First Name',
        last_name: 'Last Name',
        email: 'Email',
        company: 'Company Name',
      },
      unmappedColumns: ['Lifecycle Stage'],
      // The third row may be cut, so a partial sample leaves it out.
      sampleRows: 2,
      dryRun: { imported: 1, rejected: 1 },
    });
    expect(preview.missingPresetColumns).toContainEqual({ field: 'phone', column: 'Phone Number' });
    expect(preview.rows).toHaveLength(2);
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      values: { external_id: '101', email: 'jo@umbrella.example', company: 'Umbrella' },
      problem: null,
    });
    expect(preview.rows[1]).toMatchObject({ line: 3, problem: { field: 'email' } });
    expect(await leadCount(org)).toBe(0);
  });

  it('takes a mapping of its own and reads a semicolon file', async () => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'POST', '/api/v1/imports/preview', {
      entity: 'leads',
      sample: 'Mail;Vorname;Firma\nkim@x.example;Kim;X AG\n',
      mapping: { email: 'Mail', first_name: 'Vorname', 'custom.firma': 'Firma' },
      customFields: { firma: 'text' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ preset: null, delimiter: ';', unmappedColumns: [], sampleRows: 1 });
    expect(response.body.rows[0].values).toEqual({ email: 'kim@x.example', first_name: 'Kim', 'custom.firma': 'X AG' });
    expect(response.body.declaredCustomFields).toEqual({ firma: 'text' });
    // The dry run defined the field and rolled it back.
    expect((await client.request(org.adminKey, 'GET', '/api/v1/custom-fields?entity=lead')).body.items).toEqual([]);
  });

  it('answers 400 naming a custom field the organisation lacks and the request does not declare', async () => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'POST', '/api/v1/imports/preview', {
      entity: 'leads',
      sample: 'email,tier\na@b.example,gold\n',
      mapping: { email: 'email', 'custom.tier': 'tier' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('mapping.custom.tier');
    await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/lead/tier', { label: 'Tier', type: 'text' });
    const defined = await client.request(org.adminKey, 'POST', '/api/v1/imports/preview', {
      entity: 'leads',
      sample: 'email,tier\na@b.example,gold\n',
      mapping: { email: 'email', 'custom.tier': 'tier' },
    });
    expect(defined.status).toBe(200);
    expect(defined.body.definedCustomFields).toEqual([{ key: 'tier', type: 'text' }]);
  });

  it('answers 400 naming the mapping field whose column the file lacks', async () => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'POST', '/api/v1/imports/preview', {
      entity: 'leads',
      sample: 'email\na@b.example\n',
      mapping: { email: 'E-mail' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('mapping.email');
    const empty = await client.request(org.adminKey, 'POST', '/api/v1/imports/preview', {
      entity: 'leads',
      sample: 'email',
      partial: true,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('sample');
  });
});

describe('POST /imports', () => {
  it('imports the good rows, reports each bad line, and writes the rejects CSV with formulas neutralised', async () => {
    const org = await createTestOrg(client.connection.db);
    const marketing = await org.user('marketing');
    const csv = leadsCsv(org);
    const started = await uploadImport(client, marketing.key, { entity: 'leads', csv, fileName: 'leads.csv' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ entity: 'leads', fileName: 'leads.csv', dryRun: false });
    const run = await waitForImport(client, marketing.key, started.body.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      rows: 4,
      imported: 2,
      rejected: 2,
      error: null,
      bytesRead: Buffer.byteLength(csv),
      bytesTotal: Buffer.byteLength(csv),
      startedBy: marketing.userId,
      mapping: { email: 'email', first_name: 'first_name', last_name: 'last_name', company: 'company' },
    });
    expect(run.rejects.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [3, 'email'],
      [5, 'stage'],
    ]);
    expect(await leadCount(org)).toBe(2);

    const rejects = await client.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${run.id}/rejects.csv`,
      headers: { authorization: `Bearer ${marketing.key}` },
    });
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toMatch(/^text\/csv/);
    expect(rejects.headers['content-disposition']).toMatch(/^attachment; filename="import-.*-rejects\.csv"$/);
    const lines = rejects.body.split('\r\n');
    expect(lines[0]).toBe('line,field,reason');
    expect(lines[1]).toMatch(/^3,email,'=SUM\(A1\)/);
    expect(lines[2]).toMatch(/^5,stage,"?'@won/);
    expect(lines).toHaveLength(4);

    // A second run of the same file matches the rows the first one imported.
    const again = await uploadImport(client, marketing.key, { entity: 'leads', csv });
    expect(await waitForImport(client, marketing.key, again.body.id)).toMatchObject({ imported: 0, rejected: 2 });
    expect(await leadCount(org)).toBe(2);
  });

  it('does everything in a dry run and leaves no rows', async () => {
    const org = await createTestOrg(client.connection.db);
    const started = await uploadImport(client, org.adminKey, { entity: 'leads', csv: leadsCsv(org), dryRun: true });
    expect(started.status).toBe(202);
    const run = await waitForImport(client, org.adminKey, started.body.id);
    expect(run).toMatchObject({ status: 'succeeded', dryRun: true, rows: 4, imported: 2, rejected: 2 });
    expect(await leadCount(org)).toBe(0);
  });

  it('reports the owners it had to create', async () => {
    const org = await createTestOrg(client.connection.db);
    const csv = 'external_id,name,owner,amount\nd-1,Big deal,Nobody Yet,1200\n';
    const started = await uploadImport(client, org.adminKey, { entity: 'deals', csv });
    const run = await waitForImport(client, org.adminKey, started.body.id);
    expect(run).toMatchObject({ status: 'succeeded', imported: 1, createdOwners: ['Nobody Yet'] });
  });

  it('refuses a bad upload with a 400 naming the part', async () => {
    const org = await createTestOrg(client.connection.db);
    const post = (fields: Record<string, string>, file: { name: string; content: string } | null) => {
      const { payload, contentType } = multipartBody(fields, file);
      return client.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { authorization: `Bearer ${org.adminKey}`, 'content-type': contentType },
        payload,
      });
    };
    const file = { name: 'a.csv', content: 'email\na@b.example\n' };
    const cases: [Record<string, string>, typeof file | null, string][] = [
      [{ entity: 'leads' }, null, 'file'],
      [{ entity: 'gadgets' }, file, 'entity'],
      [{ entity: 'leads', mapping: '{not json' }, file, 'mapping'],
      [{ entity: 'leads', mapping: '{"email":"Mail"}' }, file, 'mapping.email'],
      [{ entity: 'leads', dryRun: 'maybe' }, file, 'dryRun'],
      [{ entity: 'leads', colour: 'red' }, file, 'colour'],
      [{ entity: 'leads' }, { name: 'empty.csv', content: '' }, 'file'],
    ];
    for (const [fields, part, field] of cases) {
      const response = await post(fields, part);
      expect({ field, status: response.statusCode }).toEqual({ field, status: 400 });
      expect(JSON.parse(response.body).error.field).toBe(field);
    }
    expect((await client.request(org.adminKey, 'GET', '/api/v1/imports')).body.items).toEqual([]);
  });
});

describe('GET /imports', () => {
  it('lists runs newest first, page by page, and hides them from other organisations', async () => {
    const org = await createTestOrg(client.connection.db);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const started = await uploadImport(client, org.adminKey, { entity: 'leads', csv: `email\nx${n}@y.example\n` });
      ids.push((await waitForImport(client, org.adminKey, started.body.id)).id);
    }
    const all = await client.collectPages(org.adminKey, '/api/v1/imports?order=desc', 2);
    expect(all.map((r) => r.id)).toEqual([...ids].reverse());

    const other = await createTestOrg(client.connection.db);
    expect((await client.request(other.adminKey, 'GET', `/api/v1/imports/${ids[0]}`)).status).toBe(404);
    expect((await client.request(other.adminKey, 'GET', `/api/v1/imports/${ids[0]}/rejects.csv`)).status).toBe(404);
    expect((await client.request(other.adminKey, 'GET', '/api/v1/imports')).body.items).toEqual([]);
  });
});

describe('interrupted imports', () => {
  it('are marked failed when a server starts; a run with a fresh heartbeat is left running', async () => {
    const org = await createTestOrg(client.connection.db);
    const insert = (heartbeatAt: Date) =>
      insertImportRun(client.connection.db, org.orgId, {
        id: newId<ImportRunId>(),
        entity: 'leads',
        file_name: 'big.csv',
        status: 'running',
        dry_run: false,
        preset: null,
        mapping: JSON.stringify({ email: 'email' }),
        date_format: null,
        bytes_total: 1000,
        started_by: org.admin.userId,
        started_at: new Date(heartbeatAt.getTime() - 60_000),
        heartbeat_at: heartbeatAt,
      });
    const abandoned = await insert(new Date(Date.now() - 5 * 60_000));
    const live = await insert(new Date());
    const conflict = await client.request(org.adminKey, 'GET', `/api/v1/imports/${live.id}/rejects.csv`);
    expect(conflict.status).toBe(409);

    const server = await buildApp({ db: client.connection.db });
    await server.ready();
    await server.close();
    const failed = await client.request(org.adminKey, 'GET', `/api/v1/imports/${abandoned.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(failed.body.finishedAt).not.toBeNull();
    const running = await client.request(org.adminKey, 'GET', `/api/v1/imports/${live.id}`);
    expect(running.body).toMatchObject({ status: 'running', error: null });
  });
});
