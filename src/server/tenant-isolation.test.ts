import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, TEST_PASSWORD, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestAuth, type TestClient, testClient } from '../../test/support/http.ts';
import { uploadImport, waitForImport } from '../../test/support/imports.ts';
import { CASES, type Ids, type Method, PAST } from './tenant-isolation.cases.ts';

// Org A (an admin, the strongest role) tries every documented route with org B's ids.
// Reads must not reveal B's rows, writes must not change them. The list of cases is
// checked against the OpenAPI document, so a new route without a case fails this test.
// It runs twice: with an API key, and as a person signed in with the session cookie (in
// a third org, so the own-org writes of the first run do not change the answers).

const TABLES = [
  'orgs',
  'teams',
  'users',
  'api_keys',
  'reason_codes',
  'deal_stages',
  'custom_field_defs',
  'accounts',
  'campaigns',
  'campaign_spend',
  'leads',
  'touchpoints',
  'lead_stage_events',
  'deals',
  'deal_stage_events',
  'activities',
  'sessions',
  'invitations',
  'audit_log',
  'channel_overrides',
  'idempotency_keys',
  'forms',
  'lead_merges',
  'import_runs',
  'import_run_rejects',
  'handoff_settings',
  'sla_clocks',
  'jobs',
  'notifications',
  'marketing_targets',
  'mql_definitions',
] as const;

let client: TestClient;
let a: TestOrg;
let b: TestOrg;
let ids: Ids;
let c: TestOrg;
let cSession: TestAuth;

async function snapshot(orgId: string): Promise<string> {
  const parts: unknown[] = [];
  for (const table of TABLES) {
    const rows = await sql`select * from ${sql.table(table)} where org_id = ${orgId} order by 1, 2, 3`.execute(
      client.connection.db,
    );
    parts.push(table, rows.rows);
  }
  return JSON.stringify(parts);
}

beforeAll(async () => {
  client = await testClient();
  a = await createTestOrg(client.connection.db);
  b = await createTestOrg(client.connection.db);
  const post = async (url: string, body: unknown) => {
    const response = await client.request(b.adminKey, 'POST', url, body);
    if (response.status !== 201) throw new Error(`${url}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const team = await post('/api/v1/teams', { name: 'B team' });
  const user = await post('/api/v1/users', {
    name: 'B rep',
    email: `rep@${b.slug}.test`,
    role: 'sales_rep',
    teamId: team.id,
  });
  const account = await post('/api/v1/accounts', { name: 'B account', ownerId: user.id });
  const campaign = await post('/api/v1/campaigns', { name: 'B campaign', channel: 'events', utmCampaign: 'b-utm' });
  await client.request(b.adminKey, 'PUT', `/api/v1/campaigns/${campaign.id}/spend/2026-01-05`, { amountMinor: 100 });
  const lead = await post('/api/v1/leads', {
    firstName: 'B',
    ownerId: user.id,
    accountId: account.id,
    email: 'b-lead@b.test',
    phone: '+44 20 7946 0000',
    externalId: 'b-lead-1',
  });
  await post(`/api/v1/leads/${lead.id}/touchpoints`, { type: 'form_fill', occurredAt: PAST, campaignId: campaign.id });
  for (const to of ['mql', 'sal', 'sql']) await post(`/api/v1/leads/${lead.id}/transitions`, { to });
  const converted = await post(`/api/v1/leads/${lead.id}/transitions`, {
    to: 'opportunity',
    deal: { amountMinor: 500 },
  });
  const activity = await post('/api/v1/activities', { type: 'task', subject: 'B task', leadId: lead.id });
  const key = await post('/api/v1/api-keys', { name: 'B key', role: 'marketing' });
  await post('/api/v1/invitations', { email: `invitee@${b.slug}.test`, role: 'sales_rep', teamId: team.id });
  const person = await b.user('admin', 'B person', { password: TEST_PASSWORD });
  await client.signIn(person.email, TEST_PASSWORD);
  c = await createTestOrg(client.connection.db);
  const cAdmin = await c.user('admin', 'C admin', { password: TEST_PASSWORD });
  cSession = await client.signIn(cAdmin.email, TEST_PASSWORD);
  const form = await post('/api/v1/forms', {
    name: 'B form',
    fields: [{ name: 'email', label: 'E-mail', mapsTo: 'email' }],
    campaignId: campaign.id,
  });
  await client.request(b.adminKey, 'PUT', '/api/v1/channel-overrides', { items: [{ source: 'b', channel: 'email' }] });
  const twin = await post('/api/v1/leads', { firstName: 'B twin', email: 'b-twin@b.test' });
  const other = await post('/api/v1/leads', { firstName: 'B twin', email: 'b-twin@b.test' });
  await post(`/api/v1/leads/${other.id}/touchpoints`, { type: 'web_visit', occurredAt: PAST });
  const merge = await post('/api/v1/leads/merges', { survivorId: twin.id, mergedId: other.id });
  const upload = await uploadImport(client, b.adminKey, {
    entity: 'leads',
    csv: 'email,first_name\nb-import@b.test,B\nnot-an-email,B\n',
  });
  if (upload.status !== 202) throw new Error(`import: ${JSON.stringify(upload.body)}`);
  await waitForImport(client, b.adminKey, upload.body.id);
  // B's rep was told of the lead that became an MQL in their name (hand-off.ts).
  const notification = await sql<{ id: string }>`
    select id from notifications where org_id = ${b.orgId} and user_id = ${user.id}`.execute(client.connection.db);
  if (!notification.rows[0]) throw new Error("B's rep has no notification");
  ids = {
    lead: lead.id,
    deal: converted.deal.id,
    account: account.id,
    campaign: campaign.id,
    activity: activity.id,
    user: user.id,
    team: team.id,
    apiKey: key.id,
    person: person.email,
    form: form.id,
    formKey: form.key,
    merge: merge.id,
    importRun: upload.body.id,
    notification: notification.rows[0].id,
  };
});

describe('tenant isolation', () => {
  it('has a case for every documented route', async () => {
    await client.app.ready();
    const doc = client.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(Object.keys(CASES).map((k) => k.split('?')[0]));
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it("answers org A's every try at org B's rows without revealing or changing them", async () => {
    await tryEveryRoute(a.adminKey, 'key');
  });

  it('answers the same to a person signed in with the session cookie', async () => {
    await tryEveryRoute(cSession, 'session');
  });
});

async function tryEveryRoute(auth: TestAuth, as: 'key' | 'session'): Promise<void> {
  const before = await snapshot(b.orgId);
  const secrets = Object.values(ids);
  const last = 'DELETE /api/v1/sessions/current';
  const cases = Object.entries(CASES).sort(([x], [y]) => Number(x === last) - Number(y === last));
  for (const [route, spec] of cases) {
    const method = route.split(' ')[0] as Method;
    const response = await client.request(auth, method, spec.url(ids), spec.body?.(ids));
    const expected = as === 'session' ? (spec.expectSession ?? spec.expect) : spec.expect;
    expect({ route, status: response.status }).toEqual({ route, status: expected });
    if (spec.field && expected >= 400) {
      expect({ route, field: response.body.error.field }).toEqual({ route, field: spec.field });
    }
    // An error may echo the id the client sent; a successful answer must not contain B's ids.
    if (response.status < 400) {
      const text = JSON.stringify(response.body);
      for (const secret of secrets) expect({ route, leaks: text.includes(secret) }).toEqual({ route, leaks: false });
    }
  }
  expect(await snapshot(b.orgId)).toEqual(before);
}
