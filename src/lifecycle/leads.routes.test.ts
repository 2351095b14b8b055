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
});
