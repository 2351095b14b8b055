import { z } from 'zod';
import { IsoDateTime, LeadIdSchema, TeamIdSchema, UserIdSchema, Uuid } from '../shared/schema.ts';
import { ASSIGNMENT_REASONS } from './handoff.tables.ts';
import { ROUTING_RULE_KINDS } from './routing.ts';

// Request and response types of the routing API (routing.routes.ts); the web app shares them.

export { ROUTING_RULE_KINDS };

const Name = z.string().trim().min(1).max(200);
const Values = z.array(z.string().trim().min(1).max(100)).max(500).readonly();
const Employees = z.number().int().min(0).max(100_000_000);

/** Every criterion given must match; within a list any value, compared case-insensitively. */
export const TerritoryMatch = z.strictObject({
  countries: Values.optional(),
  regions: Values.optional(),
  industries: Values.optional(),
  /** Inclusive lower bound. */
  minEmployees: Employees.optional(),
  /** Exclusive upper bound: tiers { maxEmployees: 250 } and { minEmployees: 250 } do not overlap. */
  maxEmployees: Employees.optional(),
});
export type TerritoryMatch = z.infer<typeof TerritoryMatch>;

// A saved rule keeps its id when the list is saved with it, so assignments made under the
// rule keep pointing at it; a rule without an id is new.
const RuleBase = { id: Uuid.optional(), name: Name.optional() };

export const RoutingRuleInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('account_owner'), ...RuleBase }),
  z.strictObject({
    kind: z.literal('territory'),
    id: Uuid.optional(),
    name: Name,
    teamId: TeamIdSchema,
    match: TerritoryMatch,
  }),
  z.strictObject({ kind: z.literal('round_robin'), ...RuleBase, teamId: TeamIdSchema }),
  /** teamId null: the organisation-wide queue. */
  z.strictObject({ kind: z.literal('fallback_queue'), ...RuleBase, teamId: TeamIdSchema.nullable().default(null) }),
]);
export type RoutingRuleInput = z.infer<typeof RoutingRuleInput>;

export const RoutingRulesPut = z.strictObject({ rules: z.array(RoutingRuleInput).max(200) });
export type RoutingRulesPut = z.infer<typeof RoutingRulesPut>;

export const RoutingRuleView = z.object({
  id: Uuid,
  kind: z.enum(ROUTING_RULE_KINDS),
  name: z.string(),
  teamId: Uuid.nullable(),
  match: TerritoryMatch,
});
export type RoutingRuleView = z.infer<typeof RoutingRuleView>;

export const RoutingRuleList = z.object({
  rules: z.array(RoutingRuleView),
  /** True when the org has saved no rules and the built-in defaults apply (docs/handoff.md). */
  defaultsApply: z.boolean(),
});
export type RoutingRuleList = z.infer<typeof RoutingRuleList>;

export const RoutingRepView = z.object({
  userId: Uuid,
  name: z.string(),
  role: z.enum(['sales_rep', 'sales_manager']),
  teamId: Uuid.nullable(),
  /** Share of the team's round-robin; 0 takes the rep out of it. */
  weight: z.number().int(),
  /** Most open MQLs the rep may hold; null for no limit. */
  capacity: z.number().int().nullable(),
  outOfOfficeUntil: IsoDateTime.nullable(),
  /** Whether outOfOfficeUntil is still ahead of now. */
  outOfOffice: z.boolean(),
  openMqls: z.number().int(),
});
export type RoutingRepView = z.infer<typeof RoutingRepView>;

export const RoutingRepList = z.object({ items: z.array(RoutingRepView) });
export type RoutingRepList = z.infer<typeof RoutingRepList>;

export const RoutingRepParams = z.object({ userId: UserIdSchema });

/** Absent fields keep their current value. */
export const RoutingRepPut = z.strictObject({
  weight: z.number().int().min(0).max(1000).optional(),
  capacity: z.number().int().min(0).max(100_000).nullable().optional(),
  outOfOfficeUntil: IsoDateTime.nullable().optional(),
});
export type RoutingRepPut = z.infer<typeof RoutingRepPut>;

const Fact = z.string().trim().min(1).max(200);

/** A saved lead, or the facts of an imagined one; not both. */
export const RoutingPreviewInput = z.strictObject({
  leadId: LeadIdSchema.optional(),
  country: Fact.optional(),
  region: Fact.optional(),
  industry: Fact.optional(),
  employeeCount: Employees.optional(),
  /** An account's domain: the account found by it supplies the owner and the facts not given. */
  domain: z.string().trim().min(1).max(253).optional(),
  /** A contact e-mail address: its domain finds the account when `domain` is not given. */
  email: z.string().trim().min(3).max(320).optional(),
});
export type RoutingPreviewInput = z.infer<typeof RoutingPreviewInput>;

export const RoutingFactsView = z.object({
  country: z.string().nullable(),
  region: z.string().nullable(),
  industry: z.string().nullable(),
  employeeCount: z.number().int().nullable(),
  accountId: Uuid.nullable(),
  accountName: z.string().nullable(),
  accountOwnerId: Uuid.nullable(),
  /** The lead's owner before routing (a saved lead only). */
  currentOwnerId: Uuid.nullable(),
});
export type RoutingFactsView = z.infer<typeof RoutingFactsView>;

export const RoutingDecisionView = z.object({
  /** The owner the lead would get; null when it would wait in a queue. */
  userId: Uuid.nullable(),
  userName: z.string().nullable(),
  /** The team whose queue the lead would be in. */
  teamId: Uuid.nullable(),
  reason: z.enum(ASSIGNMENT_REASONS),
  /** The saved rule that decided; null for a built-in default rule or when none did. */
  ruleId: Uuid.nullable(),
  ruleKind: z.enum(ROUTING_RULE_KINDS).nullable(),
  ruleName: z.string().nullable(),
  explanation: z.string(),
});
export type RoutingDecisionView = z.infer<typeof RoutingDecisionView>;

export const RoutingPreview = z.object({
  facts: RoutingFactsView,
  decision: RoutingDecisionView,
  defaultsApply: z.boolean(),
});
export type RoutingPreview = z.infer<typeof RoutingPreview>;

export const AssignmentView = z.object({
  id: Uuid,
  leadId: Uuid,
  userId: Uuid.nullable(),
  teamId: Uuid.nullable(),
  ruleId: Uuid.nullable(),
  ruleKind: z.enum(ROUTING_RULE_KINDS).nullable(),
  reason: z.enum(ASSIGNMENT_REASONS),
  explanation: z.string(),
  assignedAt: IsoDateTime,
  actorId: Uuid.nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const ASSIGNMENTS_LIMIT_MAX = 100;
export const AssignmentListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(ASSIGNMENTS_LIMIT_MAX).default(20),
});
export const AssignmentList = z.object({
  /** Newest first, at most `limit`. */
  items: z.array(AssignmentView),
  /** True when the lead has older assignments than those returned. */
  truncated: z.boolean(),
});
export type AssignmentList = z.infer<typeof AssignmentList>;
