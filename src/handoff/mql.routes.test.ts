import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import { DEFAULT_MQL_RULES } from './mql-definition.ts';

let client: TestClient;

beforeAll(async () => {
  client = await testClient();
});

const URL = '/api/v1/handoff/mql-definition';

const DEFINITION = {
  scoreThreshold: 30,
  requiredFields: ['email', 'companyName'],
  conditions: [
    { kind: 'country', mode: 'include', values: ['DE', 'AT'] },
    { kind: 'company_size', mode: 'exclude', min: null, max: 10 },
    { kind: 'competitor', domains: ['rival.com'] },
  ],
  scoringRules: [
    { kind: 'touch', touchType: 'form_fill', points: 10, cap: 30 },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'director' }, points: 5 },
  ],
  scoreHalfLifeDays: 14,
};

async function put(key: string, body: unknown) {
  return client.request(key, 'PUT', URL, body);
}

describe('GET /handoff/mql-definition', () => {
  it('gives every role the default as version 1 until someone saves one, writing it once', async () => {
    const org = await createTestOrg(client.connection.db);
    const rep = await org.user('sales_rep');
    const first = await client.request(rep.key, 'GET', URL);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 1,
      createdBy: null,
      scoreThreshold: DEFAULT_MQL_RULES.scoreThreshold,
      requiredFields: DEFAULT_MQL_RULES.requiredFields,
      scoreHalfLifeDays: DEFAULT_MQL_RULES.scoreHalfLifeDays,
    });
    expect(first.body.scoringRules).toEqual(DEFAULT_MQL_RULES.scoringRules);
    const again = await client.request(org.adminKey, 'GET', URL);
    expect(again.body).toEqual(first.body);
    const rows = await client.connection.db
      .selectFrom('mql_definitions')
      .select('version')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(rows).toEqual([{ version: 1 }]);
  });
});

describe('PUT /handoff/mql-definition', () => {
  it('saves each change as the next version and reads back the latest', async () => {
    const org = await createTestOrg(client.connection.db);
    const marketing = await org.user('marketing');
    const saved = await put(marketing.key, DEFINITION);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...DEFINITION, version: 2, createdBy: marketing.userId });
    const manager = await org.user('sales_manager');
    const next = await put(manager.key, { ...DEFINITION, scoreThreshold: 45 });
    expect(next.body).toMatchObject({ version: 3, scoreThreshold: 45, createdBy: manager.userId });
    const current = await client.request(marketing.key, 'GET', URL);
    expect(current.body).toEqual(next.body);
    const versions = await client.connection.db
      .selectFrom('mql_definitions')
      .select(['version', 'score_threshold'])
      .where('org_id', '=', org.orgId)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, score_threshold: DEFAULT_MQL_RULES.scoreThreshold },
      { version: 2, score_threshold: 30 },
      { version: 3, score_threshold: 45 },
    ]);
  });

  it('lets only admins, marketing and sales managers change it', async () => {
    const org = await createTestOrg(client.connection.db);
    const rep = await org.user('sales_rep');
    const refused = await put(rep.key, DEFINITION);
    expect(refused.status).toBe(403);
    const preview = await client.request(rep.key, 'POST', `${URL}/preview`, DEFINITION);
    expect(preview.status).toBe(403);
    expect((await client.request(rep.key, 'GET', URL)).body.version).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty value list', { conditions: [{ kind: 'country', mode: 'include', values: [] }] }, 'conditions.0.values'],
    ['an unknown condition kind', { conditions: [{ kind: 'zodiac', mode: 'include' }] }, 'conditions.0.kind'],
    ['an unknown mode', { conditions: [{ kind: 'free_mail', mode: 'maybe' }] }, 'conditions.0.mode'],
    [
      'a size range upside down',
      { conditions: [{ kind: 'company_size', mode: 'include', min: 500, max: 50 }] },
      'conditions.0.max',
    ],
    [
      'a size range without bounds',
      { conditions: [{ kind: 'company_size', mode: 'include', min: null, max: null }] },
      'conditions.0.min',
    ],
    [
      'a domain that is not one',
      { conditions: [{ kind: 'competitor', domains: ['not a domain'] }] },
      'conditions.0.domains.0',
    ],
    [
      'an unknown touch type',
      { scoringRules: [{ kind: 'touch', touchType: 'carrier_pigeon', points: 5 }] },
      'scoringRules.0.touchType',
    ],
    [
      'an unknown score field',
      { scoringRules: [{ kind: 'field', field: 'shoeSize', match: { op: 'equals', value: 'x' }, points: 5 }] },
      'scoringRules.0.field',
    ],
    [
      'a number where a comparison needs one',
      { scoringRules: [{ kind: 'field', field: 'title', match: { op: 'at_least', value: 'ten' }, points: 5 }] },
      'scoringRules.0.match.value',
    ],
    [
      'points beyond the range',
      { scoringRules: [{ kind: 'touch', touchType: 'webinar', points: 5000 }] },
      'scoringRules.0.points',
    ],
    ['an unknown required field', { requiredFields: ['email', 'favouriteColour'] }, 'requiredFields.1'],
    ['a required field listed twice', { requiredFields: ['email', 'email'] }, 'requiredFields.1'],
    ['a custom field the org does not have', { requiredFields: ['custom.tier'] }, 'requiredFields.0'],
    [
      'a custom condition on a field the org does not have',
      { conditions: [{ kind: 'custom', key: 'tier', mode: 'include', values: ['gold'] }] },
      'conditions.0.key',
    ],
    [
      'a field rule on a custom field the org does not have',
      { scoringRules: [{ kind: 'field', field: 'custom.tier', match: { op: 'equals', value: 'gold' }, points: 5 }] },
      'scoringRules.0.field',
    ],
    ['a half-life of zero', { scoreHalfLifeDays: 0 }, 'scoreHalfLifeDays'],
    ['a threshold that is not a whole number', { scoreThreshold: 12.5 }, 'scoreThreshold'],
    ['an unknown top-level field', { owner: 'me' }, 'owner'],
  ])('refuses %s, naming the field, and saves nothing', async (_name, change, field) => {
    const org = await createTestOrg(client.connection.db);
    for (const path of [URL, `${URL}/preview`]) {
      const response = await client.request(org.adminKey, path === URL ? 'PUT' : 'POST', path, {
        ...DEFINITION,
        ...change,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe(field);
      expect(response.body.error.message).toContain(field);
    }
    expect((await client.request(org.adminKey, 'GET', URL)).body.version).toBe(1);
  });

  it("accepts the org's own custom fields", async () => {
    const org = await createTestOrg(client.connection.db);
    await client.request(org.adminKey, 'PUT', '/api/v1/custom-fields/lead/tier', { label: 'Tier', type: 'text' });
    const saved = await put(org.adminKey, {
      ...DEFINITION,
      requiredFields: ['custom.tier'],
      conditions: [{ kind: 'custom', key: 'tier', mode: 'exclude', values: ['free'] }],
      scoringRules: [{ kind: 'field', field: 'custom.tier', match: { op: 'in', values: ['gold'] }, points: 20 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
  });

  it("keeps each org's definition its own", async () => {
    const a = await createTestOrg(client.connection.db);
    const b = await createTestOrg(client.connection.db);
    await put(a.adminKey, DEFINITION);
    await put(a.adminKey, { ...DEFINITION, scoreThreshold: 99 });
    const bView = await client.request(b.adminKey, 'GET', URL);
    expect(bView.body).toMatchObject({ version: 1, scoreThreshold: DEFAULT_MQL_RULES.scoreThreshold });
    const bSaved = await put(b.adminKey, { ...DEFINITION, scoreThreshold: 7 });
    expect(bSaved.body.version).toBe(2);
    expect((await client.request(a.adminKey, 'GET', URL)).body).toMatchObject({ version: 3, scoreThreshold: 99 });
  });
});

describe('GET /leads/:id/score', () => {
  async function setUp(): Promise<{ org: TestOrg; leadId: string }> {
    const org = await createTestOrg(client.connection.db);
    await put(org.adminKey, { ...DEFINITION, scoreThreshold: 1000 });
    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', {
      email: 'dana@acme-score.io',
      companyName: 'Acme',
      country: 'FR',
      title: 'IT Director',
    });
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${lead.body.id}/touchpoints`, {
      type: 'form_fill',
      occurredAt: new Date().toISOString(),
    });
    return { org, leadId: lead.body.id };
  }

  it('explains the score rule by rule and says which checks the lead fails', async () => {
    const { org, leadId } = await setUp();
    const response = await client.request(org.adminKey, 'GET', `/api/v1/leads/${leadId}/score`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      leadId,
      score: 15,
      storedScore: 15,
      definitionVersion: 2,
      qualifies: false,
      mqlVersion: null,
      countTouchesFrom: null,
      ignoredTouches: 0,
    });
    expect(response.body.lines).toEqual([
      { rule: 0, points: 10, description: 'form_fill: 1 touch × 10 points, halving every 14 days' },
      { rule: 1, points: 5, description: 'title contains "director" (IT Director)' },
    ]);
    expect(response.body.failed.map((f: { condition: string }) => f.condition)).toEqual([
      'scoreThreshold',
      'conditions.0',
    ]);
    expect(response.body.failed[1].why).toBe('country FR is not in the list');
  });

  it('is not found for a lead of another org, or one the rep cannot see', async () => {
    const { org, leadId } = await setUp();
    const other = await createTestOrg(client.connection.db);
    const foreign = await client.request(other.adminKey, 'GET', `/api/v1/leads/${leadId}/score`);
    expect(foreign.status).toBe(404);
    const rep = await org.user('sales_rep');
    expect((await client.request(rep.key, 'GET', `/api/v1/leads/${leadId}/score`)).status).toBe(404);
  });
});
