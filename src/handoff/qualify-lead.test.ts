import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import type { LeadId } from '../shared/ids.ts';
import { qualifyLead } from './qualify-lead.ts';

// Qualification through every door a lead comes in by: ingest (one and batch), a web form,
// a recorded touch, and lead create and update. The org's definition is saved through the
// API; a form fill is worth 20 points and the bar is 30, so a second form fill qualifies.

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

const DEFINITION = {
  scoreThreshold: 30,
  requiredFields: ['email'],
  conditions: [{ kind: 'free_mail', mode: 'exclude' }],
  scoringRules: [
    { kind: 'touch', touchType: 'form_fill', points: 20 },
    { kind: 'touch', touchType: 'web_visit', points: 1 },
    { kind: 'field', field: 'title', match: { op: 'equals', value: 'CEO' }, points: 30 },
  ],
  scoreHalfLifeDays: 30,
};

async function orgWithDefinition(): Promise<TestOrg> {
  const org = await createTestOrg(client.connection.db);
  const saved = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/mql-definition', DEFINITION);
  expect(saved.status).toBe(200);
  expect(saved.body.version).toBe(2);
  return org;
}

async function ingest(org: TestOrg, email: string, type = 'form_fill', extra: object = {}) {
  const response = await client.request(org.adminKey, 'POST', '/api/v1/leads/ingest', {
    lead: { email, company: 'Acme', ...extra },
    touchpoint: { type },
  });
  // 201 for a new lead, 200 for another arrival of the same person.
  expect([200, 201]).toContain(response.status);
  return response.body.leadId as string;
}

async function leadRow(org: TestOrg, id: string) {
  return client.connection.db
    .selectFrom('leads')
    .select(['stage', 'score', 'mql_version'])
    .where('org_id', '=', org.orgId)
    .where('id', '=', id as LeadId)
    .executeTakeFirstOrThrow();
}

async function events(org: TestOrg, id: string) {
  const response = await client.request(org.adminKey, 'GET', `/api/v1/leads/${id}/events`);
  expect(response.status).toBe(200);
  return response.body.items.map((e: { fromStage: string | null; toStage: string; ruleVersion?: number | null }) => ({
    from: e.fromStage,
    to: e.toStage,
    ruleVersion: e.ruleVersion ?? null,
  }));
}

describe('qualification on capture', () => {
  it('moves a lead whose ingest makes it qualify to mql, with the definition version', async () => {
    const org = await orgWithDefinition();
    const id = await ingest(org, 'ann@acme-q1.io');
    expect(await leadRow(org, id)).toEqual({ stage: 'inquiry', score: 20, mql_version: null });
    expect(await ingest(org, 'ann@acme-q1.io')).toBe(id);
    expect(await leadRow(org, id)).toEqual({ stage: 'mql', score: 40, mql_version: 2 });
    expect(await events(org, id)).toEqual([
      { from: null, to: 'inquiry', ruleVersion: null },
      { from: 'inquiry', to: 'mql', ruleVersion: 2 },
    ]);
    const stored = await sql<{ rule_version: number; note: string }>`
      select rule_version, note from lead_stage_events
      where org_id = ${org.orgId} and lead_id = ${id} and to_stage = 'mql'`.execute(client.connection.db);
    expect(stored.rows).toEqual([
      { rule_version: 2, note: 'Qualified under MQL definition v2: score 40 (threshold 30)' },
    ]);
  });

  it('leaves a lead that does not qualify an inquiry, with its score written', async () => {
    const org = await orgWithDefinition();
    const id = await ingest(org, 'bob@gmail.com');
    await ingest(org, 'bob@gmail.com');
    await ingest(org, 'bob@gmail.com');
    expect(await leadRow(org, id)).toEqual({ stage: 'inquiry', score: 60, mql_version: null });
    const score = await client.request(org.adminKey, 'GET', `/api/v1/leads/${id}/score`);
    expect(score.body.failed).toEqual([
      {
        condition: 'conditions.0',
        label: 'e-mail domain is not a free-mail domain',
        why: 'e-mail domain gmail.com is a free-mail domain',
      },
    ]);
  });

  it('qualifies each item of a batch on its own', async () => {
    const org = await orgWithDefinition();
    const item = (email: string, type: string) => ({ lead: { email }, touchpoint: { type } });
    const response = await client.request(org.adminKey, 'POST', '/api/v1/leads/ingest/batch', {
      items: [
        item('cy@acme-q3.io', 'form_fill'),
        item('cy@acme-q3.io', 'form_fill'),
        item('di@acme-q3.io', 'web_visit'),
        item('ed@acme-q3.io', 'form_fill'),
      ],
    });
    expect(response.status).toBe(200);
    const [cy, , di, ed] = response.body.results.map((r: { leadId: string }) => r.leadId);
    expect((await leadRow(org, cy)).stage).toBe('mql');
    expect(await leadRow(org, di)).toMatchObject({ stage: 'inquiry', score: 1 });
    expect(await leadRow(org, ed)).toMatchObject({ stage: 'inquiry', score: 20 });
  });

  it('qualifies a lead submitted through a web form', async () => {
    const org = await orgWithDefinition();
    const form = await client.request(org.adminKey, 'POST', '/api/v1/forms', {
      name: 'Demo request',
      fields: [
        { name: 'email', label: 'E-mail', type: 'email', required: true, mapsTo: 'email' },
        { name: 'title', label: 'Title', mapsTo: 'title' },
      ],
    });
    expect(form.status).toBe(201);
    const posted = await client.app.inject({
      method: 'POST',
      url: `/f/${form.body.key}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: { email: 'fay@acme-q4.io', title: 'CEO' },
    });
    expect(posted.statusCode).toBeLessThan(300);
    const { leadId } = JSON.parse(posted.body);
    expect(await leadRow(org, leadId)).toEqual({ stage: 'mql', score: 50, mql_version: 2 });
  });

  it('qualifies a lead when a touch is recorded on it', async () => {
    const org = await orgWithDefinition();
    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { email: 'gil@acme-q5.io' });
    expect(lead.body).toMatchObject({ stage: 'inquiry', score: 0 });
    for (const expected of ['inquiry', 'mql']) {
      const touch = await client.request(org.adminKey, 'POST', `/api/v1/leads/${lead.body.id}/touchpoints`, {
        type: 'form_fill',
        occurredAt: new Date().toISOString(),
      });
      expect(touch.status).toBe(201);
      expect((await leadRow(org, lead.body.id)).stage).toBe(expected);
    }
  });
});

describe('qualification on lead create and update', () => {
  it('qualifies a lead created with what the definition asks for, and answers with its new stage', async () => {
    const org = await orgWithDefinition();
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', {
      email: 'hal@acme-q6.io',
      title: 'CEO',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stage: 'mql', score: 30 });
  });

  it('qualifies a lead when an update makes it meet the definition', async () => {
    const org = await orgWithDefinition();
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', {
      email: 'ida@gmail.com',
      title: 'CEO',
    });
    expect(created.body).toMatchObject({ stage: 'inquiry', score: 30 });
    const renamed = await client.request(org.adminKey, 'PATCH', `/api/v1/leads/${created.body.id}`, {
      title: 'Founder',
    });
    expect(renamed.body).toMatchObject({ stage: 'inquiry', score: 0 });
    const fixed = await client.request(org.adminKey, 'PATCH', `/api/v1/leads/${created.body.id}`, {
      email: 'ida@acme-q7.io',
      title: 'CEO',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ stage: 'mql', score: 30 });
  });

  it('refuses a score sent by the client: the rules own it', async () => {
    const org = await orgWithDefinition();
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', { email: 'x@acme-q8.io', score: 90 });
    expect(created.status).toBe(400);
    expect(created.body.error.field).toBe('score');
  });
});

describe('recycled leads', () => {
  it('re-enter mql when they qualify again on new interest, with their history kept', async () => {
    const org = await orgWithDefinition();
    const id = await ingest(org, 'jo@acme-q9.io');
    await ingest(org, 'jo@acme-q9.io');
    expect((await leadRow(org, id)).stage).toBe('mql');
    const recycled = await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, {
      to: 'recycled',
      reasonCode: 'not_ready',
    });
    expect(recycled.status).toBe(201);
    // The touches sales already saw do not count again: an edit does not bounce it back.
    const edited = await client.request(org.adminKey, 'PATCH', `/api/v1/leads/${id}`, { firstName: 'Jo' });
    expect(edited.body).toMatchObject({ stage: 'recycled', score: 0 });
    const raised = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/mql-definition', {
      ...DEFINITION,
      scoreThreshold: 35,
    });
    expect(raised.body.version).toBe(3);
    await ingest(org, 'jo@acme-q9.io');
    expect(await leadRow(org, id)).toEqual({ stage: 'recycled', score: 20, mql_version: 2 });
    await ingest(org, 'jo@acme-q9.io');
    expect(await leadRow(org, id)).toEqual({ stage: 'mql', score: 40, mql_version: 3 });
    expect(await events(org, id)).toEqual([
      { from: null, to: 'inquiry', ruleVersion: null },
      { from: 'inquiry', to: 'mql', ruleVersion: 2 },
      { from: 'mql', to: 'recycled', ruleVersion: null },
      { from: 'recycled', to: 'mql', ruleVersion: 3 },
    ]);
    const touches = await client.request(org.adminKey, 'GET', `/api/v1/touchpoints?leadId=${id}`);
    expect(touches.body.items).toHaveLength(4);
  });

  it('leaves leads past mql alone: only sales moves them', async () => {
    const org = await orgWithDefinition();
    const id = await ingest(org, 'kim@acme-q10.io', 'form_fill', { title: 'CEO' });
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, { to: 'sal' });
    const result = await client.connection.db.transaction().execute((trx) => qualifyLead(trx, org.ctx(), id as LeadId));
    expect(result).toMatchObject({ movedLead: null, stage: 'sal', definitionVersion: 2 });
    expect(result?.evaluation.qualifies).toBe(true);
  });
});

describe('automatic qualification switched off', () => {
  it('neither scores nor qualifies captured leads, and a lead moved to mql by hand is still routed', async () => {
    const org = await orgWithDefinition();
    const settings = await client.request(org.adminKey, 'GET', '/api/v1/handoff/sla-settings');
    expect(settings.body.autoQualify).toBe(true);
    const off = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/sla-settings', {
      acceptSlaHours: settings.body.acceptSlaHours,
      firstActivitySlaHours: settings.body.firstActivitySlaHours,
      calendar: settings.body.calendar,
      autoQualify: false,
    });
    expect(off.status).toBe(200);
    expect(off.body.autoQualify).toBe(false);
    const id = await ingest(org, 'lou@acme-off.io', 'form_fill', { title: 'CEO' });
    expect(await leadRow(org, id)).toEqual({ stage: 'inquiry', score: 0, mql_version: null });
    const moved = await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, { to: 'mql' });
    expect(moved.status).toBe(201);
    const assignments = await client.request(org.adminKey, 'GET', `/api/v1/leads/${id}/assignments`);
    expect(assignments.body.items).toHaveLength(1);
    // Saving the SLA settings without the switch leaves it as it is.
    const again = await client.request(org.adminKey, 'PUT', '/api/v1/handoff/sla-settings', {
      acceptSlaHours: 6,
      firstActivitySlaHours: settings.body.firstActivitySlaHours,
      calendar: settings.body.calendar,
    });
    expect(again.body).toMatchObject({ acceptSlaHours: 6, autoQualify: false });
  });
});
