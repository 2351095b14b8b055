import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;
let org: TestOrg;

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db);
});

describe('leads API', () => {
  it('creates a lead as an inquiry with its first stage event', async () => {
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', {
      email: 'Ana@Acme.io',
      firstName: 'Ana',
      companyName: 'Acme',
    });
    expect(created.status).toBe(201);
    expect(created.body.stage).toBe('inquiry');
    const events = await client.request(org.adminKey, 'GET', `/api/v1/leads/${created.body.id}/events`);
    expect(events.body.items).toEqual([expect.objectContaining({ fromStage: null, toStage: 'inquiry' })]);
  });

  it('names the field of a validation error', async () => {
    const response = await client.request(org.adminKey, 'POST', '/api/v1/leads', { email: 'not-an-email' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field: 'email' });
  });

  it('refuses a stage in a plain update', async () => {
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Bo' });
    const response = await client.request(org.adminKey, 'PATCH', `/api/v1/leads/${created.body.id}`, { stage: 'won' });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('stage');
  });

  it('answers a forbidden transition with 422 and changes nothing', async () => {
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Cy' });
    const response = await client.request(org.adminKey, 'POST', `/api/v1/leads/${created.body.id}/transitions`, {
      to: 'sal',
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'invalid_transition', field: 'to' });
    const after = await client.request(org.adminKey, 'GET', `/api/v1/leads/${created.body.id}`);
    expect(after.body.stage).toBe('inquiry');
  });

  it('pages through every lead once, in order, for each sort', async () => {
    const own = await createTestOrg(client.connection.db);
    // Scores come from the default MQL definition's title rules: none 0, Director 5, CEO 10.
    const scores = [5, 3, 9, 3, 1, 7, 3, 8, 2, 6, 4, 0, 3, 5, 9, 1, 2, 7, 3, 6, 5, 4];
    const titles = [null, 'Director', 'CEO'];
    for (const [i, score] of scores.entries()) {
      await client.request(own.adminKey, 'POST', '/api/v1/leads', { lastName: `L${i % 4}`, title: titles[score % 3] });
    }
    for (const sort of ['createdAt', 'score', 'lastName', 'updatedAt']) {
      for (const order of ['asc', 'desc']) {
        const seen: { id: string; score: number }[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await client.request(own.adminKey, 'GET', `/api/v1/leads?${query}`);
          expect(page.status).toBe(200);
          seen.push(...page.body.items);
          cursor = page.body.nextCursor;
          pages += 1;
        } while (cursor && pages < 20);
        expect(new Set(seen.map((l) => l.id)).size).toBe(scores.length);
        if (sort === 'score') {
          const values = seen.map((l) => l.score);
          const sorted = [...values].sort((a, b) => (order === 'asc' ? a - b : b - a));
          expect(values).toEqual(sorted);
        }
      }
    }
  });

  it('refuses a forged cursor or one made for another sort, naming the cursor', async () => {
    for (let i = 0; i < 3; i++) await client.request(org.adminKey, 'POST', '/api/v1/leads', { lastName: `S${i}` });
    const first = await client.request(org.adminKey, 'GET', '/api/v1/leads?sort=score&limit=1');
    const cursor = first.body.nextCursor;
    const otherSort = await client.request(
      org.adminKey,
      'GET',
      `/api/v1/leads?sort=createdAt&limit=1&cursor=${cursor}`,
    );
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.error.field).toBe('cursor');
    const forged = Buffer.from(
      JSON.stringify(['not a number', '0190a0a0-0000-7000-8000-000000000000', 'score:desc']),
    ).toString('base64url');
    for (const bad of ['garbage', forged]) {
      const response = await client.request(org.adminKey, 'GET', `/api/v1/leads?sort=score&cursor=${bad}`);
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe('cursor');
    }
  });

  it('filters by stage, owner, source and created range', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep');
    const a = await client.request(own.adminKey, 'POST', '/api/v1/leads', {
      ownerId: rep.userId,
      sourceChannel: 'events',
    });
    await client.request(own.adminKey, 'POST', '/api/v1/leads', { sourceChannel: 'display' });
    await client.request(own.adminKey, 'POST', `/api/v1/leads/${a.body.id}/transitions`, { to: 'mql' });
    const byStage = await client.request(own.adminKey, 'GET', '/api/v1/leads?stage=mql,sal');
    expect(byStage.body.items.map((l: { id: string }) => l.id)).toEqual([a.body.id]);
    const byOwner = await client.request(own.adminKey, 'GET', `/api/v1/leads?ownerId=${rep.userId}`);
    expect(byOwner.body.items).toHaveLength(1);
    const unowned = await client.request(own.adminKey, 'GET', '/api/v1/leads?ownerId=none');
    expect(unowned.body.items).toHaveLength(1);
    const bySource = await client.request(own.adminKey, 'GET', '/api/v1/leads?source=display');
    expect(bySource.body.items).toHaveLength(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await client.request(own.adminKey, 'GET', `/api/v1/leads?createdFrom=${encodeURIComponent(future)}`);
    expect(none.body.items).toHaveLength(0);
    const badStage = await client.request(own.adminKey, 'GET', '/api/v1/leads?stage=hot');
    expect(badStage.status).toBe(400);
    expect(badStage.body.error.field).toBe('stage.0');
  });

  it('refuses a request without a valid API key', async () => {
    expect((await client.request(null, 'GET', '/api/v1/leads')).status).toBe(401);
    const wrong = await client.request(`baton_${'x'.repeat(43)}`, 'GET', '/api/v1/leads');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
  });

  it('serves a timeline of touches, stage changes and deal events in time order', async () => {
    const created = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Tim' });
    const id = created.body.id;
    for (const to of ['mql', 'sal', 'sql'])
      await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, { to });
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, {
      to: 'opportunity',
      deal: { amountMinor: 10 },
    });
    const timeline = await client.request(org.adminKey, 'GET', `/api/v1/leads/${id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((i: { kind: string; toStage?: string }) => `${i.kind}:${i.toStage}`)).toEqual([
      'stage_change:inquiry',
      'stage_change:mql',
      'stage_change:sal',
      'stage_change:sql',
      'stage_change:opportunity',
      'deal_stage_change:discovery',
    ]);
    const times = timeline.body.items.map((i: { occurredAt: string }) => i.occurredAt);
    expect([...times].sort()).toEqual(times);
  });

  it('publishes an OpenAPI 3.1 document without authentication', async () => {
    const doc = await client.request(null, 'GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/leads/{id}/transitions');
    const health = await client.request(null, 'GET', '/healthz');
    expect(health.body).toEqual({ ok: true });
  });
});
