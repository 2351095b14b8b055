import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, type TestResponse, testClient } from '../../test/support/http.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

type Answer = TestResponse<any>;

async function post(key: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await client.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${key}`, ...headers },
    payload: body as object,
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

const ingest = (org: TestOrg, body: unknown, headers?: Record<string, string>) =>
  post(org.adminKey, '/api/v1/leads/ingest', body, headers);
const batch = (org: TestOrg, items: unknown[], headers?: Record<string, string>) =>
  post(org.adminKey, '/api/v1/leads/ingest/batch', { items }, headers);

type Counted = 'leads' | 'touchpoints' | 'campaigns' | 'accounts';
async function count(org: TestOrg, table: Counted): Promise<number> {
  const query = sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where org_id = ${org.orgId}`;
  return (await query.execute(client.connection.db)).rows[0]?.n ?? -1;
}

const EXAMPLE = {
  lead: { email: 'ana@acme.io', firstName: 'Ana', company: 'Acme' },
  touchpoint: {
    type: 'form_fill',
    url: 'https://acme.io/demo?utm_source=google&utm_medium=cpc&utm_campaign=q3-demo',
    referrer: 'https://www.google.com/',
    occurredAt: '2026-03-02T10:00:00Z',
  },
};

describe('POST /leads/ingest', () => {
  it('creates a lead with the channel and campaign its landing URL names', async () => {
    const org = await createTestOrg(client.connection.db, { currency: 'EUR' });
    const answer = await ingest(org, EXAMPLE);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ created: true, channel: 'paid_search' });
    const campaign = await client.request(org.adminKey, 'GET', `/api/v1/campaigns/${answer.body.campaignId}`);
    expect(campaign.body).toMatchObject({
      name: 'q3-demo',
      utmCampaign: 'q3-demo',
      channel: 'paid_search',
      currency: 'EUR',
    });
    const lead = await client.request(org.adminKey, 'GET', `/api/v1/leads/${answer.body.leadId}`);
    expect(lead.body).toMatchObject({
      email: 'ana@acme.io',
      firstName: 'Ana',
      companyName: 'Acme',
      stage: 'inquiry',
      sourceChannel: 'paid_search',
      firstCampaignId: answer.body.campaignId,
    });
    const account = await client.request(org.adminKey, 'GET', `/api/v1/accounts/${lead.body.accountId}`);
    expect(account.body).toMatchObject({ name: 'Acme', domain: 'acme.io' });
    const touches = await client.request(org.adminKey, 'GET', `/api/v1/touchpoints?leadId=${answer.body.leadId}`);
    expect(touches.body.items).toEqual([
      expect.objectContaining({
        id: answer.body.touchpointId,
        type: 'form_fill',
        occurredAt: '2026-03-02T10:00:00.000Z',
        utmSource: 'google',
        utmMedium: 'cpc',
        utmCampaign: 'q3-demo',
        channel: 'paid_search',
      }),
    ]);
  });

  it('adds a touchpoint to the same gmail address written with other case, dots and a +tag', async () => {
    const org = await createTestOrg(client.connection.db);
    const first = await ingest(org, {
      lead: { email: 'Jane.Doe+News@GMail.com', firstName: 'Jane' },
      touchpoint: { type: 'web_visit', url: 'https://baton.dev/?utm_source=newsletter&utm_medium=email' },
    });
    const second = await ingest(org, {
      lead: { email: 'janedoe@gmail.com', firstName: 'Janet', lastName: 'Doe', title: 'CTO' },
      touchpoint: { type: 'form_fill', utmSource: 'linkedin', utmMedium: 'paid_social', utmCampaign: 'ABM' },
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ leadId: first.body.leadId, created: false, channel: 'paid_social' });
    expect(await count(org, 'leads')).toBe(1);
    expect(await count(org, 'touchpoints')).toBe(2);
    const lead = await client.request(org.adminKey, 'GET', `/api/v1/leads/${first.body.leadId}`);
    // Empty fields are completed, filled ones never overwritten; the first touch stays the source.
    expect(lead.body).toMatchObject({
      email: 'Jane.Doe+News@GMail.com',
      firstName: 'Jane',
      lastName: 'Doe',
      title: 'CTO',
      sourceChannel: 'email',
      accountId: null,
    });
    expect(await count(org, 'accounts')).toBe(0);
  });

  it('recognises the same phone written nationally with the country, and the same external id', async () => {
    const org = await createTestOrg(client.connection.db);
    const byPhone = await ingest(org, { lead: { phone: '+49 30 1234567' }, touchpoint: { type: 'call' } });
    const again = await ingest(org, {
      lead: { phone: '030 1234567', country: 'DE', firstName: 'Jonas' },
      touchpoint: { type: 'web_visit' },
    });
    expect(again.body).toMatchObject({ leadId: byPhone.body.leadId, created: false });
    const external = await ingest(org, {
      lead: { externalId: 'crm-42', email: 'a@one.test' },
      touchpoint: { type: 'chat' },
    });
    const sameId = await ingest(org, {
      lead: { externalId: 'crm-42', email: 'b@two.test' },
      touchpoint: { type: 'chat' },
    });
    expect(sameId.body).toMatchObject({ leadId: external.body.leadId, created: false });
    expect(await count(org, 'leads')).toBe(2);
    const lead = await client.request(org.adminKey, 'GET', `/api/v1/leads/${external.body.leadId}`);
    expect(lead.body.email).toBe('a@one.test');
  });

  it('links leads of one company domain to one account and skips free-mail domains', async () => {
    const org = await createTestOrg(client.connection.db);
    const a = await ingest(org, { lead: { email: 'ana@globex.example' }, touchpoint: { type: 'web_visit' } });
    const b = await ingest(org, {
      lead: { email: 'bo@GLOBEX.example', company: 'Globex' },
      touchpoint: { type: 'web_visit' },
    });
    await ingest(org, { lead: { email: 'someone@yahoo.co.uk' }, touchpoint: { type: 'web_visit' } });
    const [la, lb] = await Promise.all(
      [a, b].map((x) => client.request(org.adminKey, 'GET', `/api/v1/leads/${x.body.leadId}`)),
    );
    expect(la?.body.accountId).toBeTruthy();
    expect(lb?.body.accountId).toBe(la?.body.accountId);
    expect(await count(org, 'accounts')).toBe(1);
    const account = await client.request(org.adminKey, 'GET', `/api/v1/accounts/${la?.body.accountId}`);
    expect(account.body.name).toBe('globex.example');
  });

  it('ignores a referrer from the landing page own site when choosing the channel', async () => {
    const org = await createTestOrg(client.connection.db);
    const internal = await ingest(org, {
      lead: { email: 'x@initech.example' },
      touchpoint: {
        type: 'web_visit',
        url: 'https://www.initech.example/pricing',
        referrer: 'https://initech.example/',
      },
    });
    const search = await ingest(org, {
      lead: { email: 'y@initech.example' },
      touchpoint: { type: 'web_visit', url: 'https://initech.example/pricing', referrer: 'https://www.bing.com/' },
    });
    expect(internal.body.channel).toBe('direct');
    expect(search.body.channel).toBe('organic_search');
  });

  it.each([
    [{ lead: { firstName: 'Nobody' }, touchpoint: { type: 'web_visit' } }, 'lead.email'],
    [{ lead: { phone: '12345' }, touchpoint: { type: 'web_visit' } }, 'lead.phone'],
    [{ lead: { email: 'not-an-address' }, touchpoint: { type: 'web_visit' } }, 'lead.email'],
    [
      { lead: { email: 'a@b.example' }, touchpoint: { type: 'web_visit', occurredAt: '2999-01-01T00:00:00Z' } },
      'touchpoint.occurredAt',
    ],
    [{ lead: { email: 'a@b.example' }, touchpoint: { type: 'fax' } }, 'touchpoint.type'],
    [
      { lead: { email: 'a@b.example', custom: { tier: 'gold' } }, touchpoint: { type: 'web_visit' } },
      'lead.custom.tier',
    ],
    [{ lead: { email: 'a@b.example', nickname: 'x' }, touchpoint: { type: 'web_visit' } }, 'lead.nickname'],
  ])('refuses %j with a 400 naming %s and stores nothing', async (body, field) => {
    const org = await createTestOrg(client.connection.db);
    const answer = await ingest(org, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'validation_failed', field });
    expect(await count(org, 'leads')).toBe(0);
    expect(await count(org, 'accounts')).toBe(0);
  });

  it('makes one lead of concurrent first arrivals of one person, and one campaign of one new utm_campaign', async () => {
    const org = await createTestOrg(client.connection.db);
    const types = ['web_visit', 'form_fill', 'chat', 'email_click', 'content_download'];
    // A free-mail address and no campaign: nothing but the ingest lock serialises these.
    const people = await Promise.all(
      types.map((type) => ingest(org, { lead: { email: 'rush.hour@gmail.com' }, touchpoint: { type } })),
    );
    expect(people.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(people.map((a) => a.body.leadId)).size).toBe(1);
    const campaigns = await Promise.all(
      types.map((type, i) =>
        ingest(org, { lead: { email: `p${i}@hooli.example` }, touchpoint: { type, utmCampaign: 'Rush' } }),
      ),
    );
    expect(new Set(campaigns.map((a) => a.body.campaignId)).size).toBe(1);
    expect(await count(org, 'leads')).toBe(6);
    expect(await count(org, 'campaigns')).toBe(1);
    expect(await count(org, 'accounts')).toBe(1);
  });

  it('is for marketing and admins only', async () => {
    const org = await createTestOrg(client.connection.db);
    const rep = await org.user('sales_rep');
    const marketer = await org.user('marketing');
    expect((await post(rep.key, '/api/v1/leads/ingest', EXAMPLE)).status).toBe(403);
    expect((await post(marketer.key, '/api/v1/leads/ingest', EXAMPLE)).status).toBe(201);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the first answer and creates nothing twice', async () => {
    const org = await createTestOrg(client.connection.db);
    const key = { 'idempotency-key': `retry-${randomUUID()}` };
    const first = await ingest(org, EXAMPLE, key);
    const retry = await ingest(org, EXAMPLE, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await count(org, 'leads')).toBe(1);
    expect(await count(org, 'touchpoints')).toBe(1);
    // Without the key, the same body is a second arrival.
    const again = await ingest(org, EXAMPLE);
    expect(again.status).toBe(200);
    expect(await count(org, 'touchpoints')).toBe(2);
  });

  it('runs concurrent requests with one key once', async () => {
    const org = await createTestOrg(client.connection.db);
    const key = { 'idempotency-key': `race-${randomUUID()}` };
    const answers = await Promise.all([1, 2, 3].map(() => ingest(org, EXAMPLE, key)));
    expect(new Set(answers.map((a) => JSON.stringify([a.status, a.body]))).size).toBe(1);
    expect(await count(org, 'touchpoints')).toBe(1);
  });

  it('refuses the same key with another body, and a key that is too long', async () => {
    const org = await createTestOrg(client.connection.db);
    const key = `k-${randomUUID()}`;
    await ingest(org, EXAMPLE, { 'idempotency-key': key });
    const other = await ingest(org, { ...EXAMPLE, lead: { email: 'bo@acme.io' } }, { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'conflict', field: 'Idempotency-Key' });
    const batchWithSameKey = await batch(org, [EXAMPLE], { 'idempotency-key': key });
    expect(batchWithSameKey.status).toBe(409);
    const long = await ingest(org, EXAMPLE, { 'idempotency-key': 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('Idempotency-Key');
    expect(await count(org, 'leads')).toBe(1);
  });

  it('keeps no answer of a failed request, so the fixed retry runs', async () => {
    const org = await createTestOrg(client.connection.db);
    const key = { 'idempotency-key': `fail-${randomUUID()}` };
    const failed = await ingest(org, { lead: {}, touchpoint: { type: 'web_visit' } }, key);
    expect(failed.status).toBe(400);
    const retried = await ingest(org, { lead: {}, touchpoint: { type: 'web_visit' } }, key);
    expect(retried.status).toBe(400);
    expect(await count(org, 'leads')).toBe(0);
  });

  it('makes a retried batch return the first results without storing anything again', async () => {
    const org = await createTestOrg(client.connection.db);
    const key = { 'idempotency-key': `batch-${randomUUID()}` };
    const items = [EXAMPLE, { lead: {}, touchpoint: { type: 'web_visit' } }];
    const first = await batch(org, items, key);
    const retry = await batch(org, items, key);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await count(org, 'touchpoints')).toBe(1);
  });
});

describe('POST /leads/ingest/batch', () => {
  it('reports every bad item and commits the rest, undoing what a failed item had written', async () => {
    const org = await createTestOrg(client.connection.db);
    const answer = await batch(org, [
      EXAMPLE,
      { lead: { firstName: 'No identity' }, touchpoint: { type: 'web_visit' } },
      { lead: { email: 'ANA@acme.io', lastName: 'Lima' }, touchpoint: { type: 'email_click' } },
      { lead: { email: 'bo@acme.io' }, touchpoint: { type: 'carrier_pigeon' } },
      // Fails after its campaign was created: the savepoint takes the campaign back.
      {
        lead: { email: 'cy@acme.io', custom: { unknown_field: 'x' } },
        touchpoint: { type: 'web_visit', utmCampaign: 'only-in-a-failed-item' },
      },
      'not an object',
      { lead: { email: 'dee@other.example' }, touchpoint: { type: 'web_visit' } },
    ]);
    expect(answer.status).toBe(200);
    const results = answer.body.results;
    expect(results.map((r: { index: number; ok: boolean }) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
    ]);
    expect(results[0]).toMatchObject({ created: true, channel: 'paid_search' });
    expect(results[1].error).toMatchObject({ code: 'validation_failed', field: 'lead.email' });
    expect(results[2]).toMatchObject({ leadId: results[0].leadId, created: false, channel: 'email' });
    expect(results[3].error.field).toBe('touchpoint.type');
    expect(results[4].error.field).toBe('lead.custom.unknown_field');
    expect(results[5].error.code).toBe('validation_failed');
    expect(await count(org, 'leads')).toBe(2);
    expect(await count(org, 'touchpoints')).toBe(3);
    expect(await count(org, 'campaigns')).toBe(1);
  });

  it('refuses an empty batch and one over 1000 items', async () => {
    const org = await createTestOrg(client.connection.db);
    expect((await batch(org, [])).body.error.field).toBe('items');
    const tooMany = await batch(
      org,
      Array.from({ length: 1001 }, () => EXAMPLE),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('items');
  });
});

describe('channel overrides', () => {
  it('replaces the ordered list and applies it before the GA4 rules', async () => {
    const org = await createTestOrg(client.connection.db);
    const put = await client.request(org.adminKey, 'PUT', '/api/v1/channel-overrides', {
      items: [
        { source: 'partnerx', channel: 'partner' },
        { medium: 'cpc', campaignPattern: 'brand', channel: 'paid_other' },
      ],
    });
    expect(put.status).toBe(200);
    const read = await client.request(org.adminKey, 'GET', '/api/v1/channel-overrides');
    expect(read.body).toEqual(put.body);
    expect(read.body.items[1]).toEqual({ medium: 'cpc', campaignPattern: 'brand', channel: 'paid_other' });
    const partner = await ingest(org, {
      lead: { email: 'p@partner.example' },
      touchpoint: { type: 'web_visit', url: 'https://x.example/?utm_source=PartnerX&utm_medium=referral' },
    });
    expect(partner.body.channel).toBe('partner');
    const brand = await ingest(org, {
      lead: { email: 'q@partner.example' },
      touchpoint: { type: 'web_visit', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'Brand-2026' },
    });
    expect(brand.body.channel).toBe('paid_other');
    const bad = await client.request(org.adminKey, 'PUT', '/api/v1/channel-overrides', {
      items: [{ channel: 'email' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('items.0');
    const cleared = await client.request(org.adminKey, 'PUT', '/api/v1/channel-overrides', { items: [] });
    expect(cleared.body.items).toEqual([]);
  });
});
