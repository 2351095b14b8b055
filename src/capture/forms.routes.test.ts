import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

const FIELDS = [
  { name: 'email', label: 'Work e-mail', type: 'email', required: true, mapsTo: 'email' },
  { name: 'first_name', label: 'First name', mapsTo: 'firstName' },
  { name: 'company', label: 'Company', mapsTo: 'company' },
  { name: 'team_size', label: 'Team size', mapsTo: 'custom.team_size' },
  { name: 'newsletter', label: 'Send me news', type: 'checkbox', mapsTo: 'custom.newsletter' },
];

async function formFor(org: TestOrg, extra: object = {}): Promise<{ id: string; key: string }> {
  for (const [key, type] of [
    ['team_size', 'number'],
    ['newsletter', 'boolean'],
  ] as const) {
    await client.request(org.adminKey, 'PUT', `/api/v1/custom-fields/lead/${key}`, { label: key, type });
  }
  const campaign = await client.request(org.adminKey, 'POST', '/api/v1/campaigns', {
    name: 'Demo requests',
    channel: 'events',
  });
  const created = await client.request(org.adminKey, 'POST', '/api/v1/forms', {
    name: 'Demo request',
    fields: FIELDS,
    campaignId: campaign.body.id,
    redirectUrl: 'https://acme.example/thanks',
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function count(org: TestOrg, table: 'leads' | 'touchpoints'): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(table)} where org_id = ${org.orgId}`.execute(client.connection.db);
  return result.rows[0]?.n ?? -1;
}

function submit(
  key: string,
  payload: string | object,
  headers: Record<string, string>,
  remoteAddress = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
) {
  return client.app.inject({ method: 'POST', url: `/f/${key}`, headers, payload, remoteAddress });
}

const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const URLENCODED = { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' };

function multipart(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  const boundary = `----baton${randomUUID()}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    payload: `${parts.join('')}--${boundary}--\r\n`,
    headers: { ...BROWSER, 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('forms API', () => {
  it('creates, reads, lists, updates and deletes a form with a random public key', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(form).toMatchObject({ honeypotField: 'website', active: true, redirectUrl: 'https://acme.example/thanks' });
    const read = await client.request(org.adminKey, 'GET', `/api/v1/forms/${form.id}`);
    expect(read.body).toEqual(form);
    const list = await client.request(org.adminKey, 'GET', '/api/v1/forms');
    expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([form.id]);
    const updated = await client.request(org.adminKey, 'PATCH', `/api/v1/forms/${form.id}`, {
      name: 'Demo request (EN)',
      redirectUrl: null,
    });
    expect(updated.body).toMatchObject({ name: 'Demo request (EN)', redirectUrl: null, key: form.key });
    expect((await client.request(org.adminKey, 'DELETE', `/api/v1/forms/${form.id}`)).status).toBe(204);
    expect((await client.request(org.adminKey, 'GET', `/api/v1/forms/${form.id}`)).status).toBe(404);
  });

  it.each([
    [{ fields: [{ name: 'first', label: 'First', mapsTo: 'firstName' }] }, 'fields'],
    [{ fields: [...FIELDS, { name: 'EMAIL', label: 'Again', mapsTo: 'title' }] }, 'fields.5.name'],
    [{ fields: [...FIELDS, { name: 'mail2', label: 'Again', mapsTo: 'email' }] }, 'fields.5.mapsTo'],
    [{ fields: [...FIELDS, { name: 'utm_source', label: 'Source', mapsTo: 'title' }] }, 'fields.5.name'],
    [{ fields: [...FIELDS, { name: 'x', label: 'X', mapsTo: 'custom.nope' }] }, 'fields.5.mapsTo'],
    [{ fields: [...FIELDS, { name: 'x', label: 'X', type: 'select', mapsTo: 'title' }] }, 'fields.5.options'],
    [{ fields: [...FIELDS, { name: 'x', label: 'X', type: 'checkbox', mapsTo: 'title' }] }, 'fields.5.type'],
    [{ campaignId: randomUUID() }, 'campaignId'],
    [{ redirectUrl: 'javascript:alert(1)' }, 'redirectUrl'],
    [{ honeypotField: 'email' }, 'fields.0.name'],
  ])('refuses %j with a 400 naming %s', async (extra, field) => {
    const org = await createTestOrg(client.connection.db);
    await formFor(org);
    const response = await client.request(org.adminKey, 'POST', '/api/v1/forms', {
      name: 'Bad',
      fields: FIELDS,
      ...extra,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it('serves a paste-ready snippet that posts to the form key', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const response = await client.app.inject({
      method: 'GET',
      url: `/api/v1/forms/${form.id}/snippet?origin=https://baton.example.com`,
      headers: { authorization: `Bearer ${org.adminKey}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = response.body;
    expect(html).toContain(`<form method="post" action="https://baton.example.com/f/${form.key}"`);
    expect(html).toContain('<input type="email" id="baton-');
    expect(html).toContain('name="email" autocomplete="email" required>');
    for (const name of [
      'page_url',
      'referrer',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_term',
      'utm_content',
    ]) {
      expect(html).toContain(`<input type="hidden" name="${name}" value="">`);
    }
    expect(html).toContain('name="website" tabindex="-1"');
    expect(html).toContain('<script>');
  });

  it('is for marketing and admins', async () => {
    const org = await createTestOrg(client.connection.db);
    const manager = await org.user('sales_manager');
    expect((await client.request(manager.key, 'GET', '/api/v1/forms')).status).toBe(403);
  });
});

describe('POST /f/:formKey', () => {
  it('takes a urlencoded browser post, redirects to the thank-you page and stores the lead with its touch', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const body = new URLSearchParams({
      email: 'Jo@Initech.example',
      first_name: 'Jo',
      company: 'Initech',
      team_size: '25',
      newsletter: 'true',
      page_url: 'https://initech-partner.example/demo?utm_source=linkedin&utm_medium=paid_social',
      utm_campaign: 'ABM-Q3',
      website: '',
    }).toString();
    const response = await submit(form.key, body, { ...URLENCODED, referer: 'https://initech-partner.example/demo' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('https://acme.example/thanks');
    const leads = await client.request(org.adminKey, 'GET', '/api/v1/leads');
    expect(leads.body.items).toHaveLength(1);
    expect(leads.body.items[0]).toMatchObject({
      email: 'Jo@Initech.example',
      firstName: 'Jo',
      companyName: 'Initech',
      custom: { team_size: 25, newsletter: true },
      sourceChannel: 'paid_social',
    });
    const touches = await client.request(org.adminKey, 'GET', `/api/v1/touchpoints?leadId=${leads.body.items[0].id}`);
    expect(touches.body.items[0]).toMatchObject({
      type: 'form_fill',
      channel: 'paid_social',
      utmSource: 'linkedin',
      utmCampaign: 'ABM-Q3',
      url: 'https://initech-partner.example/demo?utm_source=linkedin&utm_medium=paid_social',
    });
  });

  it('uses the form campaign when the visit names none, and reads the page from the Referer header', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const response = await submit(form.key, 'email=ann%40globex.example', {
      ...URLENCODED,
      referer: 'https://www.globex.example/pricing?utm_source=google&utm_medium=cpc',
    });
    expect(response.statusCode).toBe(303);
    const leads = await client.request(org.adminKey, 'GET', '/api/v1/leads');
    const campaigns = await client.request(org.adminKey, 'GET', '/api/v1/campaigns');
    expect(leads.body.items[0]).toMatchObject({
      firstCampaignId: campaigns.body.items[0].id,
      sourceChannel: 'paid_search',
      custom: { newsletter: false },
    });
  });

  it('takes multipart and JSON posts, and a second submission by the same person adds a touch', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org, { redirectUrl: null });
    const parts = multipart({ email: 'Lee@umbrella.example', first_name: 'Lee' });
    const html = await submit(form.key, parts.payload, parts.headers);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('Thank you');
    const json = await submit(
      form.key,
      { email: 'lee@UMBRELLA.example', company: 'Umbrella' },
      { 'content-type': 'application/json' },
    );
    expect(json.statusCode).toBe(200);
    const leads = await client.request(org.adminKey, 'GET', '/api/v1/leads');
    expect(leads.body.items).toHaveLength(1);
    expect(json.json()).toEqual({ ok: true, leadId: leads.body.items[0].id });
    expect(leads.body.items[0]).toMatchObject({ firstName: 'Lee', companyName: 'Umbrella' });
    expect(await count(org, 'touchpoints')).toBe(2);
  });

  it('answers a filled honeypot as a success and stores nothing', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const browser = await submit(form.key, 'email=bot%40spam.example&website=http%3A%2F%2Fspam.example', URLENCODED);
    expect(browser.statusCode).toBe(303);
    const json = await submit(
      form.key,
      { email: 'bot@spam.example', website: 'x' },
      { 'content-type': 'application/json' },
    );
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ ok: true, leadId: expect.any(String) });
    expect(await count(org, 'leads')).toBe(0);
  });

  it.each([
    ['a missing required field', { first_name: 'No mail' }, 'email'],
    ['an invalid e-mail', { email: 'jo@@example' }, 'email'],
    ['a non-numeric number', { email: 'jo@example.com', team_size: 'many' }, 'team_size'],
  ])('refuses %s with a 400 naming the input and stores nothing', async (_name, fields, field) => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const json = await submit(form.key, fields, { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toMatchObject({ code: 'validation_failed', field });
    const page = await submit(form.key, new URLSearchParams(fields).toString(), {
      ...URLENCODED,
      referer: 'https://acme.example/demo',
    });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain(`${field}:`);
    expect(page.body).toContain('href="https://acme.example/demo"');
    expect(await count(org, 'leads')).toBe(0);
  });

  it('answers an unknown or inactive form key with 404', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const unknown = await submit(
      'no-such-form-key-000000',
      { email: 'a@b.example' },
      { 'content-type': 'application/json' },
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'not_found', field: 'formKey' });
    await client.request(org.adminKey, 'PATCH', `/api/v1/forms/${form.id}`, { active: false });
    const inactive = await submit(form.key, 'email=a%40b.example', URLENCODED);
    expect(inactive.statusCode).toBe(404);
    expect(inactive.body).toContain('no longer takes submissions');
    expect(await count(org, 'leads')).toBe(0);
  });

  it('limits each address to 20 submissions a minute per form', async () => {
    const org = await createTestOrg(client.connection.db);
    const form = await formFor(org);
    const address = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await submit(
        form.key,
        { email: 'x@y.example', website: 'spam' },
        { 'content-type': 'application/json' },
        address,
      );
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const limited = await submit(form.key, 'email=x%40y.example', URLENCODED, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many submissions');
    const otherAddress = await submit(
      form.key,
      { email: 'x@y.example', website: 'spam' },
      { 'content-type': 'application/json' },
    );
    expect(otherAddress.statusCode).toBe(200);
  });
});
