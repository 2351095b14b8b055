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

const unique = () => randomUUID().slice(0, 8);

describe('accounts API', () => {
  it('creates an account with a lower-cased domain and reads it back', async () => {
    const rep = await org.user('sales_rep');
    const domain = `Acme-${unique()}.IO`;
    const created = await client.request(org.adminKey, 'POST', '/api/v1/accounts', {
      name: 'Acme',
      domain,
      industry: 'Software',
      employeeCount: 120,
      country: 'DE',
      ownerId: rep.userId,
      externalId: `crm-${unique()}`,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Acme',
      domain: domain.toLowerCase(),
      employeeCount: 120,
      ownerId: rep.userId,
      custom: {},
    });
    const read = await client.request(rep.key, 'GET', `/api/v1/accounts/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'X', domain: 'https://acme.io/path' }, 'domain'],
    [{ name: 'X', employeeCount: -1 }, 'employeeCount'],
    [{ name: 'X', ownerId: 'nobody' }, 'ownerId'],
    [{ name: 'X', stage: 'won' }, 'stage'],
    [{}, 'name'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await client.request(org.adminKey, 'POST', '/api/v1/accounts', body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
  });

  it('refuses a second account with the same domain or external id', async () => {
    const domain = `dup-${unique()}.com`;
    const externalId = `ext-${unique()}`;
    await client.request(org.adminKey, 'POST', '/api/v1/accounts', { name: 'First', domain, externalId });
    const sameDomain = await client.request(org.adminKey, 'POST', '/api/v1/accounts', {
      name: 'Second',
      domain: domain.toUpperCase(),
    });
    expect(sameDomain.status).toBe(409);
    expect(sameDomain.body.error.field).toBe('domain');
    const sameExternal = await client.request(org.adminKey, 'POST', '/api/v1/accounts', { name: 'Third', externalId });
    expect(sameExternal.status).toBe(409);
    expect(sameExternal.body.error.field).toBe('externalId');
    const other = await createTestOrg(client.connection.db);
    const elsewhere = await client.request(other.adminKey, 'POST', '/api/v1/accounts', { name: 'Fine', domain });
    expect(elsewhere.status).toBe(201);
  });

  it('updates only the fields sent and checks custom values against the account fields', async () => {
    const own = await createTestOrg(client.connection.db);
    const defined = await client.request(own.adminKey, 'PUT', '/api/v1/custom-fields/account/tier', {
      label: 'Tier',
      type: 'select',
      options: ['gold', 'silver'],
    });
    expect(defined.status).toBe(200);
    await client.request(own.adminKey, 'PUT', '/api/v1/custom-fields/lead/tier', { label: 'Tier', type: 'number' });
    const created = await client.request(own.adminKey, 'POST', '/api/v1/accounts', {
      name: 'Globex',
      domain: 'globex.com',
      custom: { tier: 'gold' },
    });
    expect(created.status).toBe(201);
    const patched = await client.request(own.adminKey, 'PATCH', `/api/v1/accounts/${created.body.id}`, {
      industry: 'Energy',
      domain: 'GLOBEX.net',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Globex',
      industry: 'Energy',
      domain: 'globex.net',
      custom: { tier: 'gold' },
    });
    const badOption = await client.request(own.adminKey, 'PATCH', `/api/v1/accounts/${created.body.id}`, {
      custom: { tier: 3 },
    });
    expect(badOption.status).toBe(400);
    expect(badOption.body.error.field).toBe('custom.tier');
    const unknown = await client.request(own.adminKey, 'PATCH', `/api/v1/accounts/${created.body.id}`, {
      custom: { size: 'xl' },
    });
    expect(unknown.body.error.field).toBe('custom.size');
    const cleared = await client.request(own.adminKey, 'PATCH', `/api/v1/accounts/${created.body.id}`, {
      custom: { tier: null },
      domain: null,
    });
    expect(cleared.body).toMatchObject({ domain: null, custom: { tier: null } });
  });

  it('lets an account keep its own domain on update', async () => {
    const domain = `self-${unique()}.org`;
    const created = await client.request(org.adminKey, 'POST', '/api/v1/accounts', { name: 'Self', domain });
    const same = await client.request(org.adminKey, 'PATCH', `/api/v1/accounts/${created.body.id}`, { domain });
    expect(same.status).toBe(200);
  });

  it('answers unknown ids with 404 and malformed ids with a 400 naming id', async () => {
    const missing = randomUUID();
    expect((await client.request(org.adminKey, 'GET', `/api/v1/accounts/${missing}`)).status).toBe(404);
    const patch = await client.request(org.adminKey, 'PATCH', `/api/v1/accounts/${missing}`, { name: 'X' });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe('not_found');
    const malformed = await client.request(org.adminKey, 'GET', '/api/v1/accounts/123');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('id');
  });

  it("treats another organisation's account as unknown and changes nothing", async () => {
    const other = await createTestOrg(client.connection.db);
    const theirs = await client.request(other.adminKey, 'POST', '/api/v1/accounts', { name: 'Theirs' });
    const read = await client.request(org.adminKey, 'GET', `/api/v1/accounts/${theirs.body.id}`);
    expect(read.status).toBe(404);
    const patch = await client.request(org.adminKey, 'PATCH', `/api/v1/accounts/${theirs.body.id}`, { name: 'Mine' });
    expect(patch.status).toBe(404);
    const after = await client.request(other.adminKey, 'GET', `/api/v1/accounts/${theirs.body.id}`);
    expect(after.body).toEqual(theirs.body);
    const listed = await client.request(org.adminKey, 'GET', '/api/v1/accounts?q=Theirs');
    expect(listed.body.items).toEqual([]);
  });

  it("refuses another organisation's user as owner with a 400 naming ownerId", async () => {
    const other = await createTestOrg(client.connection.db);
    const theirRep = await other.user('sales_rep');
    const name = `Foreign owner ${unique()}`;
    const response = await client.request(org.adminKey, 'POST', '/api/v1/accounts', { name, ownerId: theirRep.userId });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('ownerId');
    const listed = await client.request(org.adminKey, 'GET', `/api/v1/accounts?q=${encodeURIComponent(name)}`);
    expect(listed.body.items).toEqual([]);
  });

  it('pages through every account once, in order, for each sort, with ties', async () => {
    // A frozen clock gives every account the same createdAt, so the id must break ties.
    const frozen = await testClient({ clock: () => new Date('2026-03-01T10:00:00Z') });
    const own = await createTestOrg(client.connection.db);
    const names = [
      'Delta',
      'alpha',
      'Bravo',
      'Alpha',
      'Charlie',
      'Bravo',
      'echo',
      'Delta',
      'Bravo',
      'Foxtrot',
      'alpha',
    ];
    for (const name of names) {
      const created = await frozen.request(own.adminKey, 'POST', '/api/v1/accounts', { name });
      expect(created.status).toBe(201);
    }
    for (const sort of ['createdAt', 'name']) {
      for (const order of ['asc', 'desc']) {
        const items = await client.collectPages(own.adminKey, `/api/v1/accounts?sort=${sort}&order=${order}`, 3);
        expect(new Set(items.map((a) => a.id)).size).toBe(names.length);
        const all = await client.request(own.adminKey, 'GET', `/api/v1/accounts?sort=${sort}&order=${order}&limit=500`);
        expect(items.map((a) => a.id)).toEqual(all.body.items.map((a: { id: string }) => a.id));
        const ids = items.map((a) => a.id);
        if (sort === 'createdAt')
          expect(ids).toEqual([...ids].sort((a, b) => (order === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
      }
    }
    await frozen.app.close();
  });

  it('filters by owner, industry, country and a name or domain search', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep');
    const post = (body: object) => client.request(own.adminKey, 'POST', '/api/v1/accounts', body);
    const a = await post({
      name: 'Initech',
      domain: 'initech.com',
      industry: 'Software',
      country: 'US',
      ownerId: rep.userId,
    });
    const b = await post({ name: 'Umbrella 100%', domain: 'umbrella.co', industry: 'Pharma', country: 'UK' });
    const c = await post({ name: 'Hooli', domain: 'initech-labs.io', industry: 'Software', country: 'US' });
    const ids = async (query: string) =>
      (await client.request(own.adminKey, 'GET', `/api/v1/accounts?sort=name&order=asc&${query}`)).body.items.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids(`ownerId=${rep.userId}`)).toEqual([a.body.id]);
    expect(await ids('ownerId=none')).toEqual([c.body.id, b.body.id]);
    expect(await ids('industry=Software')).toEqual([c.body.id, a.body.id]);
    expect(await ids('country=UK')).toEqual([b.body.id]);
    expect(await ids('q=INITECH')).toEqual([c.body.id, a.body.id]);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([b.body.id]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([b.body.id]);
    const bad = await client.request(own.adminKey, 'GET', '/api/v1/accounts?sort=size');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('sort');
  });
});
