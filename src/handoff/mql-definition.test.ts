import { describe, expect, it } from 'vitest';
import {
  conditionFailure,
  DEFAULT_MQL_RULES,
  describeCondition,
  domainMatches,
  evaluateMql,
  type MqlCondition,
  type MqlRules,
  mqlChecks,
} from './mql-definition.ts';
import type { LeadFacts } from './scoring.ts';

function facts(overrides: Partial<LeadFacts> = {}): LeadFacts {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@acme.io',
    phone: null,
    title: 'CTO',
    companyName: 'Acme',
    country: 'DE',
    emailDomain: 'acme.io',
    accountId: 'acct-1',
    accountIndustry: 'software',
    accountEmployeeCount: 250,
    custom: { tier: 'gold', seats: 12 },
    ...overrides,
  };
}

describe('conditionFailure', () => {
  it.each<[string, MqlCondition, Partial<LeadFacts>, string | null]>([
    ['include country passes a listed country', { kind: 'country', mode: 'include', values: ['de', 'AT'] }, {}, null],
    [
      'include country fails another',
      { kind: 'country', mode: 'include', values: ['AT'] },
      {},
      'country DE is not in the list',
    ],
    [
      'include country fails an unknown one',
      { kind: 'country', mode: 'include', values: ['AT'] },
      { country: null },
      'country is unknown',
    ],
    [
      'exclude country fails a listed country',
      { kind: 'country', mode: 'exclude', values: ['DE'] },
      {},
      'country DE is in the list',
    ],
    [
      'exclude country passes an unknown one',
      { kind: 'country', mode: 'exclude', values: ['DE'] },
      { country: ' ' },
      null,
    ],
    ['company size includes its lower bound', { kind: 'company_size', mode: 'include', min: 250, max: 1000 }, {}, null],
    [
      'company size excludes its upper bound',
      { kind: 'company_size', mode: 'include', min: 50, max: 250 },
      {},
      'company size 250 is not in the range',
    ],
    [
      'company size without an account is unknown',
      { kind: 'company_size', mode: 'include', min: 10, max: null },
      { accountEmployeeCount: null },
      'company size is unknown',
    ],
    [
      'excluding small companies fails one',
      { kind: 'company_size', mode: 'exclude', min: null, max: 10 },
      { accountEmployeeCount: 3 },
      'company size 3 is in the range',
    ],
    [
      'excluding small companies passes an unknown size',
      { kind: 'company_size', mode: 'exclude', min: null, max: 10 },
      { accountEmployeeCount: null },
      null,
    ],
    [
      'excluding free mail fails a gmail address',
      { kind: 'free_mail', mode: 'exclude' },
      { emailDomain: 'gmail.com' },
      'e-mail domain gmail.com is a free-mail domain',
    ],
    [
      'excluding free mail knows country variants',
      { kind: 'free_mail', mode: 'exclude' },
      { emailDomain: 'yahoo.co.uk' },
      'e-mail domain yahoo.co.uk is a free-mail domain',
    ],
    ['excluding free mail passes a company domain', { kind: 'free_mail', mode: 'exclude' }, {}, null],
    [
      'excluding free mail passes a lead without e-mail',
      { kind: 'free_mail', mode: 'exclude' },
      { emailDomain: null },
      null,
    ],
    [
      'a competitor domain fails, subdomains too',
      { kind: 'competitor', domains: ['rival.com'] },
      { emailDomain: 'eu.rival.com' },
      "e-mail domain eu.rival.com is a competitor's (rival.com)",
    ],
    [
      'a look-alike domain is not a competitor',
      { kind: 'competitor', domains: ['rival.com'] },
      { emailDomain: 'notrival.com' },
      null,
    ],
    [
      'include e-mail domain passes a listed one',
      { kind: 'email_domain', mode: 'include', values: ['@acme.io'] },
      {},
      null,
    ],
    [
      'exclude e-mail domain fails a listed one',
      { kind: 'email_domain', mode: 'exclude', values: ['acme.io'] },
      {},
      'e-mail domain acme.io is in the list',
    ],
    [
      'include custom value passes case-insensitively',
      { kind: 'custom', key: 'tier', mode: 'include', values: ['Gold'] },
      {},
      null,
    ],
    [
      'a custom number compares as its text',
      { kind: 'custom', key: 'seats', mode: 'include', values: ['12'] },
      {},
      null,
    ],
    [
      'an absent custom value fails an include',
      { kind: 'custom', key: 'region', mode: 'include', values: ['emea'] },
      {},
      'custom.region is unknown',
    ],
    [
      'exclude custom value fails a listed one',
      { kind: 'custom', key: 'tier', mode: 'exclude', values: ['gold'] },
      {},
      'custom.tier gold is in the list',
    ],
  ])('%s', (_name, condition, overrides, why) => {
    expect(conditionFailure(condition, facts(overrides))).toBe(why);
  });
});

describe('evaluateMql', () => {
  const RULES: MqlRules = {
    scoreThreshold: 40,
    requiredFields: ['email', 'phone', 'custom.tier'],
    conditions: [
      { kind: 'free_mail', mode: 'exclude' },
      { kind: 'country', mode: 'include', values: ['DE', 'AT'] },
    ],
    scoringRules: [],
    scoreHalfLifeDays: 30,
  };
  const filled = { phone: '+49301234567' };

  it.each<[string, Partial<LeadFacts>, number, string[]]>([
    ['qualifies when every check passes', filled, 40, []],
    ['fails below the threshold', filled, 39, ['scoreThreshold']],
    ['fails a missing required field', {}, 50, ['requiredFields.1']],
    ['a blank text is not filled', { phone: '  ' }, 50, ['requiredFields.1']],
    ['a false custom value is filled', { ...filled, custom: { tier: false } }, 50, []],
    [
      'reports every failed check in order',
      { email: null, emailDomain: null, country: 'FR', custom: {} },
      0,
      ['scoreThreshold', 'requiredFields.0', 'requiredFields.1', 'requiredFields.2', 'conditions.1'],
    ],
  ])('%s', (_name, overrides, score, failed) => {
    const result = evaluateMql(RULES, facts(overrides), score);
    expect(result.failed.map((f) => f.condition)).toEqual(failed);
    expect(result.qualifies).toBe(failed.length === 0);
  });

  it('says why each check failed, with its label', () => {
    const result = evaluateMql(RULES, facts({ emailDomain: 'gmail.com' }), 12);
    expect(result.failed).toEqual([
      { condition: 'scoreThreshold', label: 'score is at least 40', why: 'score 12 is below 40' },
      { condition: 'requiredFields.1', label: 'phone is filled', why: 'phone is empty' },
      {
        condition: 'conditions.0',
        label: 'e-mail domain is not a free-mail domain',
        why: 'e-mail domain gmail.com is a free-mail domain',
      },
    ]);
  });

  it('names every check of a definition by its path', () => {
    expect(mqlChecks(RULES).map((c) => c.condition)).toEqual([
      'scoreThreshold',
      'requiredFields.0',
      'requiredFields.1',
      'requiredFields.2',
      'conditions.0',
      'conditions.1',
    ]);
  });

  it('keeps the default within reach of a few touches, but not of one', () => {
    expect(DEFAULT_MQL_RULES.scoreThreshold).toBeGreaterThan(15);
    expect(evaluateMql(DEFAULT_MQL_RULES, facts(), 45).qualifies).toBe(true);
    expect(evaluateMql(DEFAULT_MQL_RULES, facts({ emailDomain: 'gmail.com' }), 45).qualifies).toBe(false);
  });
});

describe('describeCondition', () => {
  it.each<[MqlCondition, string]>([
    [{ kind: 'company_size', mode: 'include', min: 50, max: 250 }, 'company size is 50 to 249 employees'],
    [{ kind: 'company_size', mode: 'exclude', min: null, max: 10 }, 'company size is not fewer than 10 employees'],
    [{ kind: 'company_size', mode: 'include', min: 1000, max: null }, 'company size is 1000 or more employees'],
    [{ kind: 'country', mode: 'exclude', values: ['US', 'CA'] }, 'country is not one of US, CA'],
    [{ kind: 'competitor', domains: ['rival.com'] }, "e-mail domain is not a competitor's (rival.com)"],
  ])('%j reads "%s"', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });
});

describe('domainMatches', () => {
  it.each<[string, string, boolean]>([
    ['rival.com', 'rival.com', true],
    ['EU.Rival.com', 'rival.com', true],
    ['rival.com', '@rival.com', true],
    ['notrival.com', 'rival.com', false],
    ['rival.com.au', 'rival.com', false],
  ])('%s against %s is %s', (domain, pattern, expected) => {
    expect(domainMatches(domain, pattern)).toBe(expected);
  });
});
