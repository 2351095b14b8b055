import { isFreeMailDomain } from '../capture/normalize-contact.ts';
import { type CustomFactValue, type LeadFacts, normalizeText, numericValue, type ScoringRule } from './scoring.ts';

// The MQL definition both teams agree on: a lead is marketing-qualified when its score
// reaches the threshold, every required field is filled, and it passes every include and
// exclude condition. Pure: evaluating it needs the lead's facts and score, nothing else.
// The preview (mql-preview.store.ts) writes the same checks in SQL; keep the two equal.

/** Lead fields a definition can require, besides `custom.<key>`. */
export const REQUIRED_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'companyName',
  'country',
  'accountId',
] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number] | `custom.${string}`;

export const CONDITION_MODES = ['include', 'exclude'] as const;
export type ConditionMode = (typeof CONDITION_MODES)[number];

export const CONDITION_KINDS = [
  'country',
  'company_size',
  'free_mail',
  'competitor',
  'email_domain',
  'custom',
] as const;

/**
 * `include` passes a lead whose value matches, `exclude` one whose value does not. A lead
 * whose value is unknown fails an include (nothing shows it belongs) and passes an exclude.
 * Text compares case-insensitively; a domain matches itself and its subdomains. Company
 * size reads the account's employee count, half-open like routing: min ≤ count < max.
 */
export type MqlCondition =
  | { readonly kind: 'country'; readonly mode: ConditionMode; readonly values: readonly string[] }
  | {
      readonly kind: 'company_size';
      readonly mode: ConditionMode;
      readonly min: number | null;
      readonly max: number | null;
    }
  | { readonly kind: 'free_mail'; readonly mode: ConditionMode }
  /** Always excludes: a lead from a competitor's domain is never an MQL. */
  | { readonly kind: 'competitor'; readonly domains: readonly string[] }
  | { readonly kind: 'email_domain'; readonly mode: ConditionMode; readonly values: readonly string[] }
  | { readonly kind: 'custom'; readonly key: string; readonly mode: ConditionMode; readonly values: readonly string[] };

export interface MqlRules {
  readonly scoreThreshold: number;
  readonly requiredFields: readonly RequiredField[];
  readonly conditions: readonly MqlCondition[];
  readonly scoringRules: readonly ScoringRule[];
  readonly scoreHalfLifeDays: number;
}

/** One check of a definition, named by its path in the definition ("conditions.2"). */
export interface MqlCheck {
  readonly condition: string;
  readonly label: string;
}

export interface FailedCheck extends MqlCheck {
  readonly why: string;
}

export interface MqlEvaluation {
  readonly qualifies: boolean;
  readonly failed: readonly FailedCheck[];
}

// What an org starts with until someone saves its own: interest from several touches (three
// recent form fills and a webinar make 45 points), a business e-mail address and a company.
export const DEFAULT_MQL_RULES: MqlRules = {
  scoreThreshold: 40,
  requiredFields: ['email', 'companyName'],
  conditions: [{ kind: 'free_mail', mode: 'exclude' }],
  scoringRules: [
    { kind: 'touch', touchType: 'form_fill', points: 10, cap: 30 },
    { kind: 'touch', touchType: 'webinar', points: 15, cap: 30 },
    { kind: 'touch', touchType: 'event_attended', points: 15, cap: 30 },
    { kind: 'touch', touchType: 'content_download', points: 5, cap: 15 },
    { kind: 'touch', touchType: 'chat', points: 10, cap: 20 },
    { kind: 'touch', touchType: 'email_click', points: 2, cap: 10 },
    { kind: 'touch', touchType: 'web_visit', points: 1, cap: 5 },
    {
      kind: 'field',
      field: 'title',
      match: { op: 'in', values: ['ceo', 'cto', 'cfo', 'cmo', 'founder', 'owner'] },
      points: 10,
    },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'director' }, points: 5 },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'head of' }, points: 5 },
  ],
  scoreHalfLifeDays: 30,
};

/** Every check in the order they are reported: the score, the required fields, the conditions. */
export function mqlChecks(rules: MqlRules): MqlCheck[] {
  return [
    { condition: 'scoreThreshold', label: `score is at least ${rules.scoreThreshold}` },
    ...rules.requiredFields.map((field, i) => ({ condition: `requiredFields.${i}`, label: `${field} is filled` })),
    ...rules.conditions.map((c, i) => ({ condition: `conditions.${i}`, label: describeCondition(c) })),
  ];
}

export function evaluateMql(rules: MqlRules, facts: LeadFacts, score: number): MqlEvaluation {
  const checks = mqlChecks(rules);
  const failed: FailedCheck[] = [];
  const fail = (index: number, why: string) => {
    const check = checks[index];
    if (check) failed.push({ ...check, why });
  };
  if (score < rules.scoreThreshold) fail(0, `score ${score} is below ${rules.scoreThreshold}`);
  rules.requiredFields.forEach((field, i) => {
    if (!isFilled(requiredValue(facts, field))) fail(1 + i, `${field} is empty`);
  });
  rules.conditions.forEach((condition, i) => {
    const why = conditionFailure(condition, facts);
    if (why !== null) fail(1 + rules.requiredFields.length + i, why);
  });
  return { qualifies: failed.length === 0, failed };
}

export function requiredValue(facts: LeadFacts, field: RequiredField): CustomFactValue | undefined {
  switch (field) {
    case 'firstName':
      return facts.firstName;
    case 'lastName':
      return facts.lastName;
    case 'email':
      return facts.email;
    case 'phone':
      return facts.phone;
    case 'title':
      return facts.title;
    case 'companyName':
      return facts.companyName;
    case 'country':
      return facts.country;
    case 'accountId':
      return facts.accountId;
    default:
      return facts.custom[field.slice('custom.'.length)];
  }
}

/** Filled means known and, for text, not blank; false and 0 are values. */
export function isFilled(value: CustomFactValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/** Why the lead fails the condition, or null when it passes. */
export function conditionFailure(condition: MqlCondition, facts: LeadFacts): string | null {
  switch (condition.kind) {
    case 'country':
      return byMode(
        condition.mode,
        facts.country,
        (v) => condition.values.some((c) => normalizeText(c) === normalizeText(v)),
        'country',
      );
    case 'email_domain':
      return byMode(
        condition.mode,
        facts.emailDomain,
        (v) => condition.values.some((d) => domainMatches(v, d)),
        'e-mail domain',
      );
    case 'custom': {
      const value = facts.custom[condition.key];
      const known = isFilled(value) ? String(value) : null;
      return byMode(
        condition.mode,
        known,
        (v) => condition.values.some((c) => normalizeText(c) === normalizeText(v)),
        `custom.${condition.key}`,
      );
    }
    case 'free_mail':
      return byMode(condition.mode, facts.emailDomain, isFreeMailDomain, 'e-mail domain', 'a free-mail domain');
    case 'company_size': {
      const count = numericValue(facts.accountEmployeeCount);
      const size = count === null ? null : String(count);
      return byMode(
        condition.mode,
        size,
        () => inSize(count, condition.min, condition.max),
        'company size',
        'in the range',
      );
    }
    case 'competitor': {
      const domain = facts.emailDomain;
      if (domain === null) return null;
      const rival = condition.domains.find((d) => domainMatches(domain, d));
      return rival === undefined ? null : `e-mail domain ${domain} is a competitor's (${rival})`;
    }
  }
}

function byMode(
  mode: ConditionMode,
  value: string | null,
  matches: (value: string) => boolean,
  name: string,
  what = 'in the list',
): string | null {
  if (value === null || value.trim() === '') return mode === 'include' ? `${name} is unknown` : null;
  const hit = matches(value);
  if (mode === 'include') return hit ? null : `${name} ${value} is not ${what}`;
  return hit ? `${name} ${value} is ${what}` : null;
}

function inSize(count: number | null, min: number | null, max: number | null): boolean {
  if (count === null) return false;
  return (min === null || count >= min) && (max === null || count < max);
}

/** A domain matches itself and its subdomains: "eu.rival.com" matches "rival.com". */
export function domainMatches(domain: string, pattern: string): boolean {
  const d = normalizeText(domain);
  const p = normalizeText(pattern).replace(/^@/, '');
  return d === p || d.endsWith(`.${p}`);
}

export function describeCondition(condition: MqlCondition): string {
  const verb = (mode: ConditionMode) => (mode === 'include' ? 'is' : 'is not');
  switch (condition.kind) {
    case 'country':
      return `country ${verb(condition.mode)} one of ${condition.values.join(', ')}`;
    case 'email_domain':
      return `e-mail domain ${verb(condition.mode)} one of ${condition.values.join(', ')}`;
    case 'custom':
      return `custom.${condition.key} ${verb(condition.mode)} one of ${condition.values.join(', ')}`;
    case 'free_mail':
      return `e-mail domain ${verb(condition.mode)} a free-mail domain`;
    case 'competitor':
      return `e-mail domain is not a competitor's (${condition.domains.join(', ')})`;
    case 'company_size': {
      const range =
        condition.min !== null && condition.max !== null
          ? `${condition.min} to ${condition.max - 1} employees`
          : condition.min !== null
            ? `${condition.min} or more employees`
            : `fewer than ${condition.max ?? 0} employees`;
      return `company size ${verb(condition.mode)} ${range}`;
    }
  }
}
