import { z } from 'zod';
import { TOUCHPOINT_TYPES } from '../capture/constants.ts';
import { IsoDateTime, LeadIdSchema, UserIdSchema } from '../shared/schema.ts';
import { CONDITION_MODES, REQUIRED_FIELDS } from './mql-definition.ts';
import { SCORE_FIELDS } from './scoring.ts';

// The MQL definition's API: the definition a client saves (and previews), the version it
// reads back, the preview's counts and a lead's explained score.

const Text = z.string().trim().min(1).max(200);
const Values = z.array(Text).min(1, 'list at least one value').max(500);
const Points = z.number().int().min(-1000).max(1000);
const Mode = z.enum(CONDITION_MODES);
const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,62}$/;
const CustomKey = z.string().regex(CUSTOM_KEY, 'a custom field key such as tier');
const CustomPath = z.templateLiteral(['custom.', z.string().regex(CUSTOM_KEY)]);
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain such as rival.com');
const Employees = z.number().int().min(0).max(100_000_000);

export const ScoreFieldSchema = z.union([z.enum(SCORE_FIELDS), CustomPath], {
  error: `one of ${SCORE_FIELDS.join(', ')} or custom.<key>`,
});
export const RequiredFieldSchema = z.union([z.enum(REQUIRED_FIELDS), CustomPath], {
  error: `one of ${REQUIRED_FIELDS.join(', ')} or custom.<key>`,
});

export const FieldMatchSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('equals'), value: Text }),
  z.strictObject({ op: z.literal('contains'), value: Text }),
  z.strictObject({ op: z.literal('in'), values: Values }),
  z.strictObject({ op: z.literal('at_least'), value: z.number() }),
  z.strictObject({ op: z.literal('below'), value: z.number() }),
]);

export const ScoringRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('touch'),
    touchType: z.enum(TOUCHPOINT_TYPES),
    points: Points,
    cap: z.number().int().min(0).max(100_000).nullable().optional(),
  }),
  z.strictObject({ kind: z.literal('field'), field: ScoreFieldSchema, match: FieldMatchSchema, points: Points }),
]);
export type ScoringRuleSchema = z.infer<typeof ScoringRuleSchema>;

export const MqlConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('country'), mode: Mode, values: Values }),
  z
    .strictObject({
      kind: z.literal('company_size'),
      mode: Mode,
      min: Employees.nullable(),
      max: Employees.nullable(),
    })
    .refine((c) => c.min !== null || c.max !== null, { path: ['min'], message: 'give min, max or both' })
    .refine((c) => c.min === null || c.max === null || c.min < c.max, {
      path: ['max'],
      message: 'must be above min (the range is min ≤ employees < max)',
    }),
  z.strictObject({ kind: z.literal('free_mail'), mode: Mode }),
  z.strictObject({
    kind: z.literal('competitor'),
    domains: z.array(Domain).min(1, 'list at least one domain').max(500),
  }),
  z.strictObject({
    kind: z.literal('email_domain'),
    mode: Mode,
    values: z.array(Domain).min(1, 'list at least one domain').max(500),
  }),
  z.strictObject({ kind: z.literal('custom'), key: CustomKey, mode: Mode, values: Values }),
]);
export type MqlConditionSchema = z.infer<typeof MqlConditionSchema>;

/** A definition as a client saves or previews it; saving makes it the next version. */
export const MqlDefinitionInput = z.strictObject({
  scoreThreshold: z.number().int().min(-100_000).max(100_000),
  requiredFields: z.array(RequiredFieldSchema).max(50),
  conditions: z.array(MqlConditionSchema).max(100),
  scoringRules: z.array(ScoringRuleSchema).max(200),
  /** Each touch's points halve every this many days. */
  scoreHalfLifeDays: z.number().int().min(1).max(3650),
});
export type MqlDefinitionInput = z.infer<typeof MqlDefinitionInput>;

export const MqlDefinition = MqlDefinitionInput.extend({
  version: z.number().int(),
  createdBy: UserIdSchema.nullable(),
  createdAt: IsoDateTime,
});
export type MqlDefinition = z.infer<typeof MqlDefinition>;

export const MqlCheckCount = z.object({
  /** The check's path in the definition: scoreThreshold, requiredFields.<i> or conditions.<i>. */
  condition: z.string(),
  label: z.string(),
  /** Leads of the window that pass this check on its own. */
  passed: z.number().int(),
});

export const MqlPreview = z.object({
  /** The window: leads created from `from` (inclusive) to `to` (the request's time). */
  from: IsoDateTime,
  to: IsoDateTime,
  total: z.number().int(),
  checks: z.array(MqlCheckCount),
  /** Leads that fill every required field and pass every condition, whatever their score. */
  passAllConditions: z.number().int(),
  /** Leads that would qualify: every check passed, the score threshold included. */
  wouldBeMql: z.number().int(),
  /** For comparison: leads of the window that did become MQLs (under any version). */
  becameMql: z.number().int(),
});
export type MqlPreview = z.infer<typeof MqlPreview>;

export const LeadScoreView = z.object({
  leadId: LeadIdSchema,
  /** The score now, under the current definition. */
  score: z.number().int(),
  /** The score last written on the lead (at its last capture or update). */
  storedScore: z.number().int(),
  computedAt: IsoDateTime,
  definitionVersion: z.number().int(),
  lines: z.array(z.object({ rule: z.number().int(), points: z.number().int(), description: z.string() })),
  /** Touches that did not count: before `countTouchesFrom` (the lead was recycled) or in the future. */
  ignoredTouches: z.number().int(),
  countTouchesFrom: IsoDateTime.nullable(),
  qualifies: z.boolean(),
  failed: z.array(z.object({ condition: z.string(), label: z.string(), why: z.string() })),
  /** The definition version the lead last qualified under, if it ever did. */
  mqlVersion: z.number().int().nullable(),
});
export type LeadScoreView = z.infer<typeof LeadScoreView>;
