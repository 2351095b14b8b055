import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;
let org: TestOrg;

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db);
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const newLead = async (key: string, body: object = {}) =>
  (await client.request(key, 'POST', '/api/v1/leads', { firstName: 'Tess', ...body })).body;
const newCampaign = async (key: string, channel: string) =>
  (await client.request(key, 'POST', '/api/v1/campaigns', { name: `C ${randomUUID().slice(0, 8)}`, channel })).body;
const touch = (key: string, leadId: string, body: object) =>
  client.request(key, 'POST', `/api/v1/leads/${leadId}/touchpoints`, {
    type: 'web_visit',
    occurredAt: minutesAgo(5),
    ...body,
  });

describe('touchpoints API', () => {
  it("records a touch with the campaign's channel and attributes the lead's first touch once", async () => {
    const lead = await newLead(org.adminKey);
    const webinar = await newCampaign(org.adminKey, 'events');
    const ads = await newCampaign(org.adminKey, 'paid_social');
    const first = await touch(org.adminKey, lead.id, {
      type: 'webinar',
      campaignId: webinar.id,
      utmSource: 'zoom',
      url: 'https://baton.example/webinar',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      leadId: lead.id,
      type: 'webinar',
      campaignId: webinar.id,
      channel: 'events',
      utmSource: 'zoom',
      url: 'https://baton.example/webinar',
      referrer: null,
    });
    const afterFirst = await client.request(org.adminKey, 'GET', `/api/v1/leads/${lead.id}`);
    expect(afterFirst.body).toMatchObject({ firstCampaignId: webinar.id, sourceChannel: 'events' });
    const second = await touch(org.adminKey, lead.id, { type: 'ad_click', campaignId: ads.id, channel: 'display' });
    expect(second.body.channel).toBe('display');
    const afterSecond = await client.request(org.adminKey, 'GET', `/api/v1/leads/${lead.id}`);
    expect(afterSecond.body).toMatchObject({ firstCampaignId: webinar.id, sourceChannel: 'events' });
  });

  it('fills only what the lead is missing', async () => {
    const lead = await newLead(org.adminKey, { sourceChannel: 'referral' });
    const campaign = await newCampaign(org.adminKey, 'email');
    await touch(org.adminKey, lead.id, { type: 'email_click', campaignId: campaign.id });
    const after = await client.request(org.adminKey, 'GET', `/api/v1/leads/${lead.id}`);
    expect(after.body).toMatchObject({ firstCampaignId: campaign.id, sourceChannel: 'referral' });
    const bare = await newLead(org.adminKey);
    await touch(org.adminKey, bare.id, {});
    const untouched = await client.request(org.adminKey, 'GET', `/api/v1/leads/${bare.id}`);
    expect(untouched.body).toMatchObject({ firstCampaignId: null, sourceChannel: null });
  });

  it.each([
    [{ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'occurredAt'],
    [{ occurredAt: 'yesterday' }, 'occurredAt'],
    [{ type: 'billboard' }, 'type'],
    [{ channel: 'tv' }, 'channel'],
    [{ campaignId: randomUUID() }, 'campaignId'],
    [{ utmSource: 'x'.repeat(201) }, 'utmSource'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const lead = await newLead(org.adminKey);
    const response = await touch(org.adminKey, lead.id, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers an unknown lead with 404', async () => {
    const response = await touch(org.adminKey, randomUUID(), {});
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it("keeps other organisations' leads and campaigns out of reach", async () => {
    const other = await createTestOrg(client.connection.db);
    const theirLead = await newLead(other.adminKey);
    const theirCampaign = await newCampaign(other.adminKey, 'email');
    const onTheirLead = await touch(org.adminKey, theirLead.id, {});
    expect(onTheirLead.status).toBe(404);
    const myLead = await newLead(org.adminKey);
    const withTheirCampaign = await touch(org.adminKey, myLead.id, { campaignId: theirCampaign.id });
    expect(withTheirCampaign.status).toBe(400);
    expect(withTheirCampaign.body.error.field).toBe('campaignId');
    const mine = await client.request(org.adminKey, 'GET', `/api/v1/touchpoints?leadId=${myLead.id}`);
    expect(mine.body.items).toEqual([]);
    const lead = await client.request(org.adminKey, 'GET', `/api/v1/leads/${myLead.id}`);
    expect(lead.body.firstCampaignId).toBeNull();
    const theirs = await client.request(other.adminKey, 'GET', `/api/v1/touchpoints?leadId=${theirLead.id}`);
    expect(theirs.body.items).toEqual([]);
    const leaked = await client.request(org.adminKey, 'GET', `/api/v1/touchpoints?campaignId=${theirCampaign.id}`);
    expect(leaked.body.items).toEqual([]);
  });

  it('lists touchpoints by lead, campaign and time range', async () => {
    const own = await createTestOrg(client.connection.db);
    const a = await newLead(own.adminKey);
    const b = await newLead(own.adminKey);
    const campaign = await newCampaign(own.adminKey, 'email');
    const t1 = (await touch(own.adminKey, a.id, { occurredAt: minutesAgo(30) })).body;
    const t2 = (await touch(own.adminKey, a.id, { occurredAt: minutesAgo(20), campaignId: campaign.id })).body;
    const t3 = (await touch(own.adminKey, b.id, { occurredAt: minutesAgo(10), campaignId: campaign.id })).body;
    const ids = async (query: string) =>
      (await client.request(own.adminKey, 'GET', `/api/v1/touchpoints?order=asc&${query}`)).body.items.map(
        (t: { id: string }) => t.id,
      );
    expect(await ids(`leadId=${a.id}`)).toEqual([t1.id, t2.id]);
    expect(await ids(`campaignId=${campaign.id}`)).toEqual([t2.id, t3.id]);
    expect(await ids(`from=${encodeURIComponent(t2.occurredAt)}`)).toEqual([t2.id, t3.id]);
    expect(await ids(`to=${encodeURIComponent(t2.occurredAt)}`)).toEqual([t1.id]);
    const bad = await client.request(own.adminKey, 'GET', '/api/v1/touchpoints?leadId=42');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('leadId');
  });

  it('pages through every touchpoint once, in time order, including touches at the same instant', async () => {
    const own = await createTestOrg(client.connection.db);
    const lead = await newLead(own.adminKey);
    const times = [9, 3, 3, 7, 3, 1, 9, 5, 3, 2, 8];
    for (const n of times) {
      const at = new Date(Date.UTC(2026, 0, 1, 12, n)).toISOString();
      expect((await touch(own.adminKey, lead.id, { occurredAt: at })).status).toBe(201);
    }
    for (const order of ['asc', 'desc']) {
      const items = await client.collectPages(own.adminKey, `/api/v1/touchpoints?leadId=${lead.id}&order=${order}`, 4);
      expect(new Set(items.map((t) => t.id)).size).toBe(times.length);
      const at = items.map((t) => t.occurredAt);
      expect(at).toEqual([...at].sort((x, y) => (order === 'asc' ? x.localeCompare(y) : y.localeCompare(x))));
    }
  });
});
