import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, TEST_PASSWORD, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestAuth, type TestClient, testClient } from '../../test/support/http.ts';
import { DEFAULT_DEAL_STAGES } from '../lifecycle/constants.ts';

// Org A (an admin, the strongest role) tries every documented route with org B's ids.
// Reads must not reveal B's rows, writes must not change them. The list of cases is
// checked against the OpenAPI document, so a new route without a case fails this test.
// It runs twice: with an API key, and as a person signed in with the session cookie (in
// a third org, so the own-org writes of the first run do not change the answers).

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Ids {
  lead: string;
  deal: string;
  account: string;
  campaign: string;
  activity: string;
  user: string;
  team: string;
  apiKey: string;
  /** The e-mail of a person in B who signs in with a password. */
  person: string;
  form: string;
  formKey: string;
  /** A merge of two other leads of B. */
  merge: string;
}
interface Case {
  readonly url: (b: Ids) => string;
  readonly body?: (b: Ids) => unknown;
  /** 404 for a path naming B's row; 400 naming the field for a body referring to one; 200/201 for scoped reads and own-org writes. */
  readonly expect: number;
  readonly field?: string;
  /** The answer to a session-cookie caller, when it differs from an API key's. */
  readonly expectSession?: number;
}

const PAST = '2026-01-05T10:00:00.000Z';

const CASES: Record<string, Case> = {
  'GET /api/v1/leads': { url: (b) => `/api/v1/leads?ownerId=${b.user}&accountId=${b.account}`, expect: 200 },
  'GET /api/v1/leads?campaign': { url: (b) => `/api/v1/leads?campaignId=${b.campaign}`, expect: 200 },
  'POST /api/v1/leads': {
    url: () => '/api/v1/leads',
    body: (b) => ({ firstName: 'x', ownerId: b.user }),
    expect: 400,
    field: 'ownerId',
  },
  'GET /api/v1/leads/{id}': { url: (b) => `/api/v1/leads/${b.lead}`, expect: 404 },
  'PATCH /api/v1/leads/{id}': { url: (b) => `/api/v1/leads/${b.lead}`, body: () => ({ firstName: 'x' }), expect: 404 },
  'POST /api/v1/leads/{id}/transitions': {
    url: (b) => `/api/v1/leads/${b.lead}/transitions`,
    body: () => ({ to: 'disqualified', reasonCode: 'no_budget' }),
    expect: 404,
  },
  'GET /api/v1/leads/{id}/events': { url: (b) => `/api/v1/leads/${b.lead}/events`, expect: 404 },
  'GET /api/v1/leads/{id}/timeline': { url: (b) => `/api/v1/leads/${b.lead}/timeline`, expect: 404 },
  'POST /api/v1/leads/{id}/touchpoints': {
    url: (b) => `/api/v1/leads/${b.lead}/touchpoints`,
    body: () => ({ type: 'web_visit', occurredAt: PAST }),
    expect: 404,
  },
  'GET /api/v1/deals': { url: (b) => `/api/v1/deals?leadId=${b.lead}&accountId=${b.account}`, expect: 200 },
  'POST /api/v1/deals': {
    url: () => '/api/v1/deals',
    body: (b) => ({ name: 'x', leadId: b.lead }),
    expect: 400,
    field: 'leadId',
  },
  'GET /api/v1/deals/{id}': { url: (b) => `/api/v1/deals/${b.deal}`, expect: 404 },
  'PATCH /api/v1/deals/{id}': { url: (b) => `/api/v1/deals/${b.deal}`, body: () => ({ name: 'x' }), expect: 404 },
  'POST /api/v1/deals/{id}/transitions': {
    url: (b) => `/api/v1/deals/${b.deal}/transitions`,
    body: () => ({ to: 'closed_lost', reasonCode: 'price' }),
    expect: 404,
  },
  'GET /api/v1/deals/{id}/events': { url: (b) => `/api/v1/deals/${b.deal}/events`, expect: 404 },
  'GET /api/v1/accounts': { url: (b) => `/api/v1/accounts?ownerId=${b.user}`, expect: 200 },
  'POST /api/v1/accounts': {
    url: () => '/api/v1/accounts',
    body: (b) => ({ name: 'x', ownerId: b.user }),
    expect: 400,
    field: 'ownerId',
  },
  'GET /api/v1/accounts/{id}': { url: (b) => `/api/v1/accounts/${b.account}`, expect: 404 },
  'PATCH /api/v1/accounts/{id}': {
    url: (b) => `/api/v1/accounts/${b.account}`,
    body: () => ({ name: 'x' }),
    expect: 404,
  },
  'GET /api/v1/campaigns': { url: (b) => `/api/v1/campaigns?parentId=${b.campaign}`, expect: 200 },
  'POST /api/v1/campaigns': {
    url: () => '/api/v1/campaigns',
    body: (b) => ({ name: 'x', channel: 'email', parentId: b.campaign }),
    expect: 400,
    field: 'parentId',
  },
  'GET /api/v1/campaigns/{id}': { url: (b) => `/api/v1/campaigns/${b.campaign}`, expect: 404 },
  'PATCH /api/v1/campaigns/{id}': {
    url: (b) => `/api/v1/campaigns/${b.campaign}`,
    body: () => ({ name: 'x' }),
    expect: 404,
  },
  'PUT /api/v1/campaigns/{id}/spend/{day}': {
    url: (b) => `/api/v1/campaigns/${b.campaign}/spend/2026-01-05`,
    body: () => ({ amountMinor: 5 }),
    expect: 404,
  },
  'GET /api/v1/campaigns/{id}/spend': { url: (b) => `/api/v1/campaigns/${b.campaign}/spend`, expect: 404 },
  'GET /api/v1/touchpoints': {
    url: (b) => `/api/v1/touchpoints?leadId=${b.lead}&campaignId=${b.campaign}`,
    expect: 200,
  },
  'GET /api/v1/activities': { url: (b) => `/api/v1/activities?leadId=${b.lead}&userId=${b.user}`, expect: 200 },
  'POST /api/v1/activities': {
    url: () => '/api/v1/activities',
    body: (b) => ({ type: 'note', subject: 'x', leadId: b.lead }),
    expect: 400,
    field: 'leadId',
  },
  'GET /api/v1/activities/{id}': { url: (b) => `/api/v1/activities/${b.activity}`, expect: 404 },
  'PATCH /api/v1/activities/{id}': {
    url: (b) => `/api/v1/activities/${b.activity}`,
    body: () => ({ subject: 'x' }),
    expect: 404,
  },
  'POST /api/v1/activities/{id}/complete': { url: (b) => `/api/v1/activities/${b.activity}/complete`, expect: 404 },
  'GET /api/v1/reason-codes': { url: () => '/api/v1/reason-codes', expect: 200 },
  'PUT /api/v1/reason-codes/{kind}/{code}': {
    url: () => '/api/v1/reason-codes/reject/no_budget',
    body: () => ({ label: 'Changed by A', active: false }),
    expect: 200,
  },
  'GET /api/v1/deal-stages': { url: () => '/api/v1/deal-stages', expect: 200 },
  'PUT /api/v1/deal-stages': {
    url: () => '/api/v1/deal-stages',
    body: () => ({ stages: DEFAULT_DEAL_STAGES.map((s) => ({ ...s, label: `${s.label} (A)` })) }),
    expect: 200,
  },
  'GET /api/v1/custom-fields': { url: () => '/api/v1/custom-fields', expect: 200 },
  'PUT /api/v1/custom-fields/{entity}/{key}': {
    url: () => '/api/v1/custom-fields/lead/tier',
    body: () => ({ label: 'Tier', type: 'text' }),
    expect: 200,
  },
  'GET /api/v1/me': { url: () => '/api/v1/me', expect: 200 },
  'GET /api/v1/users': { url: () => '/api/v1/users', expect: 200 },
  'POST /api/v1/users': {
    url: () => '/api/v1/users',
    body: (b) => ({ name: 'x', email: `x-${b.user.slice(0, 8)}@a.test`, role: 'sales_rep', teamId: b.team }),
    expect: 400,
    field: 'teamId',
  },
  'PATCH /api/v1/users/{id}': { url: (b) => `/api/v1/users/${b.user}`, body: () => ({ active: false }), expect: 404 },
  'GET /api/v1/teams': { url: () => '/api/v1/teams', expect: 200 },
  'POST /api/v1/teams': {
    url: () => '/api/v1/teams',
    body: (b) => ({ name: 'x', managerId: b.user }),
    expect: 400,
    field: 'managerId',
  },
  'GET /api/v1/api-keys': { url: () => '/api/v1/api-keys', expect: 200 },
  'POST /api/v1/api-keys': {
    url: () => '/api/v1/api-keys',
    body: (b) => ({ name: 'x', userId: b.user }),
    expect: 400,
    field: 'userId',
  },
  'POST /api/v1/api-keys/{id}/revoke': { url: (b) => `/api/v1/api-keys/${b.apiKey}/revoke`, expect: 404 },
  // Sign-in with B's person's e-mail and a guess: no session anywhere.
  'POST /api/v1/sessions': {
    url: () => '/api/v1/sessions',
    body: (b) => ({ email: b.person, password: 'a guessed password' }),
    expect: 401,
    field: 'password',
  },
  'POST /api/v1/me/password': {
    url: () => '/api/v1/me/password',
    body: () => ({ currentPassword: 'not the password', newPassword: 'another long password' }),
    expect: 400,
    field: 'currentPassword',
  },
  'POST /api/v1/invitations': {
    url: () => '/api/v1/invitations',
    body: (b) => ({ email: `invitee-${b.user.slice(0, 8)}@a.test`, role: 'sales_rep', teamId: b.team }),
    expect: 400,
    field: 'teamId',
  },
  'POST /api/v1/invitations/accept': {
    url: () => '/api/v1/invitations/accept',
    body: () => ({ token: 'x'.repeat(43), name: 'x', password: 'long enough password' }),
    expect: 404,
    field: 'token',
  },
  'GET /api/v1/audit-log': { url: (b) => `/api/v1/audit-log?entity=leads&entityId=${b.lead}`, expect: 200 },
  'GET /api/v1/audit-log?actor': { url: (b) => `/api/v1/audit-log?actorId=${b.user}`, expect: 200 },
  // Runs last: a session-cookie caller ends its own session; an API key has none.
  'DELETE /api/v1/sessions/current': {
    url: () => '/api/v1/sessions/current',
    expect: 400,
    field: 'baton_session',
    expectSession: 204,
  },
  // Ingest matches people and campaigns within the actor's org only: B's lead's e-mail,
  // phone and external id, and B's utm_campaign, make a new lead and campaign in A.
  'POST /api/v1/leads/ingest': { url: () => '/api/v1/leads/ingest', body: () => INGEST_ITEM, expect: 201 },
  'POST /api/v1/leads/ingest/batch': {
    url: () => '/api/v1/leads/ingest/batch',
    body: () => ({ items: [{ ...INGEST_ITEM, lead: { ...INGEST_ITEM.lead, externalId: 'b-lead-2' } }] }),
    expect: 200,
  },
  'GET /api/v1/leads/duplicates': { url: () => '/api/v1/leads/duplicates', expect: 200 },
  'POST /api/v1/leads/merges': {
    url: () => '/api/v1/leads/merges',
    body: (b) => ({ survivorId: b.lead, mergedId: b.deal }),
    expect: 404,
    field: 'survivorId',
  },
  'POST /api/v1/leads/merges/{id}/undo': { url: (b) => `/api/v1/leads/merges/${b.merge}/undo`, expect: 404 },
  'GET /api/v1/leads/merges': { url: (b) => `/api/v1/leads/merges?leadId=${b.lead}`, expect: 404, field: 'leadId' },
  'GET /api/v1/channel-overrides': { url: () => '/api/v1/channel-overrides', expect: 200 },
  'PUT /api/v1/channel-overrides': {
    url: () => '/api/v1/channel-overrides',
    body: () => ({ items: [{ source: 'b-source', channel: 'email' }] }),
    expect: 200,
  },
  'GET /api/v1/forms': { url: () => '/api/v1/forms', expect: 200 },
  'POST /api/v1/forms': {
    url: () => '/api/v1/forms',
    body: (b) => ({ name: 'x', fields: [{ name: 'email', label: 'E', mapsTo: 'email' }], campaignId: b.campaign }),
    expect: 400,
    field: 'campaignId',
  },
  'GET /api/v1/forms/{id}': { url: (b) => `/api/v1/forms/${b.form}`, expect: 404 },
  'PATCH /api/v1/forms/{id}': { url: (b) => `/api/v1/forms/${b.form}`, body: () => ({ name: 'x' }), expect: 404 },
  'DELETE /api/v1/forms/{id}': { url: (b) => `/api/v1/forms/${b.form}`, expect: 404 },
  'GET /api/v1/forms/{id}/snippet': { url: (b) => `/api/v1/forms/${b.form}/snippet`, expect: 404 },
  // A form key is public by design (anyone may post to B's form); what must hold is that an
  // unknown key writes nothing anywhere.
  'POST /f/{formKey}': { url: () => '/f/not-a-form-key', body: () => ({ email: 'b-lead@b.test' }), expect: 404 },
};

const INGEST_ITEM = {
  lead: { email: 'b-lead@b.test', phone: '+44 20 7946 0000', externalId: 'b-lead-1' },
  touchpoint: { type: 'form_fill', occurredAt: PAST, utmCampaign: 'b-utm' },
};

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
