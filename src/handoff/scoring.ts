// The lead's points score, from the org's scoring rules (stored with the MQL definition):
// points per marketing touch of a type, halving every `halfLifeDays` so that old interest
// fades, and points for what the lead is (title, country, e-mail domain, account…).
// Pure: the caller loads the facts and touches and passes the clock in. The same arithmetic
// is written in SQL for the definition preview (mql-preview.store.ts); keep the two equal.

/** Lead fields a field rule can test, besides `custom.<key>`. */
export const SCORE_FIELDS = [
  'title',
  'country',
  'companyName',
  'emailDomain',
  'account.industry',
  'account.employeeCount',
] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number] | `custom.${string}`;

export const FIELD_OPS = ['equals', 'contains', 'in', 'at_least', 'below'] as const;
export type FieldOp = (typeof FIELD_OPS)[number];

/** Text comparisons ignore case and surrounding spaces; numeric ones read the value as a number. */
export type FieldMatch =
  | { readonly op: 'equals'; readonly value: string }
  | { readonly op: 'contains'; readonly value: string }
  | { readonly op: 'in'; readonly values: readonly string[] }
  | { readonly op: 'at_least'; readonly value: number }
  | { readonly op: 'below'; readonly value: number };

export type ScoringRule =
  | {
      readonly kind: 'touch';
      readonly touchType: string;
      /** Points for one touch of this type on the day it happened (may be negative). */
      readonly points: number;
      /** The most this rule adds (or, for negative points, takes away) in total. */
      readonly cap?: number | null | undefined;
    }
  | { readonly kind: 'field'; readonly field: ScoreField; readonly match: FieldMatch; readonly points: number };

export type CustomFactValue = string | number | boolean | null;

/** What the rules read about a lead: its own fields and its account's. */
export interface LeadFacts {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly title: string | null;
  readonly companyName: string | null;
  readonly country: string | null;
  /** The domain of the normalised e-mail address (capture/normalize-contact.ts). */
  readonly emailDomain: string | null;
  readonly accountId: string | null;
  readonly accountIndustry: string | null;
  readonly accountEmployeeCount: number | null;
  readonly custom: Readonly<Record<string, CustomFactValue | undefined>>;
}

export interface Touch {
  readonly type: string;
  readonly occurredAt: Date;
}

export interface ScoreInput {
  readonly rules: readonly ScoringRule[];
  readonly halfLifeDays: number;
  readonly now: Date;
  readonly facts: LeadFacts;
  readonly touches: readonly Touch[];
  /**
   * Touches before this instant do not count: a recycled lead starts again from the
   * moment it was recycled, so it re-qualifies on new interest, not on what sales already saw.
   */
  readonly countTouchesFrom: Date | null;
}

export interface ScoreLine {
  /** Index of the rule in the definition's scoringRules. */
  readonly rule: number;
  readonly points: number;
  readonly description: string;
}

export interface Score {
  readonly total: number;
  /** One line per rule that applied, in rule order; their points add up to `total`. */
  readonly lines: readonly ScoreLine[];
  /** Touches left out because they happened before `countTouchesFrom` or after `now`. */
  readonly ignoredTouches: number;
}

const DAY_SECONDS = 86_400;

export function scoreLead(input: ScoreInput): Score {
  const { now, countTouchesFrom } = input;
  const counted = input.touches.filter(
    (t) => t.occurredAt.getTime() <= now.getTime() && (!countTouchesFrom || t.occurredAt >= countTouchesFrom),
  );
  const lines: ScoreLine[] = [];
  input.rules.forEach((rule, index) => {
    const line =
      rule.kind === 'touch'
        ? touchLine(rule, counted, input.halfLifeDays, now)
        : fieldLine(rule, factValue(input.facts, rule.field));
    if (line) lines.push({ rule: index, ...line });
  });
  return {
    total: lines.reduce((sum, line) => sum + line.points, 0),
    lines,
    ignoredTouches: input.touches.length - counted.length,
  };
}

/**
 * The weight of a touch `ageSeconds` old: 1 on the day, ½ after one half-life. Written as
 * the SQL preview computes it (seconds, then days, then half-lives) so both round alike.
 */
export function decayWeight(ageSeconds: number, halfLifeDays: number): number {
  return 0.5 ** (Math.max(0, ageSeconds) / DAY_SECONDS / halfLifeDays);
}

/** A rule's contribution: capped in the direction of its points, then rounded half up. */
export function touchPoints(points: number, decayedTouches: number, cap: number | null | undefined): number {
  let value = points * decayedTouches;
  if (cap !== null && cap !== undefined) value = points >= 0 ? Math.min(value, cap) : Math.max(value, -cap);
  return Math.floor(value + 0.5);
}

function touchLine(
  rule: Extract<ScoringRule, { kind: 'touch' }>,
  touches: readonly Touch[],
  halfLifeDays: number,
  now: Date,
): Omit<ScoreLine, 'rule'> | null {
  const ofType = touches.filter((t) => t.type === rule.touchType);
  if (ofType.length === 0) return null;
  const decayed = ofType.reduce(
    (sum, t) => sum + decayWeight((now.getTime() - t.occurredAt.getTime()) / 1000, halfLifeDays),
    0,
  );
  const points = touchPoints(rule.points, decayed, rule.cap);
  const uncapped = Math.floor(rule.points * decayed + 0.5);
  const capped = points !== uncapped ? `, capped at ${rule.cap}` : '';
  const count = ofType.length === 1 ? '1 touch' : `${ofType.length} touches`;
  return {
    points,
    description: `${rule.touchType}: ${count} × ${rule.points} points, halving every ${halfLifeDays} days${capped}`,
  };
}

function fieldLine(
  rule: Extract<ScoringRule, { kind: 'field' }>,
  value: CustomFactValue | undefined,
): Omit<ScoreLine, 'rule'> | null {
  if (!fieldMatches(rule.match, value)) return null;
  return { points: rule.points, description: `${rule.field} ${describeMatch(rule.match)} (${String(value)})` };
}

export function factValue(facts: LeadFacts, field: ScoreField): CustomFactValue | undefined {
  switch (field) {
    case 'title':
      return facts.title;
    case 'country':
      return facts.country;
    case 'companyName':
      return facts.companyName;
    case 'emailDomain':
      return facts.emailDomain;
    case 'account.industry':
      return facts.accountIndustry;
    case 'account.employeeCount':
      return facts.accountEmployeeCount;
    default:
      return facts.custom[field.slice('custom.'.length)];
  }
}

export function normalizeText(value: string): string {
  return value.trim().toLowerCase();
}

/** A number written as digits (an optional sign and decimals), or null. */
export function numericValue(value: CustomFactValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** An unknown (null or absent) value matches nothing. */
export function fieldMatches(match: FieldMatch, value: CustomFactValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  const text = normalizeText(String(value));
  switch (match.op) {
    case 'equals':
      return text === normalizeText(match.value);
    case 'contains':
      return text.includes(normalizeText(match.value));
    case 'in':
      return match.values.some((v) => normalizeText(v) === text);
    case 'at_least': {
      const n = numericValue(value);
      return n !== null && n >= match.value;
    }
    case 'below': {
      const n = numericValue(value);
      return n !== null && n < match.value;
    }
  }
}

export function describeMatch(match: FieldMatch): string {
  switch (match.op) {
    case 'equals':
      return `is "${match.value}"`;
    case 'contains':
      return `contains "${match.value}"`;
    case 'in':
      return `is one of ${match.values.join(', ')}`;
    case 'at_least':
      return `is at least ${match.value}`;
    case 'below':
      return `is below ${match.value}`;
  }
}
