import { describe, expect, it } from 'vitest';
import {
  decayWeight,
  type FieldMatch,
  fieldMatches,
  type LeadFacts,
  type ScoringRule,
  scoreLead,
  type Touch,
  touchPoints,
} from './scoring.ts';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86_400_000;

function facts(overrides: Partial<LeadFacts> = {}): LeadFacts {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@acme.io',
    phone: null,
    title: null,
    companyName: 'Acme',
    country: 'DE',
    emailDomain: 'acme.io',
    accountId: null,
    accountIndustry: null,
    accountEmployeeCount: null,
    custom: {},
    ...overrides,
  };
}

const daysAgo = (type: string, days: number): Touch => ({ type, occurredAt: new Date(NOW.getTime() - days * DAY) });

function score(rules: readonly ScoringRule[], touches: readonly Touch[], options: Partial<LeadFacts> = {}) {
  return scoreLead({ rules, halfLifeDays: 30, now: NOW, facts: facts(options), touches, countTouchesFrom: null });
}

describe('decayWeight', () => {
  it.each<[string, number, number, number]>([
    ['a touch today weighs 1', 0, 30, 1],
    ['a touch one half-life old weighs a half', 30 * 86_400, 30, 0.5],
    ['two half-lives weigh a quarter', 60 * 86_400, 30, 0.25],
    ['a shorter half-life decays faster', 30 * 86_400, 10, 0.125],
    ['a touch stamped in the future weighs 1, never more', -5 * 86_400, 30, 1],
  ])('%s', (_name, ageSeconds, halfLife, weight) => {
    expect(decayWeight(ageSeconds, halfLife)).toBeCloseTo(weight, 12);
  });
});

describe('touchPoints', () => {
  it.each<[string, number, number, number | null, number]>([
    ['points times the decayed touches', 10, 2, null, 20],
    ['rounded half up', 10, 0.25, null, 3],
    ['just below a half rounds down', 10, 0.249, null, 2],
    ['a cap bounds positive points', 10, 5, 30, 30],
    ['a cap below the total bounds it exactly', 15, 1.5, 20, 20],
    ['a cap bounds negative points from below', -10, 5, 25, -25],
    ['negative points round half up too', -10, 0.25, null, -2],
    ['a cap of zero zeroes the rule', 10, 3, 0, 0],
  ])('%s', (_name, points, decayed, cap, expected) => {
    expect(touchPoints(points, decayed, cap)).toBe(expected);
  });
});

describe('fieldMatches', () => {
  it.each<[string, FieldMatch, string | number | boolean | null | undefined, boolean]>([
    ['equals ignores case and spaces', { op: 'equals', value: 'CTO' }, '  cto ', true],
    ['equals is not contains', { op: 'equals', value: 'CTO' }, 'Deputy CTO', false],
    ['contains finds a word inside', { op: 'contains', value: 'director' }, 'Marketing Director EMEA', true],
    ['contains misses', { op: 'contains', value: 'director' }, 'Manager', false],
    ['in matches any listed value', { op: 'in', values: ['DE', 'AT', 'CH'] }, 'at', true],
    ['in misses an unlisted value', { op: 'in', values: ['DE', 'AT', 'CH'] }, 'FR', false],
    ['at_least includes the bound', { op: 'at_least', value: 200 }, 200, true],
    ['at_least excludes below', { op: 'at_least', value: 200 }, 199, false],
    ['below excludes the bound', { op: 'below', value: 50 }, 50, false],
    ['a numeric string is read as a number', { op: 'at_least', value: 10 }, ' 12 ', true],
    ['text is not a number', { op: 'at_least', value: 10 }, 'many', false],
    ['a boolean compares as its text', { op: 'equals', value: 'true' }, true, true],
    ['a number compares as its text', { op: 'in', values: ['3', '4'] }, 4, true],
    ['an unknown value matches nothing', { op: 'contains', value: 'a' }, null, false],
    ['an absent custom value matches nothing', { op: 'below', value: 10 }, undefined, false],
  ])('%s', (_name, match, value, expected) => {
    expect(fieldMatches(match, value)).toBe(expected);
  });
});

describe('scoreLead', () => {
  const RULES: readonly ScoringRule[] = [
    { kind: 'touch', touchType: 'form_fill', points: 10, cap: 30 },
    { kind: 'touch', touchType: 'webinar', points: 15 },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'director' }, points: 5 },
    { kind: 'field', field: 'account.employeeCount', match: { op: 'at_least', value: 200 }, points: 20 },
    { kind: 'field', field: 'custom.tier', match: { op: 'in', values: ['gold', 'platinum'] }, points: 8 },
    { kind: 'field', field: 'emailDomain', match: { op: 'equals', value: 'student.edu' }, points: -50 },
  ];

  it.each<[string, readonly Touch[], Partial<LeadFacts>, number, number[]]>([
    ['a lead with nothing scores 0', [], {}, 0, []],
    ['a touch today counts in full', [daysAgo('form_fill', 0)], {}, 10, [0]],
    ['a touch one half-life old counts half', [daysAgo('webinar', 30)], {}, 8, [1]],
    ['touches of a type add up to the cap', [0, 1, 2, 3].map((d) => daysAgo('form_fill', d)), {}, 30, [0]],
    ['a type without a rule scores nothing', [daysAgo('web_visit', 0)], {}, 0, []],
    [
      'field rules add their points',
      [],
      { title: 'Director of IT', accountEmployeeCount: 500, custom: { tier: 'Gold' } },
      33,
      [2, 3, 4],
    ],
    ['negative points subtract', [daysAgo('webinar', 0)], { emailDomain: 'student.edu' }, -35, [1, 5]],
    ['an account below the size scores nothing for it', [], { accountEmployeeCount: 199 }, 0, []],
  ])('%s', (_name, touches, overrides, total, rules) => {
    const result = score(RULES, touches, overrides);
    expect(result.total).toBe(total);
    expect(result.lines.map((l) => l.rule)).toEqual(rules);
    expect(result.lines.reduce((sum, l) => sum + l.points, 0)).toBe(total);
  });

  it('explains each rule that applied', () => {
    const result = score(RULES, [daysAgo('form_fill', 0), daysAgo('form_fill', 30)], { title: 'Sales Director' });
    expect(result.lines).toEqual([
      { rule: 0, points: 15, description: 'form_fill: 2 touches × 10 points, halving every 30 days' },
      { rule: 2, points: 5, description: 'title contains "director" (Sales Director)' },
    ]);
  });

  it('says when a cap held a rule back', () => {
    const result = score(
      RULES,
      [0, 0, 0, 0].map((d) => daysAgo('form_fill', d)),
    );
    expect(result.lines[0]?.description).toContain('capped at 30');
  });

  it('counts only touches from countTouchesFrom on, and none from the future', () => {
    const touches = [daysAgo('webinar', 40), daysAgo('webinar', 10), daysAgo('webinar', -1)];
    const result = scoreLead({
      rules: RULES,
      halfLifeDays: 30,
      now: NOW,
      facts: facts(),
      touches,
      countTouchesFrom: new Date(NOW.getTime() - 20 * DAY),
    });
    expect(result.ignoredTouches).toBe(2);
    expect(result.total).toBe(Math.round(15 * 0.5 ** (10 / 30)));
  });

  it('is an integer for any half-life', () => {
    for (const halfLifeDays of [1, 7, 30, 365]) {
      const result = scoreLead({
        rules: RULES,
        halfLifeDays,
        now: NOW,
        facts: facts(),
        touches: [daysAgo('webinar', 3.3), daysAgo('form_fill', 17.9)],
        countTouchesFrom: null,
      });
      expect(Number.isInteger(result.total)).toBe(true);
    }
  });
});
