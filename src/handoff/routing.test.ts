import { describe, expect, it } from 'vitest';
import {
  type OpenMql,
  previewRoute,
  type RoundRobinState,
  type RoutingLead,
  type RoutingRep,
  type RoutingRule,
  reassignFromInactive,
  routeLead,
  type UnassignedReason,
  validateRoutingRules,
} from './routing.ts';

function rep(userId: string, teamId: string | null, overrides: Partial<RoutingRep> = {}): RoutingRep {
  return { userId, teamId, active: true, outOfOffice: false, weight: 1, openMqls: 0, capacity: null, ...overrides };
}

function lead(overrides: Partial<RoutingLead> = {}): RoutingLead {
  return { country: null, region: null, industry: null, employeeCount: null, accountOwnerId: null, ...overrides };
}

const RULES: readonly RoutingRule[] = [
  { kind: 'account_owner' },
  {
    kind: 'territory',
    id: 'dach-mid',
    name: 'DACH mid-market',
    match: { countries: ['DE', 'AT', 'CH'], minEmployees: 100, maxEmployees: 1000 },
    teamId: 'dach',
  },
  { kind: 'territory', id: 'na', name: 'North America', match: { regions: ['NA'] }, teamId: 'na' },
  { kind: 'territory', id: 'health', name: 'Healthcare', match: { industries: ['healthcare'] }, teamId: 'health' },
  { kind: 'round_robin', teamId: 'inbound' },
  { kind: 'fallback_queue', teamId: null },
];

const REPS: readonly RoutingRep[] = [
  rep('olga', 'enterprise', { name: 'Olga' }),
  rep('ana', 'dach', { name: 'Ana', weight: 2, openMqls: 3, capacity: 10 }),
  rep('ben', 'dach', { name: 'Ben' }),
  rep('cy', 'na'),
  rep('dee', 'health'),
  rep('eve', 'inbound'),
  rep('fay', 'inbound'),
];

const withRep = (userId: string, overrides: Partial<RoutingRep>): RoutingRep[] =>
  REPS.map((r) => (r.userId === userId ? { ...r, ...overrides } : r));

function assignee(decision: ReturnType<typeof routeLead>): string | null {
  return decision.assigned ? decision.userId : null;
}

describe('routeLead', () => {
  it.each<[string, RoutingLead, readonly RoutingRep[], string, number]>([
    [
      'gives the lead to an available account owner first',
      lead({ accountOwnerId: 'olga', country: 'DE', employeeCount: 250 }),
      REPS,
      'olga',
      0,
    ],
    [
      'gives it to an account owner with weight 0, who is out of the rotation only',
      lead({ accountOwnerId: 'olga' }),
      withRep('olga', { weight: 0 }),
      'olga',
      0,
    ],
    [
      'falls through when the account owner is inactive',
      lead({ accountOwnerId: 'olga', country: 'DE', employeeCount: 250 }),
      withRep('olga', { active: false }),
      'ana',
      1,
    ],
    [
      'falls through when the account owner is out of office',
      lead({ accountOwnerId: 'olga' }),
      withRep('olga', { outOfOffice: true }),
      'eve',
      4,
    ],
    [
      'falls through when the account owner is at capacity',
      lead({ accountOwnerId: 'olga' }),
      withRep('olga', { capacity: 5, openMqls: 5 }),
      'eve',
      4,
    ],
    ['falls through when the account owner is not a routing rep', lead({ accountOwnerId: 'ghost' }), REPS, 'eve', 4],
    ['matches a territory by country and size', lead({ country: 'DE', employeeCount: 250 }), REPS, 'ana', 1],
    ['matches countries case-insensitively', lead({ country: 'ch', employeeCount: 250 }), REPS, 'ana', 1],
    ['includes minEmployees', lead({ country: 'AT', employeeCount: 100 }), REPS, 'ana', 1],
    ['excludes one below minEmployees', lead({ country: 'AT', employeeCount: 99 }), REPS, 'eve', 4],
    ['excludes maxEmployees itself', lead({ country: 'AT', employeeCount: 1000 }), REPS, 'eve', 4],
    ['includes one below maxEmployees', lead({ country: 'AT', employeeCount: 999 }), REPS, 'ana', 1],
    ['does not match a size band when the size is unknown', lead({ country: 'DE' }), REPS, 'eve', 4],
    ['does not match another country', lead({ country: 'FR', employeeCount: 250 }), REPS, 'eve', 4],
    ['matches a territory by region', lead({ region: 'NA' }), REPS, 'cy', 2],
    ['matches a territory by industry', lead({ industry: 'Healthcare' }), REPS, 'dee', 3],
    ['takes the first matching territory', lead({ region: 'NA', industry: 'healthcare' }), REPS, 'cy', 2],
    ['round-robins a lead no territory matches', lead(), REPS, 'eve', 4],
  ])('%s', (_name, input, reps, userId, ruleIndex) => {
    const decision = routeLead(input, RULES, reps, {});
    expect(decision).toMatchObject({ assigned: true, userId, ruleIndex, ruleKind: RULES[ruleIndex]?.kind });
  });

  it('explains a territory decision in words', () => {
    const decision = routeLead(lead({ country: 'DE', employeeCount: 250 }), RULES, REPS, {});
    expect(decision.explanation).toBe(
      "territory 'DACH mid-market' matched country DE, 250 employees; round-robin in team dach chose Ana (weight 2, 3/10 open)",
    );
  });

  it('explains why the account owner was skipped', () => {
    const decision = routeLead(lead({ accountOwnerId: 'olga' }), RULES, withRep('olga', { outOfOffice: true }), {});
    expect(decision.explanation).toBe(
      'account owner Olga is out of office; round-robin in team inbound chose eve (weight 1)',
    );
  });

  it.each<[string, readonly number[], number, readonly number[]]>([
    ['2:1:1 over 400 leads', [2, 1, 1], 400, [200, 100, 100]],
    ['1:1:1 over 300 leads', [1, 1, 1], 300, [100, 100, 100]],
    ['3:2:1 over 600 leads', [3, 2, 1], 600, [300, 200, 100]],
    ['5:1 over 60 leads', [5, 1], 60, [50, 10]],
  ])('shares leads exactly by weight, %s', (_name, weights, leads, expected) => {
    const reps = weights.map((weight, i) => rep(`rep-${i}`, 'inbound', { weight }));
    const counts = new Map<string, number>();
    let state: RoundRobinState = {};
    for (let i = 0; i < leads; i++) {
      const decision = routeLead(lead(), [{ kind: 'round_robin', teamId: 'inbound' }], reps, state);
      if (!decision.assigned) throw new Error(decision.explanation);
      counts.set(decision.userId, (counts.get(decision.userId) ?? 0) + 1);
      state = decision.nextState;
    }
    expect(reps.map((r) => counts.get(r.userId) ?? 0)).toEqual(expected);
  });

  it('interleaves smoothly instead of sending a heavy rep a burst of leads', () => {
    const reps = [rep('a', 't', { weight: 2 }), rep('b', 't'), rep('c', 't')];
    const sequence: string[] = [];
    let state: RoundRobinState = {};
    for (let i = 0; i < 8; i++) {
      const decision = routeLead(lead(), [{ kind: 'round_robin', teamId: 't' }], reps, state);
      if (!decision.assigned) throw new Error(decision.explanation);
      sequence.push(decision.userId);
      state = decision.nextState;
    }
    expect(sequence).toEqual(['a', 'b', 'c', 'a', 'a', 'b', 'c', 'a']);
  });

  it.each<[string, Partial<RoutingRep>]>([
    ['inactive', { active: false }],
    ['out of office', { outOfOffice: true }],
    ['weighted 0', { weight: 0 }],
    ['at capacity', { capacity: 3, openMqls: 3 }],
    ['over capacity', { capacity: 3, openMqls: 4 }],
  ])('skips a rep who is %s', (_name, overrides) => {
    const reps = [rep('a', 't', overrides), rep('b', 't', { capacity: 3, openMqls: 2 })];
    let state: RoundRobinState = {};
    for (let i = 0; i < 5; i++) {
      const decision = routeLead(lead(), [{ kind: 'round_robin', teamId: 't' }], reps, state);
      expect(assignee(decision)).toBe('b');
      if (decision.assigned) state = decision.nextState;
    }
  });

  it.each<[string, readonly RoutingRep[], UnassignedReason, RegExp]>([
    [
      'everyone is at capacity',
      [rep('a', 't', { capacity: 1, openMqls: 1 }), rep('b', 't', { capacity: 2, openMqls: 2 })],
      'all_at_capacity',
      /every available rep in team t is at capacity/,
    ],
    [
      'the rest are inactive or away',
      [rep('a', 't', { capacity: 1, openMqls: 1 }), rep('b', 't', { active: false })],
      'all_at_capacity',
      /at capacity/,
    ],
    [
      'nobody is active or in office',
      [rep('a', 't', { active: false }), rep('b', 't', { outOfOffice: true })],
      'no_available_rep',
      /no rep in team t is active/,
    ],
    ['the team is empty', [rep('a', 'other')], 'no_available_rep', /team t has no reps/],
  ])('leaves the lead in the team queue when %s', (_name, reps, reason, explanation) => {
    const decision = routeLead(
      lead({ country: 'DE' }),
      [
        { kind: 'territory', id: 'x', name: 'Germany', match: { countries: ['DE'] }, teamId: 't' },
        { kind: 'round_robin', teamId: 'other' },
      ],
      reps,
      {},
    );
    expect(decision).toMatchObject({ assigned: false, reason, ruleIndex: 0, queueTeamId: 't' });
    expect(decision.explanation).toMatch(explanation);
  });

  it.each<[string, readonly RoutingRule[], UnassignedReason, number | null, string | null]>([
    [
      'the fallback queue of a team',
      [
        { kind: 'territory', id: 'x', name: 'X', match: { countries: ['FR'] }, teamId: 't' },
        { kind: 'fallback_queue', teamId: 'sdr' },
      ],
      'fallback_queue',
      1,
      'sdr',
    ],
    [
      'the organisation-wide fallback queue',
      [{ kind: 'account_owner' }, { kind: 'fallback_queue', teamId: null }],
      'fallback_queue',
      1,
      null,
    ],
    ['the organisation-wide queue when no rule matches', [{ kind: 'account_owner' }], 'no_rule_matched', null, null],
    ['the organisation-wide queue when there are no rules', [], 'no_rule_matched', null, null],
  ])('sends an unmatched lead to %s', (_name, rules, reason, ruleIndex, queueTeamId) => {
    expect(routeLead(lead({ country: 'DE' }), rules, REPS, {})).toMatchObject({
      assigned: false,
      reason,
      ruleIndex,
      queueTeamId,
    });
  });

  it('explains a lead left in a fallback queue', () => {
    const decision = routeLead(
      lead({ accountOwnerId: 'ghost' }),
      [{ kind: 'account_owner' }, { kind: 'fallback_queue', teamId: 'sdr' }],
      REPS,
      {},
    );
    expect(decision.explanation).toBe(
      'account owner ghost is not a routing rep; no earlier rule assigned the lead; it waits in the team sdr fallback queue',
    );
  });

  it('treats a territory without criteria as matching every lead', () => {
    const decision = routeLead(
      lead(),
      [{ kind: 'territory', id: 'all', name: 'Everyone', match: { countries: [] }, teamId: 'na' }],
      REPS,
      {},
    );
    expect(decision).toMatchObject({
      assigned: true,
      userId: 'cy',
      explanation: "territory 'Everyone' matched every lead; round-robin in team na chose cy (weight 1)",
    });
  });

  it('decides the same way for the same input, whatever order the reps come in', () => {
    const reps = [rep('x', 't', { weight: 3 }), rep('y', 't', { weight: 3 }), rep('z', 't', { weight: 1 })];
    const state: RoundRobinState = { t: { x: -2, y: 1, z: 1 } };
    const rules: RoutingRule[] = [{ kind: 'round_robin', teamId: 't' }];
    const first = routeLead(lead(), rules, reps, state);
    expect(routeLead(lead(), rules, reps, state)).toEqual(first);
    expect(routeLead(lead(), rules, [...reps].reverse(), state)).toEqual(first);
  });

  it('returns a new state and never mutates its arguments', () => {
    const state: RoundRobinState = Object.freeze({ inbound: Object.freeze({ eve: 0, fay: 0 }) });
    const reps = Object.freeze(REPS.map((r) => Object.freeze({ ...r })));
    const rules = Object.freeze([...RULES]);
    const before = structuredClone({ state, reps, rules });
    const decision = routeLead(lead(), rules, reps, state);
    expect({ state, reps, rules }).toEqual(before);
    expect(decision.assigned && decision.nextState).toEqual({ inbound: { eve: -1, fay: 1 } });
  });

  it('keeps the position of a rep out of rotation and forgets reps who left the team', () => {
    const reps = [rep('a', 't', { outOfOffice: true }), rep('b', 't')];
    const decision = routeLead(lead(), [{ kind: 'round_robin', teamId: 't' }], reps, {
      t: { a: 5, gone: 3 },
      u: { c: 1 },
    });
    expect(decision.assigned && decision.nextState).toEqual({ t: { a: 5, b: 0 }, u: { c: 1 } });
  });

  it('does not move the round-robin when the account owner takes the lead', () => {
    const state: RoundRobinState = { inbound: { eve: 1, fay: -1 } };
    const decision = routeLead(lead({ accountOwnerId: 'olga' }), RULES, REPS, state);
    expect(decision.assigned && decision.nextState).toBe(state);
  });

  it('offers previewRoute for "who would get this lead?", which is routeLead without saving', () => {
    expect(previewRoute).toBe(routeLead);
  });
});

describe('reassignFromInactive', () => {
  const mql = (leadId: string, ownerId: string | null, overrides: Partial<RoutingLead> = {}): OpenMql => ({
    ...lead(overrides),
    leadId,
    ownerId,
  });

  it('re-routes only the leaving rep’s MQLs, respecting capacity across the batch', () => {
    const reps = [rep('leaver', 'inbound'), rep('b', 'inbound', { capacity: 1 }), rep('c', 'inbound')];
    const leads = [
      mql('l1', 'leaver'),
      mql('l2', 'someone-else'),
      mql('l3', 'leaver', { accountOwnerId: 'leaver' }),
      mql('l4', 'leaver'),
    ];
    const result = reassignFromInactive(
      leads,
      'leaver',
      [{ kind: 'account_owner' }, { kind: 'round_robin', teamId: 'inbound' }],
      reps,
      {},
    );
    expect(result.reassignments.map((r) => [r.leadId, assignee(r.decision)])).toEqual([
      ['l1', 'b'],
      ['l3', 'c'],
      ['l4', 'c'],
    ]);
    expect(result.reassignments[1]?.decision.explanation).toMatch(/^account owner leaver is inactive; /);
    expect(result.nextState).toEqual({ inbound: { b: -1, c: 1 } });
  });

  it('reports leads that find nobody, with the reason', () => {
    const reps = [rep('leaver', 'inbound'), rep('b', 'inbound', { capacity: 0 })];
    const result = reassignFromInactive(
      [mql('l1', 'leaver')],
      'leaver',
      [{ kind: 'round_robin', teamId: 'inbound' }],
      reps,
      {},
    );
    expect(result.reassignments[0]?.decision).toMatchObject({
      assigned: false,
      reason: 'all_at_capacity',
      queueTeamId: 'inbound',
    });
    expect(result.nextState).toEqual({});
  });
});

describe('validateRoutingRules', () => {
  it.each<[string, readonly RoutingRule[], string | null]>([
    ['a complete rule list', RULES, null],
    ['no rules', [], null],
    [
      'a fallback queue before other rules',
      [{ kind: 'fallback_queue', teamId: null }, { kind: 'account_owner' }],
      'rules[0]',
    ],
    [
      'a repeated territory id',
      [
        { kind: 'territory', id: 'a', name: 'A', match: {}, teamId: 't' },
        { kind: 'territory', id: 'a', name: 'B', match: {}, teamId: 't' },
      ],
      'rules[1].id',
    ],
    [
      'negative employee bounds',
      [{ kind: 'territory', id: 'a', name: 'A', match: { minEmployees: -1 }, teamId: 't' }],
      'rules[0].match',
    ],
    [
      'an empty size band',
      [{ kind: 'territory', id: 'a', name: 'A', match: { minEmployees: 50, maxEmployees: 50 }, teamId: 't' }],
      'rules[0].match.maxEmployees',
    ],
  ])('checks %s', (_name, rules, field) => {
    expect(validateRoutingRules(rules)?.field ?? null).toBe(field);
  });
});
