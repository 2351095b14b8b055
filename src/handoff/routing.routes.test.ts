import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;
const RULES = '/api/v1/handoff/routing-rules';
const REPS = '/api/v1/handoff/routing-reps';
const PREVIEW = '/api/v1/handoff/routing/preview';

beforeAll(async () => {
  client = await testClient();
});

async function orgWithTeam(repNames: readonly string[] = ['Rae']) {
  const org = await createTestOrg(client.connection.db);
  const teamId = await org.team(`Team ${repNames.join(' ')}`);
  const reps = [];
  for (const name of repNames) reps.push(await org.user('sales_rep', name, { teamId }));
  return { org, teamId, reps };
}

async function count(org: TestOrg, table: 'lead_assignments' | 'handoff_settings' | 'routing_rules') {
  const row = await client.connection.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', org.orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('routing rules API', () => {
  it('saves the ordered rules in one go, reads them back and keeps ids passed back', async () => {
    const { org, teamId } = await orgWithTeam();
    expect((await client.request(org.adminKey, 'GET', RULES)).body).toEqual({ rules: [], defaultsApply: true });
    const rules = [
      { kind: 'account_owner' },
      { kind: 'territory', name: 'DACH', teamId, match: { countries: ['DE', 'AT'], minEmployees: 50 } },
      { kind: 'round_robin', teamId, name: 'Everyone else' },
      { kind: 'fallback_queue' },
    ];
    const saved = await client.request(org.adminKey, 'PUT', RULES, { rules });
    expect(saved.status).toBe(200);
    expect(saved.body.defaultsApply).toBe(false);
    expect(saved.body.rules).toMatchObject([
      { kind: 'account_owner', name: 'Account owner', teamId: null, match: {} },
      { kind: 'territory', name: 'DACH', teamId, match: { countries: ['DE', 'AT'], minEmployees: 50 } },
      { kind: 'round_robin', name: 'Everyone else', teamId },
      { kind: 'fallback_queue', name: 'Fallback queue', teamId: null },
    ]);
    expect((await client.request(org.adminKey, 'GET', RULES)).body).toEqual(saved.body);

    const [owner, dach] = saved.body.rules;
    const reordered = await client.request(org.adminKey, 'PUT', RULES, {
      rules: [
        { id: dach.id, kind: 'territory', name: 'DACH', teamId, match: dach.match },
        { id: owner.id, kind: 'account_owner' },
      ],
    });
    expect(reordered.body.rules.map((r: { id: string }) => r.id)).toEqual([dach.id, owner.id]);
    expect((await client.request(org.adminKey, 'PUT', RULES, { rules: [] })).body).toEqual({
      rules: [],
      defaultsApply: true,
    });
  });

  it.each([
    [
      'a round-robin rule without a team',
      (t: string) => [{ kind: 'round_robin', teamId: t }, { kind: 'round_robin' }],
      'rules.1.teamId',
    ],
    [
      'an unknown team',
      () => [{ kind: 'account_owner' }, { kind: 'round_robin', teamId: '0190aaaa-0000-7000-8000-000000000000' }],
      'rules.1.teamId',
    ],
    ['a fallback queue before the end', () => [{ kind: 'fallback_queue' }, { kind: 'account_owner' }], 'rules.0'],
    [
      'an empty employee range',
      (t: string) => [{ kind: 'territory', name: 'Mid', teamId: t, match: { minEmployees: 500, maxEmployees: 500 } }],
      'rules.0.match.maxEmployees',
    ],
    ['a territory without a name', (t: string) => [{ kind: 'territory', teamId: t, match: {} }], 'rules.0.name'],
    [
      'an unknown criterion',
      (t: string) => [{ kind: 'territory', name: 'X', teamId: t, match: { city: ['Rome'] } }],
      'rules.0.match.city',
    ],
    [
      'an id that is not a saved rule',
      () => [{ kind: 'account_owner', id: '0190aaaa-0000-7000-8000-000000000001' }],
      'rules.0.id',
    ],
  ])('refuses %s with a 400 naming the field, and keeps the saved rules', async (_case, rules, field) => {
    const { org, teamId } = await orgWithTeam();
    await client.request(org.adminKey, 'PUT', RULES, { rules: [{ kind: 'account_owner' }] });
    const refused = await client.request(org.adminKey, 'PUT', RULES, { rules: rules(teamId) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe(field);
    expect(refused.body.error.message).toContain(field);
    expect((await client.request(org.adminKey, 'GET', RULES)).body.rules).toHaveLength(1);
  });

  it('lets sales managers edit routing, reps only read it, and keeps each org to its own rules', async () => {
    const { org, teamId, reps } = await orgWithTeam();
    const manager = await org.user('sales_manager', 'Mia', { teamId });
    const rep = reps[0]?.key ?? '';
    const rules = { rules: [{ kind: 'round_robin', teamId }] };
    expect((await client.request(rep, 'PUT', RULES, rules)).status).toBe(403);
    expect((await client.request(rep, 'PUT', `${REPS}/${reps[0]?.userId}`, { weight: 3 })).status).toBe(403);
    expect((await client.request(manager.key, 'PUT', RULES, rules)).status).toBe(200);
    expect((await client.request(rep, 'GET', RULES)).body.rules).toHaveLength(1);

    const other = await orgWithTeam();
    expect((await client.request(other.org.adminKey, 'GET', RULES)).body).toEqual({ rules: [], defaultsApply: true });
    const foreign = await client.request(other.org.adminKey, 'PUT', RULES, rules);
    expect(foreign.body.error.field).toBe('rules.0.teamId');
    const foreignRep = await client.request(other.org.adminKey, 'PUT', `${REPS}/${reps[0]?.userId}`, { weight: 3 });
    expect(foreignRep.status).toBe(404);
    expect(await count(other.org, 'routing_rules')).toBe(0);
  });
});

describe('routing reps API', () => {
  it('lists active sales people with their defaults and open MQLs, and changes one field at a time', async () => {
    const { org, teamId, reps } = await orgWithTeam(['Rae', 'Sam']);
    const manager = await org.user('sales_manager', 'Mia', { teamId });
    const marketer = await org.user('marketing', 'Max');
    const rae = reps[0]?.userId ?? '';
    const listed = await client.request(org.adminKey, 'GET', REPS);
    expect(listed.body.items.map((r: { name: string; weight: number }) => [r.name, r.weight])).toEqual([
      ['Mia', 0],
      ['Rae', 1],
      ['Sam', 1],
    ]);

    const until = '2099-01-01T00:00:00.000Z';
    const set = await client.request(org.adminKey, 'PUT', `${REPS}/${rae}`, { weight: 3, outOfOfficeUntil: until });
    expect(set.body).toMatchObject({
      userId: rae,
      weight: 3,
      capacity: null,
      outOfOfficeUntil: until,
      outOfOffice: true,
    });
    const capped = await client.request(org.adminKey, 'PUT', `${REPS}/${rae}`, { capacity: 5 });
    expect(capped.body).toMatchObject({ weight: 3, capacity: 5, outOfOfficeUntil: until });
    const back = await client.request(org.adminKey, 'PUT', `${REPS}/${rae}`, { outOfOfficeUntil: null });
    expect(back.body).toMatchObject({ weight: 3, capacity: 5, outOfOfficeUntil: null, outOfOffice: false });

    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Open', ownerId: rae });
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${lead.body.id}/transitions`, { to: 'mql' });
    const after = await client.request(org.adminKey, 'GET', REPS);
    expect(after.body.items.find((r: { userId: string }) => r.userId === rae).openMqls).toBe(1);

    const wrong = await client.request(org.adminKey, 'PUT', `${REPS}/${marketer.userId}`, { weight: 1 });
    expect([wrong.status, wrong.body.error.field]).toEqual([400, 'userId']);
    const negative = await client.request(org.adminKey, 'PUT', `${REPS}/${manager.userId}`, { capacity: -1 });
    expect([negative.status, negative.body.error.field]).toEqual([400, 'capacity']);
  });
});

describe('routing preview', () => {
  it('answers who would get a lead from facts or a saved lead without saving anything', async () => {
    const { org, teamId, reps } = await orgWithTeam(['Rae', 'Sam']);
    const owner = reps[1]?.userId;
    await client.request(org.adminKey, 'POST', '/api/v1/accounts', {
      name: 'Acme',
      domain: 'acme.example',
      industry: 'Software',
      ownerId: owner,
    });
    await client.request(org.adminKey, 'PUT', RULES, {
      rules: [
        { kind: 'territory', name: 'DACH', teamId, match: { countries: ['DE'] } },
        { kind: 'account_owner' },
        { kind: 'fallback_queue', teamId },
      ],
    });
    const before = [await count(org, 'lead_assignments'), await count(org, 'handoff_settings')];

    const byDomain = await client.request(org.adminKey, 'POST', PREVIEW, { email: 'jo@ACME.example', country: 'FR' });
    expect(byDomain.status).toBe(200);
    expect(byDomain.body.facts).toMatchObject({ country: 'FR', industry: 'Software', accountName: 'Acme' });
    expect(byDomain.body.decision).toMatchObject({ userId: owner, userName: 'Sam', ruleKind: 'account_owner' });
    const german = await client.request(org.adminKey, 'POST', PREVIEW, { country: 'de' });
    expect(german.body.decision).toMatchObject({ userId: reps[0]?.userId, ruleName: 'DACH', reason: 'routed' });
    // The preview does not move the rotation: asking again gives the same answer.
    expect((await client.request(org.adminKey, 'POST', PREVIEW, { country: 'de' })).body).toEqual(german.body);
    const nowhere = await client.request(org.adminKey, 'POST', PREVIEW, { country: 'JP' });
    expect(nowhere.body.decision).toMatchObject({ userId: null, teamId, reason: 'fallback_queue' });

    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'P', country: 'DE' });
    const saved = await client.request(reps[0]?.key ?? '', 'POST', PREVIEW, { leadId: lead.body.id });
    expect(saved.status).toBe(404); // a rep who cannot see the lead cannot preview it
    const asAdmin = await client.request(org.adminKey, 'POST', PREVIEW, { leadId: lead.body.id });
    expect(asAdmin.body.decision).toMatchObject({ userId: reps[0]?.userId, ruleName: 'DACH' });
    const both = await client.request(org.adminKey, 'POST', PREVIEW, { leadId: lead.body.id, country: 'FR' });
    expect([both.status, both.body.error.field]).toEqual([400, 'country']);
    expect([await count(org, 'lead_assignments'), await count(org, 'handoff_settings')]).toEqual(before);
  });
});

describe('lead assignments', () => {
  it('shows the rule that routed a lead moved to mql, newest first and bounded by limit', async () => {
    const { org, teamId, reps } = await orgWithTeam(['Rae', 'Sam']);
    await client.request(org.adminKey, 'PUT', RULES, {
      rules: [{ kind: 'territory', name: 'DACH', teamId, match: { countries: ['DE'] } }],
    });
    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Q', country: 'DE' });
    const moved = await client.request(org.adminKey, 'POST', `/api/v1/leads/${lead.body.id}/transitions`, {
      to: 'mql',
    });
    expect(moved.status).toBe(201);
    const url = `/api/v1/leads/${lead.body.id}/assignments`;
    const first = await client.request(org.adminKey, 'GET', url);
    expect(first.body.truncated).toBe(false);
    const [routed] = first.body.items;
    expect(routed).toMatchObject({ reason: 'routed', ruleKind: 'territory', teamId });
    expect(routed.explanation).toContain("territory 'DACH' matched country DE");
    const owner = reps.find((r) => r.userId === routed.userId);
    expect(owner).toBeDefined();
    expect((await client.request(owner?.key ?? '', 'GET', url)).status).toBe(200);

    // Deactivating the owner routes the open MQL to the other rep of the team.
    const deactivated = await client.request(org.adminKey, 'PATCH', `/api/v1/users/${routed.userId}`, {
      active: false,
    });
    expect(deactivated.status).toBe(200);
    const second = await client.request(org.adminKey, 'GET', `${url}?limit=1`);
    expect(second.body.truncated).toBe(true);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]).toMatchObject({ reason: 'reassigned_inactive' });
    expect(second.body.items[0].userId).not.toBe(routed.userId);
    const lead2 = await client.request(org.adminKey, 'GET', `/api/v1/leads/${lead.body.id}`);
    expect(lead2.body.ownerId).toBe(second.body.items[0].userId);
    expect((await client.request(org.adminKey, 'GET', `${url}?limit=101`)).body.error.field).toBe('limit');
  });

  it('routes the open MQLs of a rep given a role outside sales to the others, and leaves a role change within sales alone', async () => {
    const { org, teamId, reps } = await orgWithTeam(['Rae', 'Sam']);
    await client.request(org.adminKey, 'PUT', RULES, { rules: [{ kind: 'round_robin', teamId }] });
    const lead = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'R' });
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${lead.body.id}/transitions`, { to: 'mql' });
    const url = `/api/v1/leads/${lead.body.id}/assignments`;
    const first = (await client.request(org.adminKey, 'GET', url)).body.items[0];
    const other = reps.find((r) => r.userId !== first.userId)?.userId;

    const promoted = await client.request(org.adminKey, 'PATCH', `/api/v1/users/${first.userId}`, {
      role: 'sales_manager',
    });
    expect(promoted.status).toBe(200);
    expect((await client.request(org.adminKey, 'GET', url)).body.items).toHaveLength(1);

    const moved = await client.request(org.adminKey, 'PATCH', `/api/v1/users/${first.userId}`, { role: 'marketing' });
    expect(moved.status).toBe(200);
    const [latest] = (await client.request(org.adminKey, 'GET', url)).body.items;
    expect(latest).toMatchObject({ reason: 'reassigned_inactive', userId: other });
    expect(latest.explanation).toMatch(/^\w+ left sales \(now marketing\); round-robin in team/);
    expect((await client.request(org.adminKey, 'GET', `/api/v1/leads/${lead.body.id}`)).body.ownerId).toBe(other);
  });
});
