import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;
let org: TestOrg;

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db, { currency: 'EUR' });
});

const unique = () => randomUUID().slice(0, 8);
const createCampaign = (key: string, body: object) =>
  client.request(key, 'POST', '/api/v1/campaigns', { name: `Campaign ${unique()}`, channel: 'paid_search', ...body });

describe('campaigns API', () => {
  it('creates a campaign in the organisation currency and reads it back', async () => {
    const created = await createCampaign(org.adminKey, {
      name: 'Spring search',
      utmCampaign: `spring-${unique()}`,
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
      budgetMinor: 500_000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Spring search',
      channel: 'paid_search',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
      budgetMinor: 500_000,
      currency: 'EUR',
      parentId: null,
    });
    const read = await client.request(org.adminKey, 'GET', `/api/v1/campaigns/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it.each([
    [{ channel: 'tv' }, 'channel'],
    [{ currency: 'eur' }, 'currency'],
    [{ budgetMinor: -5 }, 'budgetMinor'],
    [{ startsOn: '2026-02-30' }, 'startsOn'],
    [{ startsOn: '2026-03-10', endsOn: '2026-03-09' }, 'endsOn'],
    [{ parentId: randomUUID() }, 'parentId'],
    [{ spend: 10 }, 'spend'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await createCampaign(org.adminKey, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
  });

  it('checks the end date against the stored start date on update', async () => {
    const created = await createCampaign(org.adminKey, { startsOn: '2026-05-10' });
    const response = await client.request(org.adminKey, 'PATCH', `/api/v1/campaigns/${created.body.id}`, {
      endsOn: '2026-05-01',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('endsOn');
    const moved = await client.request(org.adminKey, 'PATCH', `/api/v1/campaigns/${created.body.id}`, {
      startsOn: null,
      endsOn: '2026-05-01',
      channel: 'email',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsOn: null, endsOn: '2026-05-01', channel: 'email' });
  });

  it('refuses a parent that is the campaign itself, inside it, or in another organisation', async () => {
    const root = await createCampaign(org.adminKey, {});
    const child = await createCampaign(org.adminKey, { parentId: root.body.id });
    expect(child.body.parentId).toBe(root.body.id);
    const grandchild = await createCampaign(org.adminKey, { parentId: child.body.id });
    const itself = await client.request(org.adminKey, 'PATCH', `/api/v1/campaigns/${root.body.id}`, {
      parentId: root.body.id,
    });
    expect(itself.status).toBe(400);
    expect(itself.body.error.field).toBe('parentId');
    const loop = await client.request(org.adminKey, 'PATCH', `/api/v1/campaigns/${root.body.id}`, {
      parentId: grandchild.body.id,
    });
    expect(loop.status).toBe(400);
    expect(loop.body.error.field).toBe('parentId');
    const other = await createTestOrg(client.connection.db);
    const theirs = await createCampaign(other.adminKey, {});
    const foreign = await client.request(org.adminKey, 'PATCH', `/api/v1/campaigns/${root.body.id}`, {
      parentId: theirs.body.id,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('parentId');
    const after = await client.request(org.adminKey, 'GET', `/api/v1/campaigns/${root.body.id}`);
    expect(after.body).toEqual(root.body);
  });

  it('refuses a utm_campaign or external id that another campaign uses', async () => {
    const utm = `Launch-${unique()}`;
    const externalId = `ads-${unique()}`;
    await createCampaign(org.adminKey, { utmCampaign: utm, externalId });
    const sameUtm = await createCampaign(org.adminKey, { utmCampaign: utm.toLowerCase() });
    expect(sameUtm.status).toBe(409);
    expect(sameUtm.body.error.field).toBe('utmCampaign');
    const sameExternal = await createCampaign(org.adminKey, { externalId });
    expect(sameExternal.status).toBe(409);
    expect(sameExternal.body.error.field).toBe('externalId');
  });

  it('answers unknown and foreign campaign ids with 404 and changes nothing', async () => {
    const missing = randomUUID();
    for (const [method, url, body] of [
      ['GET', `/api/v1/campaigns/${missing}`, undefined],
      ['PATCH', `/api/v1/campaigns/${missing}`, { name: 'X' }],
      ['GET', `/api/v1/campaigns/${missing}/spend`, undefined],
      ['PUT', `/api/v1/campaigns/${missing}/spend/2026-01-01`, { amountMinor: 1 }],
    ] as const) {
      const response = await client.request(org.adminKey, method, url, body);
      expect(response.status).toBe(404);
    }
    const other = await createTestOrg(client.connection.db, { currency: 'EUR' });
    const theirs = await createCampaign(other.adminKey, { name: 'Theirs' });
    const id = theirs.body.id;
    expect((await client.request(org.adminKey, 'GET', `/api/v1/campaigns/${id}`)).status).toBe(404);
    expect((await client.request(org.adminKey, 'PATCH', `/api/v1/campaigns/${id}`, { name: 'Mine' })).status).toBe(404);
    const spend = await client.request(org.adminKey, 'PUT', `/api/v1/campaigns/${id}/spend/2026-01-01`, {
      amountMinor: 100,
    });
    expect(spend.status).toBe(404);
    expect((await client.request(other.adminKey, 'GET', `/api/v1/campaigns/${id}`)).body).toEqual(theirs.body);
    const theirSpend = await client.request(other.adminKey, 'GET', `/api/v1/campaigns/${id}/spend`);
    expect(theirSpend.body.items).toEqual([]);
  });

  it('records daily spend, replacing a restated day, and lists it with a total', async () => {
    const campaign = await createCampaign(org.adminKey, {});
    const url = `/api/v1/campaigns/${campaign.body.id}/spend`;
    const first = await client.request(org.adminKey, 'PUT', `${url}/2026-04-01`, { amountMinor: 1000 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ day: '2026-04-01', amountMinor: 1000, currency: 'EUR' });
    await client.request(org.adminKey, 'PUT', `${url}/2026-04-02`, { amountMinor: 2500, currency: 'EUR' });
    await client.request(org.adminKey, 'PUT', `${url}/2026-04-03`, { amountMinor: 700 });
    const restated = await client.request(org.adminKey, 'PUT', `${url}/2026-04-01`, { amountMinor: 1200 });
    expect(restated.body.amountMinor).toBe(1200);
    const all = await client.request(org.adminKey, 'GET', url);
    expect(all.status).toBe(200);
    expect(all.body.items.map((d: { day: string }) => d.day)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
    expect(all.body.total).toEqual({ amountMinor: 4400, currency: 'EUR' });
    const range = await client.request(org.adminKey, 'GET', `${url}?from=2026-04-02&to=2026-04-02`);
    expect(range.body.items).toHaveLength(1);
    expect(range.body.total.amountMinor).toBe(2500);
  });

  it('refuses spend in another currency, a bad day or range, and a currency change once spend exists', async () => {
    const campaign = await createCampaign(org.adminKey, {});
    const url = `/api/v1/campaigns/${campaign.body.id}`;
    const otherCurrency = await client.request(org.adminKey, 'PUT', `${url}/spend/2026-04-01`, {
      amountMinor: 5,
      currency: 'USD',
    });
    expect(otherCurrency.status).toBe(400);
    expect(otherCurrency.body.error.field).toBe('currency');
    const badDay = await client.request(org.adminKey, 'PUT', `${url}/spend/2026-13-01`, { amountMinor: 5 });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.field).toBe('day');
    const negative = await client.request(org.adminKey, 'PUT', `${url}/spend/2026-04-01`, { amountMinor: -5 });
    expect(negative.body.error.field).toBe('amountMinor');
    const backwards = await client.request(org.adminKey, 'GET', `${url}/spend?from=2026-04-02&to=2026-04-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.field).toBe('to');
    const beforeSpend = await client.request(org.adminKey, 'PATCH', url, { currency: 'GBP' });
    expect(beforeSpend.body.currency).toBe('GBP');
    await client.request(org.adminKey, 'PUT', `${url}/spend/2026-04-01`, { amountMinor: 5 });
    const afterSpend = await client.request(org.adminKey, 'PATCH', url, { currency: 'EUR' });
    expect(afterSpend.status).toBe(409);
    expect(afterSpend.body.error.field).toBe('currency');
  });

  it('pages through every campaign once, in order, for each sort', async () => {
    const own = await createTestOrg(client.connection.db);
    const starts = ['2026-01-05', null, '2026-01-01', '2026-01-05', null, '2026-02-01', '2026-01-01', '2026-01-05'];
    for (const [i, startsOn] of starts.entries()) {
      const created = await createCampaign(own.adminKey, { name: `C${i % 3}`, startsOn });
      expect(created.status).toBe(201);
    }
    for (const sort of ['createdAt', 'name', 'startsOn']) {
      for (const order of ['asc', 'desc']) {
        const items = await client.collectPages(own.adminKey, `/api/v1/campaigns?sort=${sort}&order=${order}`, 3);
        expect(new Set(items.map((c) => c.id)).size).toBe(starts.length);
        const all = await client.request(
          own.adminKey,
          'GET',
          `/api/v1/campaigns?sort=${sort}&order=${order}&limit=500`,
        );
        expect(items.map((c) => c.id)).toEqual(all.body.items.map((c: { id: string }) => c.id));
        if (sort === 'startsOn') {
          const keys = items.map((c) => c.startsOn ?? '9999-12-31');
          expect(keys).toEqual([...keys].sort((a, b) => (order === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
        }
      }
    }
  });

  it('filters by channel, parent and the day a campaign runs', async () => {
    const own = await createTestOrg(client.connection.db);
    const parent = await createCampaign(own.adminKey, {
      channel: 'events',
      startsOn: '2026-06-01',
      endsOn: '2026-06-30',
    });
    const child = await createCampaign(own.adminKey, {
      channel: 'email',
      parentId: parent.body.id,
      startsOn: '2026-06-15',
    });
    const open = await createCampaign(own.adminKey, { channel: 'email' });
    const ids = async (query: string) =>
      (await client.request(own.adminKey, 'GET', `/api/v1/campaigns?order=asc&${query}`)).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await ids('channel=email')).toEqual([child.body.id, open.body.id]);
    expect(await ids(`parentId=${parent.body.id}`)).toEqual([child.body.id]);
    expect(await ids('parentId=none')).toEqual([parent.body.id, open.body.id]);
    expect(await ids('activeOn=2026-06-10')).toEqual([parent.body.id, open.body.id]);
    expect(await ids('activeOn=2026-07-01')).toEqual([child.body.id, open.body.id]);
    const bad = await client.request(own.adminKey, 'GET', '/api/v1/campaigns?activeOn=June');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('activeOn');
  });
});
