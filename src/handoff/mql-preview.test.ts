import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import type { LeadId } from '../shared/ids.ts';
import type { MqlDefinitionInput, MqlPreview } from './mql.schema.ts';
import { loadQualificationRow } from './mql.store.ts';
import { type MqlRules, mqlChecks } from './mql-definition.ts';
import { assessLead } from './qualify-lead.ts';

// The preview is SQL; the rules are TypeScript. This file builds an org with varied leads
// (inside and outside the 30-day window, with accounts, custom values, old and new touches,
// a recycled lead) and checks that the preview's counts for several drafts equal counts
// made lead by lead with the pure rules, and a few that are known by construction.

const DAY = 86_400_000;
const NOW = new Date('2026-03-02T15:30:00.000Z');
let now = NOW;
let client: TestClient;
let org: TestOrg;
const inWindow: string[] = [];

// A small deterministic generator, so the data is varied but the same on every run.
let seed = 7;
function pick<T>(values: readonly T[]): T {
  seed = (seed * 48_271) % 2_147_483_647;
  return values[seed % values.length] as T;
}

async function ok(method: 'POST' | 'PUT', url: string, body: unknown) {
  const response = await client.request(org.adminKey, method, url, body);
  if (response.status >= 300) throw new Error(`${method} ${url}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const NEVER: MqlDefinitionInput = {
  scoreThreshold: 100_000,
  requiredFields: [],
  conditions: [],
  scoringRules: [],
  scoreHalfLifeDays: 30,
};

beforeAll(async () => {
  client = await testClient({ clock: () => now });
  org = await createTestOrg(client.connection.db);
  await ok('PUT', '/api/v1/handoff/mql-definition', NEVER);
  await ok('PUT', '/api/v1/custom-fields/lead/tier', { label: 'Tier', type: 'text' });
  await ok('PUT', '/api/v1/custom-fields/lead/seats', { label: 'Seats', type: 'number' });
  const accounts: (string | null)[] = [null];
  for (const [industry, employeeCount] of [
    ['software', 5],
    ['software', 250],
    ['healthcare', 1200],
    [null, null],
  ] as const) {
    accounts.push((await ok('POST', '/api/v1/accounts', { name: `A ${employeeCount}`, industry, employeeCount })).id);
  }
  const domains = ['acme.io', 'gmail.com', 'yahoo.co.uk', 'rival.com', 'eu.rival.com', 'blocked.io', 'Beta.Org'];
  const ages = [0, 1, 3.4, 6.25, 12, 29.9, 31, 45];
  for (let i = 0; i < 40; i++) {
    const age = pick(ages);
    now = new Date(NOW.getTime() - age * DAY);
    const lead = await ok('POST', '/api/v1/leads', {
      email: pick([null, `p${i}@${pick(domains)}`, `p${i}@${pick(domains)}`]),
      companyName: pick([null, 'Acme', ' ']),
      country: pick([null, 'DE', 'at', 'FR', ' de ', 'US']),
      title: pick([null, 'CEO', 'Sales Director', 'Head of IT', 'intern']),
      accountId: pick(accounts),
      custom: pick([{}, { tier: 'gold' }, { tier: 'Platinum', seats: 40 }, { seats: 3 }, { tier: 'free', seats: 12 }]),
    });
    if (age <= 30) inWindow.push(lead.id);
    for (let t = 0; t < pick([0, 1, 2, 3]); t++) {
      const touchAge = pick([0, 0.5, 2, 9.75, 20]) * DAY;
      if (touchAge > age * DAY) continue;
      now = new Date(NOW.getTime() - touchAge);
      await ok('POST', `/api/v1/leads/${lead.id}/touchpoints`, {
        type: pick(['form_fill', 'webinar', 'web_visit', 'email_click']),
        occurredAt: now.toISOString(),
      });
    }
  }
  // One lead of the window became an MQL and was recycled; only its later touch counts.
  now = new Date(NOW.getTime() - 5 * DAY);
  const recycled = await ok('POST', '/api/v1/leads', { email: 'r@acme.io', companyName: 'R', country: 'NL' });
  inWindow.push(recycled.id);
  await ok('POST', `/api/v1/leads/${recycled.id}/touchpoints`, { type: 'webinar', occurredAt: now.toISOString() });
  await ok('POST', `/api/v1/leads/${recycled.id}/transitions`, { to: 'mql' });
  now = new Date(NOW.getTime() - 4 * DAY);
  await ok('POST', `/api/v1/leads/${recycled.id}/transitions`, { to: 'recycled', reasonCode: 'timing' });
  now = new Date(NOW.getTime() - 2 * DAY);
  await ok('POST', `/api/v1/leads/${recycled.id}/touchpoints`, { type: 'form_fill', occurredAt: now.toISOString() });
  now = NOW;
}, 120_000);

const EVERYTHING: MqlDefinitionInput = {
  scoreThreshold: 12,
  requiredFields: ['email', 'companyName', 'custom.seats', 'accountId'],
  conditions: [
    { kind: 'country', mode: 'include', values: ['DE', 'AT'] },
    { kind: 'company_size', mode: 'exclude', min: null, max: 10 },
    { kind: 'free_mail', mode: 'exclude' },
    { kind: 'competitor', domains: ['rival.com'] },
    { kind: 'email_domain', mode: 'exclude', values: ['blocked.io'] },
    { kind: 'custom', key: 'tier', mode: 'include', values: ['gold', 'platinum'] },
  ],
  scoringRules: [
    { kind: 'touch', touchType: 'form_fill', points: 10, cap: 15 },
    { kind: 'touch', touchType: 'webinar', points: 7 },
    { kind: 'touch', touchType: 'web_visit', points: -3, cap: 4 },
    { kind: 'touch', touchType: 'email_click', points: 3, cap: 0 },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'DIRECTOR' }, points: 5 },
    { kind: 'field', field: 'title', match: { op: 'equals', value: 'ceo' }, points: 9 },
    { kind: 'field', field: 'country', match: { op: 'in', values: ['de', 'AT'] }, points: 2 },
    { kind: 'field', field: 'emailDomain', match: { op: 'equals', value: 'beta.org' }, points: 4 },
    { kind: 'field', field: 'account.industry', match: { op: 'equals', value: 'Software' }, points: 3 },
    { kind: 'field', field: 'account.employeeCount', match: { op: 'at_least', value: 250 }, points: 6 },
    { kind: 'field', field: 'account.employeeCount', match: { op: 'below', value: 10 }, points: -4 },
    { kind: 'field', field: 'custom.seats', match: { op: 'at_least', value: 12 }, points: 5 },
    { kind: 'field', field: 'custom.tier', match: { op: 'in', values: ['platinum'] }, points: 1 },
    { kind: 'field', field: 'companyName', match: { op: 'contains', value: 'acm' }, points: 1 },
  ],
  scoreHalfLifeDays: 7,
};

const LENIENT: MqlDefinitionInput = {
  scoreThreshold: 0,
  requiredFields: [],
  conditions: [],
  scoringRules: [],
  scoreHalfLifeDays: 30,
};

const INVERTED: MqlDefinitionInput = {
  scoreThreshold: 3,
  requiredFields: ['title', 'country'],
  conditions: [
    { kind: 'free_mail', mode: 'include' },
    { kind: 'country', mode: 'exclude', values: ['us'] },
    { kind: 'company_size', mode: 'include', min: 100, max: 1200 },
    { kind: 'email_domain', mode: 'include', values: ['rival.com', 'gmail.com'] },
  ],
  scoringRules: [{ kind: 'touch', touchType: 'webinar', points: 4, cap: 6 }],
  scoreHalfLifeDays: 1,
};

async function preview(draft: MqlDefinitionInput): Promise<MqlPreview> {
  const response = await client.request(org.adminKey, 'POST', '/api/v1/handoff/mql-definition/preview', draft);
  expect(response.status).toBe(200);
  return response.body;
}

// The same counts, lead by lead, with the pure rules over facts read one lead at a time.
async function countedByRules(rules: MqlRules): Promise<Omit<MqlPreview, 'from' | 'to'>> {
  const checks = mqlChecks(rules).map((check) => ({ ...check, passed: 0 }));
  let passAllConditions = 0;
  let wouldBeMql = 0;
  for (const id of inWindow) {
    const loaded = await loadQualificationRow(client.connection.db, org.orgId, id as LeadId, { forUpdate: false });
    if (!loaded) throw new Error(`lead ${id} is missing`);
    const { evaluation } = assessLead({ version: 0, rules, createdBy: null, createdAt: NOW }, loaded, NOW);
    const failed = new Set(evaluation.failed.map((f) => f.condition));
    for (const check of checks) if (!failed.has(check.condition)) check.passed += 1;
    if ([...failed].every((c) => c === 'scoreThreshold')) passAllConditions += 1;
    if (evaluation.qualifies) wouldBeMql += 1;
  }
  return { total: inWindow.length, checks, passAllConditions, wouldBeMql, becameMql: 1 };
}

describe('POST /handoff/mql-definition/preview', () => {
  it.each<[string, MqlDefinitionInput]>([
    ['every condition kind and scoring rule', EVERYTHING],
    ['the reverse modes', INVERTED],
    ['a definition with nothing in it', LENIENT],
  ])('counts %s exactly as the rules do, lead by lead', async (_name, draft) => {
    const result = await preview(draft);
    expect(result.to).toBe(NOW.toISOString());
    expect(result.from).toBe(new Date(NOW.getTime() - 30 * DAY).toISOString());
    const { total, checks, passAllConditions, wouldBeMql, becameMql } = result;
    expect({ total, checks, passAllConditions, wouldBeMql, becameMql }).toEqual(await countedByRules(draft));
  });

  it('is not vacuous: the data exercises every check both ways', async () => {
    const result = await preview(EVERYTHING);
    expect(result.total).toBeGreaterThan(20);
    for (const check of result.checks) {
      expect({ check: check.condition, some: check.passed > 0, notAll: check.passed < result.total }).toEqual({
        check: check.condition,
        some: true,
        notAll: true,
      });
    }
    const lenient = await preview(LENIENT);
    expect(lenient).toMatchObject({ total: inWindow.length, passAllConditions: inWindow.length });
    expect(lenient.wouldBeMql).toBe(inWindow.length);
  });

  it("counts only the recycled lead's touches since it was recycled", async () => {
    // The only lead from NL: its webinar came before it was recycled, its form fill after.
    const onlyNl = (touchType: 'webinar' | 'form_fill') =>
      preview({
        ...LENIENT,
        scoreThreshold: 1,
        conditions: [{ kind: 'country', mode: 'include', values: ['NL'] }],
        scoringRules: [{ kind: 'touch', touchType, points: 100 }],
      });
    expect(await onlyNl('webinar')).toMatchObject({ passAllConditions: 1, wouldBeMql: 0, becameMql: 1 });
    expect(await onlyNl('form_fill')).toMatchObject({ passAllConditions: 1, wouldBeMql: 1 });
  });
});
