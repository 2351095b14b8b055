import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

const DEFAULT_KEYS = ['discovery', 'demo', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];

async function stagesOf(org: TestOrg): Promise<{ key: string; label: string; kind: string; probability: number }[]> {
  const response = await client.request(org.adminKey, 'GET', '/api/v1/deal-stages');
  expect(response.status).toBe(200);
  return response.body.stages;
}

describe('reason codes API', () => {
  it('lists the default codes to every role, by kind and position', async () => {
    const org = await createTestOrg(client.connection.db);
    const rep = await org.user('sales_rep');
    const all = await client.request(rep.key, 'GET', '/api/v1/reason-codes');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(10);
    const loss = await client.request(rep.key, 'GET', '/api/v1/reason-codes?kind=loss');
    expect(loss.body.items.every((c: { kind: string }) => c.kind === 'loss')).toBe(true);
    expect(loss.body.items[0]).toMatchObject({ kind: 'loss', code: 'price', active: true });
    const bad = await client.request(rep.key, 'GET', '/api/v1/reason-codes?kind=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('kind');
  });

  it('adds a code at the end of its kind and changes a label without moving it', async () => {
    const org = await createTestOrg(client.connection.db);
    const added = await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/loss/legal', {
      label: 'Legal review',
    });
    expect(added.status).toBe(200);
    const loss = (await client.request(org.adminKey, 'GET', '/api/v1/reason-codes?kind=loss')).body.items;
    expect(loss.at(-1)).toEqual(added.body);
    expect(added.body).toMatchObject({ code: 'legal', active: true });
    const relabelled = await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/loss/price', {
      label: 'Too pricey',
    });
    const before = loss.find((c: { code: string }) => c.code === 'price');
    expect(relabelled.body).toEqual({ ...before, label: 'Too pricey' });
    const other = await createTestOrg(client.connection.db);
    const theirs = (await client.request(other.adminKey, 'GET', '/api/v1/reason-codes?kind=loss')).body.items;
    expect(theirs.map((c: { code: string }) => c.code)).not.toContain('legal');
    expect(theirs.find((c: { code: string }) => c.code === 'price').label).toBe('Price too high');
  });

  it('deactivates a code: history keeps it, new transitions cannot use it', async () => {
    const org = await createTestOrg(client.connection.db);
    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Old' });
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${lead.body.id}/transitions`, {
      to: 'disqualified',
      reasonCode: 'no_budget',
      note: 'no budget this year',
    });
    const off = await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/reject/no_budget', {
      label: 'No budget',
      active: false,
    });
    expect(off.body.active).toBe(false);
    const listed = await client.request(org.adminKey, 'GET', '/api/v1/reason-codes?kind=reject');
    expect(listed.body.items).toContainEqual(expect.objectContaining({ code: 'no_budget', active: false }));
    const events = await client.request(org.adminKey, 'GET', `/api/v1/leads/${lead.body.id}/events`);
    expect(events.body.items.at(-1)).toMatchObject({ toStage: 'disqualified', reasonCode: 'no_budget' });
    const fresh = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'New' });
    const refused = await client.request(org.adminKey, 'POST', `/api/v1/leads/${fresh.body.id}/transitions`, {
      to: 'disqualified',
      reasonCode: 'no_budget',
      note: 'no budget this year',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('reasonCode');
  });

  it('refuses a malformed code or label with a 400 naming it, and non-admins with 403', async () => {
    const org = await createTestOrg(client.connection.db);
    const badCode = await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/loss/Too%20Expensive', {
      label: 'x',
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.field).toBe('code');
    const badKind = await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/nope/price', { label: 'x' });
    expect(badKind.body.error.field).toBe('kind');
    const noLabel = await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/loss/price', { active: false });
    expect(noLabel.body.error.field).toBe('label');
    for (const role of ['sales_manager', 'marketing', 'sales_rep'] as const) {
      const user = await org.user(role);
      const response = await client.request(user.key, 'PUT', '/api/v1/reason-codes/loss/price', {
        label: 'Mine',
        active: false,
      });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    const loss = (await client.request(org.adminKey, 'GET', '/api/v1/reason-codes?kind=loss')).body.items;
    expect(loss.find((c: { code: string }) => c.code === 'price')).toMatchObject({
      label: 'Price too high',
      active: true,
    });
  });
});

describe('deal stages API', () => {
  it('replaces the ordered list: renames, reorders, adds and drops unused stages', async () => {
    const org = await createTestOrg(client.connection.db);
    expect((await stagesOf(org)).map((s) => s.key)).toEqual(DEFAULT_KEYS);
    const stages = [
      { key: 'qualify', label: 'Qualify', kind: 'open', probability: 5 },
      { key: 'proposal', label: 'Proposal sent', kind: 'open', probability: 40 },
      { key: 'discovery', label: 'Discovery', kind: 'open', probability: 20 },
      { key: 'closed_won', label: 'Won', kind: 'won', probability: 100 },
      { key: 'closed_lost', label: 'Lost', kind: 'lost', probability: 0 },
    ];
    const replaced = await client.request(org.adminKey, 'PUT', '/api/v1/deal-stages', { stages });
    expect(replaced.status).toBe(200);
    expect(replaced.body.stages).toEqual(stages);
    expect(await stagesOf(org)).toEqual(stages);
    const deal = await client.request(org.adminKey, 'POST', '/api/v1/deals', { name: 'New' });
    expect(deal.body.stage).toBe('qualify');
    const other = await createTestOrg(client.connection.db);
    expect((await stagesOf(other)).map((s) => s.key)).toEqual(DEFAULT_KEYS);
  });

  it.each([
    [[{ key: 'open', label: 'Open', kind: 'open', probability: 10 }], 'exactly one won'],
    [
      [
        { key: 'a', label: 'A', kind: 'open', probability: 10 },
        { key: 'a', label: 'A again', kind: 'open', probability: 20 },
        { key: 'w', label: 'W', kind: 'won', probability: 100 },
        { key: 'l', label: 'L', kind: 'lost', probability: 0 },
      ],
      'unique',
    ],
    [[], 'stages'],
  ])('refuses an invalid list with a 400 naming stages (%#)', async (stages, message) => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'PUT', '/api/v1/deal-stages', { stages });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('stages');
    expect(response.body.error.message).toContain(message);
    expect((await stagesOf(org)).map((s) => s.key)).toEqual(DEFAULT_KEYS);
  });

  it('names the stage field that fails its schema', async () => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'PUT', '/api/v1/deal-stages', {
      stages: [{ key: 'a', label: 'A', kind: 'open', probability: 120 }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('stages.0.probability');
  });

  it('refuses with 409 to remove a stage, or change its kind, while deals are in it', async () => {
    const org = await createTestOrg(client.connection.db);
    await client.request(org.adminKey, 'POST', '/api/v1/deals', { name: 'Stuck', stage: 'demo' });
    const current = await stagesOf(org);
    const withoutDemo = current.filter((s) => s.key !== 'demo');
    const removed = await client.request(org.adminKey, 'PUT', '/api/v1/deal-stages', { stages: withoutDemo });
    expect(removed.status).toBe(409);
    expect(removed.body.error).toMatchObject({ code: 'conflict', field: 'stages' });
    expect(removed.body.error.message).toContain('demo (1 deals)');
    const rekinded = current.map((s) =>
      s.key === 'demo' ? { ...s, kind: 'won' } : s.key === 'closed_won' ? { ...s, kind: 'open' } : s,
    );
    const changed = await client.request(org.adminKey, 'PUT', '/api/v1/deal-stages', { stages: rekinded });
    expect(changed.status).toBe(409);
    expect(await stagesOf(org)).toEqual(current);
    const unusedDropped = current.filter((s) => s.key !== 'negotiation');
    const ok = await client.request(org.adminKey, 'PUT', '/api/v1/deal-stages', { stages: unusedDropped });
    expect(ok.status).toBe(200);
  });

  it('lets every role read the stages and only an admin replace them', async () => {
    const org = await createTestOrg(client.connection.db);
    const manager = await org.user('sales_manager');
    const read = await client.request(manager.key, 'GET', '/api/v1/deal-stages');
    expect(read.status).toBe(200);
    const response = await client.request(manager.key, 'PUT', '/api/v1/deal-stages', {
      stages: read.body.stages.slice(1),
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect((await stagesOf(org)).map((s) => s.key)).toEqual(DEFAULT_KEYS);
  });
});

describe('custom fields API', () => {
  it('defines fields per entity and lists them by entity', async () => {
    const org = await createTestOrg(client.connection.db);
    const tier = await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/lead/tier', {
      label: 'Tier',
      type: 'select',
      options: ['gold', 'silver'],
    });
    expect(tier.status).toBe(200);
    expect(tier.body).toEqual({
      entity: 'lead',
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: ['gold', 'silver'],
    });
    await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/deal/region', { label: 'Region', type: 'text' });
    const rep = await org.user('sales_rep');
    const all = await client.request(rep.key, 'GET', '/api/v1/custom-fields');
    expect(all.body.items.map((f: { entity: string; key: string }) => `${f.entity}.${f.key}`)).toEqual([
      'deal.region',
      'lead.tier',
    ]);
    const leadOnly = await client.request(rep.key, 'GET', '/api/v1/custom-fields?entity=lead');
    expect(leadOnly.body.items).toEqual([tier.body]);
    const bad = await client.request(rep.key, 'GET', '/api/v1/custom-fields?entity=campaign');
    expect(bad.body.error.field).toBe('entity');
    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { custom: { tier: 'bronze' } });
    expect(lead.body.error.field).toBe('custom.tier');
    const relabelled = await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/lead/tier', {
      label: 'Customer tier',
      type: 'select',
      options: ['gold', 'silver', 'bronze'],
    });
    expect(relabelled.body.label).toBe('Customer tier');
    const accepted = await client.request(org.adminKey, 'POST', '/api/v1/leads', { custom: { tier: 'bronze' } });
    expect(accepted.status).toBe(201);
    const other = await createTestOrg(client.connection.db);
    expect((await client.request(other.adminKey, 'GET', '/api/v1/custom-fields')).body.items).toEqual([]);
  });

  it.each([
    [{ label: 'Tier', type: 'select' }, 400, 'options'],
    [{ label: 'Tier', type: 'text', options: ['a'] }, 400, 'options'],
    [{ label: 'Tier', type: 'select', options: ['a', 'a'] }, 400, 'options'],
    [{ label: 'Tier', type: 'colour' }, 400, 'type'],
    [{ type: 'text' }, 400, 'label'],
  ])('refuses %j with %i naming %s', async (body, status, field) => {
    const org = await createTestOrg(client.connection.db);
    const response = await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/account/tier', body);
    expect(response.status).toBe(status);
    expect(response.body.error.field).toBe(field);
  });

  it("refuses to change a field's type, a malformed key, and non-admins", async () => {
    const org = await createTestOrg(client.connection.db);
    await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/account/seats', {
      label: 'Seats',
      type: 'number',
    });
    const retyped = await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/account/seats', {
      label: 'Seats',
      type: 'text',
    });
    expect(retyped.status).toBe(409);
    expect(retyped.body.error.field).toBe('type');
    const badKey = await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/account/Seats', {
      label: 'Seats',
      type: 'text',
    });
    expect(badKey.body.error.field).toBe('key');
    const marketing = await org.user('marketing');
    const forbidden = await client.request(marketing.key, 'PUT', '/api/v1/custom-fields/account/seats', {
      label: 'Mine',
      type: 'number',
    });
    expect(forbidden.status).toBe(403);
    const listed = await client.request(marketing.key, 'GET', '/api/v1/custom-fields?entity=account');
    expect(listed.body.items).toEqual([
      { entity: 'account', key: 'seats', label: 'Seats', type: 'number', options: null },
    ]);
  });
});
