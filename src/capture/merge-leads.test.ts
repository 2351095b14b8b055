import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import { planFieldFill } from './merge-fields.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

const PAST = '2026-01-05T10:00:00.000Z';
const MERGES = '/api/v1/leads/merges';

async function ok(org: TestOrg, method: 'POST' | 'PATCH', url: string, body?: unknown, status = 201) {
  const response = await client.request(org.adminKey, method, url, body);
  if (response.status !== status) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

// Two records of the same person: a converted lead with a deal, touchpoints and activities,
// and a newer inquiry with details the first one lacks.
async function twins(org: TestOrg) {
  const survivor = await ok(org, 'POST', '/api/v1/leads', {
    firstName: 'Ana',
    email: 'ana@acme.io',
    custom: {},
  });
  const merged = await ok(org, 'POST', '/api/v1/leads', {
    firstName: 'Ana Maria',
    lastName: 'Lopez',
    email: 'ANA@acme.io',
    phone: '+44 20 7946 0001',
    title: 'CTO',
    externalId: `crm-${org.slug}`,
  });
  for (const lead of [survivor, merged]) {
    await ok(org, 'POST', `/api/v1/leads/${lead.id}/touchpoints`, { type: 'web_visit', occurredAt: PAST });
    await ok(org, 'POST', '/api/v1/activities', { type: 'note', subject: `note on ${lead.id}`, leadId: lead.id });
  }
  for (const to of ['mql', 'sal', 'sql']) await ok(org, 'POST', `/api/v1/leads/${merged.id}/transitions`, { to });
  const converted = await ok(org, 'POST', `/api/v1/leads/${merged.id}/transitions`, {
    to: 'opportunity',
    deal: { amountMinor: 500 },
  });
  return { survivor, merged, deal: converted.deal };
}

// Both leads and everything that hangs off them, exactly as the database holds it.
async function state(org: TestOrg, ids: string[]): Promise<unknown> {
  const db = client.connection.db;
  const rows = async (table: string, column: string) =>
    (
      await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table)} t
        where org_id = ${org.orgId} and ${sql.ref(column)} = any(${sql.val(ids)}::uuid[]) order by id`.execute(db)
    ).rows.map((r) => r.row);
  return {
    leads: await rows('leads', 'id'),
    touchpoints: await rows('touchpoints', 'lead_id'),
    activities: await rows('activities', 'lead_id'),
    deals: await rows('deals', 'lead_id'),
    stageEvents: await rows('lead_stage_events', 'lead_id'),
  };
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('merging leads', () => {
  it('keeps every touchpoint, activity, deal and stage event of both, and fills the survivor', async () => {
    const org = await createTestOrg(client.connection.db);
    const { survivor, merged, deal } = await twins(org);
    const list = async (path: string) => (await client.request(org.adminKey, 'GET', path)).body.items;
    const before = {
      touchpoints: [
        ...(await list(`/api/v1/touchpoints?leadId=${survivor.id}`)),
        ...(await list(`/api/v1/touchpoints?leadId=${merged.id}`)),
      ],
      activities: [
        ...(await list(`/api/v1/activities?leadId=${survivor.id}`)),
        ...(await list(`/api/v1/activities?leadId=${merged.id}`)),
      ],
    };
    const merge = await ok(org, 'POST', MERGES, { survivorId: survivor.id, mergedId: merged.id });
    expect(merge).toMatchObject({
      survivorId: survivor.id,
      mergedId: merged.id,
      mergedBy: org.admin.userId,
      undoneAt: null,
      filledFields: ['lastName', 'phone', 'title'],
      moved: { touchpoints: 1, activities: 1, deals: 1 },
    });

    expect(ids(await list(`/api/v1/touchpoints?leadId=${survivor.id}`))).toEqual(ids(before.touchpoints));
    expect(ids(await list(`/api/v1/activities?leadId=${survivor.id}`))).toEqual(ids(before.activities));
    expect((await list(`/api/v1/deals?leadId=${survivor.id}`)).map((d: { id: string }) => d.id)).toEqual([deal.id]);
    const lead = (await client.request(org.adminKey, 'GET', `/api/v1/leads/${survivor.id}`)).body;
    // The survivor keeps its own names and stage; only its empty fields were filled.
    expect(lead).toMatchObject({ firstName: 'Ana', lastName: 'Lopez', title: 'CTO', stage: 'inquiry' });
    expect(lead.externalId).toBeNull();
    const timeline = (await client.request(org.adminKey, 'GET', `/api/v1/leads/${survivor.id}/timeline`)).body;
    const stages = timeline.items.filter((i: { kind: string }) => i.kind === 'stage_change');
    expect(stages.map((s: { leadId: string; toStage: string }) => [s.leadId === merged.id, s.toStage])).toEqual([
      [false, 'inquiry'],
      [true, 'inquiry'],
      [true, 'mql'],
      [true, 'sal'],
      [true, 'sql'],
      [true, 'opportunity'],
    ]);

    const audit = await client.request(
      org.adminKey,
      'GET',
      `/api/v1/audit-log?entity=lead_merges&entityId=${merge.id}`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'insert',
        actorId: org.admin.userId,
        changes: expect.objectContaining({ survivor_id: [null, survivor.id], merged_id: [null, merged.id] }),
      }),
    ]);
    const leadAudit = await client.request(org.adminKey, 'GET', `/api/v1/audit-log?entity=leads&entityId=${merged.id}`);
    expect(leadAudit.body.items[0].changes.merged_into_id).toEqual([null, survivor.id]);
  });

  it('hides the merged lead from lists, reads and duplicates, and sends its next arrival to the survivor', async () => {
    const org = await createTestOrg(client.connection.db);
    const { survivor, merged } = await twins(org);
    const groups = async () => (await client.request(org.adminKey, 'GET', '/api/v1/leads/duplicates')).body.items;
    expect(await groups()).toEqual([expect.objectContaining({ reason: 'email', count: 2 })]);
    await ok(org, 'POST', MERGES, { survivorId: survivor.id, mergedId: merged.id });

    expect(await groups()).toEqual([]);
    const listed = await client.request(org.adminKey, 'GET', '/api/v1/leads');
    expect(listed.body.items.map((l: { id: string }) => l.id)).toEqual([survivor.id]);
    expect((await client.request(org.adminKey, 'GET', `/api/v1/leads/${merged.id}`)).status).toBe(404);
    const where = await client.request(org.adminKey, 'GET', `${MERGES}?leadId=${merged.id}`);
    expect(where.body.items).toEqual([expect.objectContaining({ survivorId: survivor.id, mergedId: merged.id })]);
    const activity = await client.request(org.adminKey, 'POST', '/api/v1/activities', {
      type: 'note',
      subject: 'x',
      leadId: merged.id,
    });
    expect(activity.status).toBe(400);
    expect(activity.body.error.field).toBe('leadId');

    const again = await ok(
      org,
      'POST',
      '/api/v1/leads/ingest',
      { lead: { externalId: `crm-${org.slug}` }, touchpoint: { type: 'form_fill', occurredAt: PAST } },
      200,
    );
    expect(again).toMatchObject({ leadId: survivor.id, created: false });
  });

  it('is undone exactly: both leads and all their rows are as they were before', async () => {
    const org = await createTestOrg(client.connection.db);
    const { survivor, merged } = await twins(org);
    const before = await state(org, [survivor.id, merged.id]);
    const merge = await ok(org, 'POST', MERGES, {
      survivorId: survivor.id,
      mergedId: merged.id,
      fields: { firstName: 'merged', email: 'survivor' },
    });
    expect(merge.filledFields).toEqual(['firstName', 'lastName', 'phone', 'title']);
    expect(await state(org, [survivor.id, merged.id])).not.toEqual(before);

    const undone = await ok(org, 'POST', `${MERGES}/${merge.id}/undo`, undefined, 200);
    expect(undone).toMatchObject({ id: merge.id, undoneBy: org.admin.userId });
    expect(await state(org, [survivor.id, merged.id])).toEqual(before);
    expect((await client.request(org.adminKey, 'GET', `/api/v1/leads/${merged.id}`)).status).toBe(200);
    const audit = await client.request(
      org.adminKey,
      'GET',
      `/api/v1/audit-log?entity=lead_merges&entityId=${merge.id}`,
    );
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['insert', 'update']);

    const twice = await client.request(org.adminKey, 'POST', `${MERGES}/${merge.id}/undo`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.field).toBe('mergeId');
    expect(twice.body.error.message).toContain(merge.id);
  });

  it('refuses an undo that could not be exact, naming the merge', async () => {
    const org = await createTestOrg(client.connection.db);
    const { survivor, merged, deal } = await twins(org);
    const third = await ok(org, 'POST', '/api/v1/leads', { firstName: 'Other' });
    const merge = await ok(org, 'POST', MERGES, { survivorId: survivor.id, mergedId: merged.id });
    await ok(org, 'PATCH', `/api/v1/deals/${deal.id}`, { leadId: third.id }, 200);
    const relinked = await client.request(org.adminKey, 'POST', `${MERGES}/${merge.id}/undo`);
    expect(relinked.status).toBe(409);
    expect(relinked.body.error).toMatchObject({ field: 'mergeId', message: expect.stringContaining('deals') });

    await ok(org, 'PATCH', `/api/v1/deals/${deal.id}`, { leadId: survivor.id }, 200);
    await ok(org, 'PATCH', `/api/v1/leads/${survivor.id}`, { title: 'CEO' }, 200);
    const edited = await client.request(org.adminKey, 'POST', `${MERGES}/${merge.id}/undo`);
    expect(edited.status).toBe(409);
    expect(edited.body.error.message).toContain('title');

    await ok(org, 'PATCH', `/api/v1/leads/${survivor.id}`, { title: 'CTO' }, 200);
    await ok(org, 'POST', MERGES, { survivorId: third.id, mergedId: survivor.id });
    const remerged = await client.request(org.adminKey, 'POST', `${MERGES}/${merge.id}/undo`);
    expect(remerged.status).toBe(409);
    expect(remerged.body.error.message).toContain(`merged into ${third.id}`);
  });

  it('refuses a lead with itself, an already merged lead, a foreign lead and a sales rep', async () => {
    const org = await createTestOrg(client.connection.db);
    const other = await createTestOrg(client.connection.db);
    const { survivor, merged } = await twins(org);
    const foreign = await ok(other, 'POST', '/api/v1/leads', { firstName: 'Elsewhere' });
    const refused = async (body: unknown, key = org.adminKey) => {
      const response = await client.request(key, 'POST', MERGES, body);
      return { status: response.status, field: response.body.error?.field };
    };
    expect(await refused({ survivorId: survivor.id, mergedId: survivor.id })).toEqual({
      status: 400,
      field: 'mergedId',
    });
    expect(await refused({ survivorId: survivor.id, mergedId: foreign.id })).toEqual({
      status: 404,
      field: 'mergedId',
    });
    expect(await refused({ survivorId: foreign.id, mergedId: merged.id })).toEqual({
      status: 404,
      field: 'survivorId',
    });
    expect(await refused({ survivorId: survivor.id, mergedId: merged.id, fields: { stage: 'merged' } })).toEqual({
      status: 400,
      field: 'fields.stage',
    });
    const rep = await org.user('sales_rep');
    expect(await refused({ survivorId: survivor.id, mergedId: merged.id }, rep.key)).toEqual({
      status: 403,
      field: undefined,
    });
    const third = await ok(org, 'POST', '/api/v1/leads', { firstName: 'Third' });
    await ok(org, 'POST', MERGES, { survivorId: survivor.id, mergedId: merged.id });
    expect(await refused({ survivorId: third.id, mergedId: merged.id })).toEqual({ status: 409, field: 'mergedId' });
    expect(await refused({ survivorId: merged.id, mergedId: third.id })).toEqual({
      status: 409,
      field: 'survivorId',
    });
  });
});

const EMPTY = {
  first_name: null,
  last_name: null,
  email: null,
  email_normalized: null,
  phone: null,
  phone_normalized: null,
  title: null,
  company_name: null,
  country: null,
  account_id: null,
  source_channel: null,
  first_campaign_id: null,
  custom: {},
};

describe('planFieldFill', () => {
  it.each([
    ['fills an empty field', { title: '' }, { title: 'CTO' }, {}, ['title']],
    ['keeps a filled field', { title: 'CEO' }, { title: 'CTO' }, {}, []],
    ['takes the merged value when asked', { title: 'CEO' }, { title: 'CTO' }, { title: 'merged' }, ['title']],
    ['keeps an empty field when asked', { title: null }, { title: 'CTO' }, { title: 'survivor' }, []],
    ['skips an equal value', { title: 'CTO' }, { title: 'CTO' }, { title: 'merged' }, []],
    ['fills empty custom keys', { custom: { a: 1 } }, { custom: { a: 2, b: 3 } }, {}, ['custom']],
    ['keeps custom values when asked', { custom: {} }, { custom: { b: 3 } }, { custom: 'survivor' }, []],
  ] as const)('%s', (_name, survivor, merged, choices, fields) => {
    expect(planFieldFill({ ...EMPTY, ...survivor }, { ...EMPTY, ...merged }, choices).fields).toEqual(fields);
  });

  it('moves a normalised e-mail with its e-mail and remembers what it replaced', () => {
    const plan = planFieldFill(EMPTY, { ...EMPTY, email: 'A@x.io', email_normalized: 'a@x.io' }, {});
    expect(plan).toEqual({
      fields: ['email'],
      before: { email: null, email_normalized: null },
      after: { email: 'A@x.io', email_normalized: 'a@x.io' },
    });
  });

  it('merges custom values key by key, the survivor winning by default', () => {
    const plan = planFieldFill({ ...EMPTY, custom: { a: 1 } }, { ...EMPTY, custom: { a: 2, b: 3 } }, {});
    expect(plan.after.custom).toEqual({ a: 1, b: 3 });
  });
});
