import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import { authorize, ROUTE_RULES, routeKey, ruleFor } from '../platform/permissions.ts';
import { type Actor, ROLES, type Role } from '../shared/actor.ts';
import { listRoutes } from './build-app.ts';

// Every route the app registers, tried by every role and by nobody: the answer must match
// the rule table (401 / 403 where the rule refuses, anything else where it admits). The
// route list comes from the app itself, so a route added without a rule fails here.

type Principal = 'anonymous' | Role;
const PRINCIPALS: readonly Principal[] = ['anonymous', ...ROLES];

let client: TestClient;
let org: TestOrg;
const keys = new Map<Principal, { key: string | null; actor: Actor | null }>();

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db);
  keys.set('anonymous', { key: null, actor: null });
  const team = await org.team();
  for (const role of ROLES) {
    const user = await org.user(role, undefined, { teamId: team });
    keys.set(role, { key: user.key, actor: user.actor });
  }
  await client.app.ready();
});

// Parameter values that pass validation but name nothing, so an admitted call answers
// 400 or 404 at worst and changes nothing that matters.
const SAMPLE_PARAMS: Record<string, string> = {
  id: randomUUID(),
  day: '2026-01-05',
  kind: 'reject',
  code: 'probe_code',
  entity: 'lead',
  key: 'probe_key',
  '*': 'probe',
};

function sampleUrl(pattern: string): string {
  return pattern.replace(/:(\w+)|\*/g, (match, name: string | undefined) => SAMPLE_PARAMS[name ?? match] ?? 'x');
}

function routes(): string[] {
  return [...new Set(listRoutes(client.app).map((r) => routeKey(r.method, r.url)))].sort();
}

describe('the permission table', () => {
  it('has a rule for every registered route, and none for a route that does not exist', () => {
    const registered = routes();
    expect(registered.length).toBeGreaterThan(50);
    expect(registered.filter((route) => !ruleFor(route))).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('answers HEAD with the GET rule', () => {
    expect(routeKey('HEAD', '/api/v1/leads')).toBe('GET /api/v1/leads');
  });

  it('refuses a route it has no rule for with 500 rather than letting it through', async () => {
    expect(authorize(null, 'GET /api/v1/unknown')).toMatchObject({ ok: false, status: 500 });
    const admin = keys.get('admin')?.actor ?? null;
    expect(authorize(admin, 'GET /api/v1/unknown')).toMatchObject({ ok: false, status: 500 });
    const app = (await testClient()).app;
    app.get('/api/v1/unruled-probe', async () => ({ leaked: true }));
    const response = await app.inject({ method: 'GET', url: '/api/v1/unruled-probe' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('leaked');
  });

  it.each(PRINCIPALS)('lets %s call exactly the routes the table admits', async (who) => {
    const principal = keys.get(who);
    if (!principal) throw new Error(`no principal ${who}`);
    const outcomes: { route: string; status: number; expected: string }[] = [];
    for (const route of routes()) {
      const [method, pattern] = route.split(' ') as [string, string];
      const decision = authorize(principal.actor, route);
      const response = await client.app.inject({
        method: method as 'GET',
        url: sampleUrl(pattern),
        headers: principal.key ? { authorization: `Bearer ${principal.key}` } : {},
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      const status = response.statusCode;
      const expected = decision.ok ? 'admitted' : String(decision.status);
      const actual = decision.ok ? ([401, 403, 500].includes(status) ? String(status) : 'admitted') : String(status);
      outcomes.push({ route, status, expected: expected === actual ? 'ok' : `expected ${expected}` });
    }
    expect(outcomes.filter((o) => o.expected !== 'ok')).toEqual([]);
  });
});

describe('the role matrix', () => {
  // The rules as the issue states them, spot-checked route by route.
  const cases: [string, Principal, boolean][] = [
    ['GET /api/v1/leads', 'sales_rep', true],
    ['PATCH /api/v1/leads/:id', 'marketing', false],
    ['POST /api/v1/leads/:id/touchpoints', 'marketing', true],
    ['POST /api/v1/leads/:id/touchpoints', 'sales_rep', false],
    ['POST /api/v1/campaigns', 'marketing', true],
    ['POST /api/v1/campaigns', 'sales_manager', false],
    ['GET /api/v1/campaigns/:id/spend', 'sales_manager', true],
    ['GET /api/v1/campaigns/:id/spend', 'sales_rep', false],
    ['POST /api/v1/deals/:id/transitions', 'marketing', false],
    ['POST /api/v1/deals/:id/transitions', 'sales_rep', true],
    ['PUT /api/v1/reason-codes/:kind/:code', 'marketing', false],
    ['PUT /api/v1/deal-stages', 'sales_manager', false],
    ['POST /api/v1/users', 'sales_manager', false],
    ['POST /api/v1/invitations', 'admin', true],
    ['GET /api/v1/audit-log', 'sales_manager', false],
    ['GET /api/v1/audit-log', 'admin', true],
    ['GET /api/v1/me', 'anonymous', false],
    ['POST /api/v1/sessions', 'anonymous', true],
    ['GET /docs', 'anonymous', true],
  ];
  it.each(cases)('%s for %s: %s', (route, who, allowed) => {
    expect(authorize(keys.get(who)?.actor ?? null, route).ok).toBe(allowed);
  });
});
