import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

describe('GET /leads/duplicates', () => {
  it('lists groups by e-mail, phone and name with company, page by page', async () => {
    const org = await createTestOrg(client.connection.db);
    const create = async (body: object) => (await client.request(org.adminKey, 'POST', '/api/v1/leads', body)).body.id;
    const e1 = await create({ email: 'Jo.Ann@gmail.com' });
    const e2 = await create({ email: 'joann+x@gmail.com' });
    const p1 = await create({ phone: '+1 415 555 0100' });
    const p2 = await create({ phone: '(415) 555-0100', country: 'US' });
    const n1 = await create({ firstName: 'Max', lastName: 'Mustermann', companyName: 'Muster GmbH' });
    const n2 = await create({ firstName: ' max', lastName: 'MUSTERMANN ', companyName: 'muster gmbh' });
    await create({ firstName: 'Max', lastName: 'Mustermann', companyName: 'Other AG' });
    const all = await client.request(org.adminKey, 'GET', '/api/v1/leads/duplicates');
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([
      { reason: 'email', key: 'joann@gmail.com', leadIds: [e1, e2], count: 2 },
      { reason: 'name_company', key: 'max mustermann @ muster gmbh', leadIds: [n1, n2], count: 2 },
      { reason: 'phone', key: '+14155550100', leadIds: [p1, p2], count: 2 },
    ]);
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: unknown[]; nextCursor: string | null } } = await client.request(
        org.adminKey,
        'GET',
        `/api/v1/leads/duplicates?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items);
    const phones = await client.request(org.adminKey, 'GET', '/api/v1/leads/duplicates?reason=phone&order=desc');
    expect(phones.body.items.map((g: { reason: string }) => g.reason)).toEqual(['phone']);
  });
});
