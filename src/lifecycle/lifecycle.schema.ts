import { z } from 'zod';
import {
  AccountIdSchema,
  AmountMinor,
  CampaignIdSchema,
  Currency,
  CustomValues,
  IsoDate,
  IsoDateTime,
  LeadIdSchema,
  Note,
  PageQuery,
  ReasonCode,
  TeamIdSchema,
  UserIdSchema,
  Uuid,
} from '../shared/schema.ts';
import { DEAL_OUTCOMES, DEAL_STAGE_KINDS, LEAD_STAGES, REASON_KINDS } from './constants.ts';

export const LeadStageSchema = z.enum(LEAD_STAGES);
const Name = z.string().trim().min(1).max(200);
const OptionalText = z.string().trim().max(500).nullable().optional();

export const Lead = z.object({
  id: Uuid,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  companyName: z.string().nullable(),
  country: z.string().nullable(),
  accountId: Uuid.nullable(),
  ownerId: Uuid.nullable(),
  /** The team whose queue the lead is in; assigning an owner sets it to the owner's team. */
  teamId: Uuid.nullable(),
  stage: LeadStageSchema,
  stageChangedAt: IsoDateTime,
  sourceChannel: z.string().nullable(),
  firstCampaignId: Uuid.nullable(),
  score: z.number().int(),
  externalId: z.string().nullable(),
  custom: CustomValues,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Lead = z.infer<typeof Lead>;

const LeadFields = {
  firstName: OptionalText,
  lastName: OptionalText,
  email: z.email().max(320).nullable().optional(),
  phone: z.string().trim().max(50).nullable().optional(),
  title: OptionalText,
  companyName: OptionalText,
  /** An ISO 3166 code such as DE reads national phone numbers; any other text is kept as written. */
  country: z.string().trim().min(1).max(100).nullable().optional(),
  accountId: AccountIdSchema.nullable().optional(),
  ownerId: UserIdSchema.nullable().optional(),
  teamId: TeamIdSchema.nullable().optional(),
  sourceChannel: z.string().trim().max(100).nullable().optional(),
  firstCampaignId: CampaignIdSchema.nullable().optional(),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  custom: CustomValues.optional(),
};

export const LeadCreate = z.strictObject(LeadFields);
export type LeadCreate = z.infer<typeof LeadCreate>;

// `stage` is deliberately absent: a stage changes only through a transition command.
export const LeadUpdate = z.strictObject(LeadFields);
export type LeadUpdate = z.infer<typeof LeadUpdate>;

export const LEAD_SORTS = ['createdAt', 'updatedAt', 'score', 'lastName'] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).min(1));

export const LeadListQuery = PageQuery.extend({
  stage: csv(LeadStageSchema).optional(),
  ownerId: z.union([UserIdSchema, z.literal('none')]).optional(),
  source: z.string().max(100).optional(),
  campaignId: CampaignIdSchema.optional(),
  accountId: AccountIdSchema.optional(),
  createdFrom: IsoDateTime.optional(),
  createdTo: IsoDateTime.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(LEAD_SORTS).default('createdAt'),
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const DealDraft = z.strictObject({
  name: Name.optional(),
  amountMinor: AmountMinor.default(0),
  currency: Currency.optional(),
  expectedCloseOn: IsoDate.nullable().optional(),
  accountId: AccountIdSchema.nullable().optional(),
  ownerId: UserIdSchema.nullable().optional(),
  stage: z.string().optional(),
});
export type DealDraft = z.infer<typeof DealDraft>;

export const LeadTransitionInput = z.strictObject({
  to: LeadStageSchema,
  reasonCode: ReasonCode.nullable().optional(),
  note: Note.nullable().optional(),
  occurredAt: IsoDateTime.optional(),
  /** Required when `to` is `opportunity`: the deal that the conversion creates. */
  deal: DealDraft.optional(),
});
export type LeadTransitionInput = z.infer<typeof LeadTransitionInput>;

export const StageEvent = z.object({
  id: Uuid,
  fromStage: z.string().nullable(),
  toStage: z.string(),
  occurredAt: IsoDateTime,
  actorId: Uuid.nullable(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  /** A lead's move into mql by qualification: the MQL definition version it qualified under. */
  ruleVersion: z.number().int().nullable().optional(),
});
export type StageEvent = z.infer<typeof StageEvent>;

export const Deal = z.object({
  id: Uuid,
  name: z.string(),
  accountId: Uuid.nullable(),
  leadId: Uuid.nullable(),
  ownerId: Uuid.nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  stage: z.string(),
  stageChangedAt: IsoDateTime,
  expectedCloseOn: IsoDate.nullable(),
  closedAt: IsoDateTime.nullable(),
  outcome: z.enum(DEAL_OUTCOMES).nullable(),
  reasonCode: z.string().nullable(),
  competitor: z.string().nullable(),
  externalId: z.string().nullable(),
  custom: CustomValues,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Deal = z.infer<typeof Deal>;

export const LeadTransitionResult = z.object({ lead: Lead, event: StageEvent, deal: Deal.nullable() });

const DealFields = {
  name: Name,
  accountId: AccountIdSchema.nullable().optional(),
  leadId: LeadIdSchema.nullable().optional(),
  ownerId: UserIdSchema.nullable().optional(),
  amountMinor: AmountMinor.optional(),
  currency: Currency.optional(),
  expectedCloseOn: IsoDate.nullable().optional(),
  competitor: OptionalText,
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  custom: CustomValues.optional(),
};

export const DealCreate = z.strictObject({ ...DealFields, stage: z.string().optional() });
export type DealCreate = z.infer<typeof DealCreate>;
export const DealUpdate = z.strictObject({ ...DealFields, name: Name.optional() });
export type DealUpdate = z.infer<typeof DealUpdate>;

export const DEAL_SORTS = ['createdAt', 'updatedAt', 'amount', 'expectedCloseOn'] as const;
export const DealListQuery = PageQuery.extend({
  stage: csv(z.string()).optional(),
  ownerId: z.union([UserIdSchema, z.literal('none')]).optional(),
  accountId: AccountIdSchema.optional(),
  leadId: LeadIdSchema.optional(),
  outcome: z.enum([...DEAL_OUTCOMES, 'open']).optional(),
  createdFrom: IsoDateTime.optional(),
  createdTo: IsoDateTime.optional(),
  sort: z.enum(DEAL_SORTS).default('createdAt'),
});
export type DealListQuery = z.infer<typeof DealListQuery>;

export const DealTransitionInput = z.strictObject({
  to: z.string().min(1),
  reasonCode: ReasonCode.nullable().optional(),
  note: Note.nullable().optional(),
  competitor: OptionalText,
  occurredAt: IsoDateTime.optional(),
});
export type DealTransitionInput = z.infer<typeof DealTransitionInput>;

export const DealTransitionResult = z.object({ deal: Deal, event: StageEvent, lead: Lead.nullable() });

export const ReasonCodeSchema = z.object({
  kind: z.enum(REASON_KINDS),
  code: ReasonCode,
  label: z.string().trim().min(1).max(200),
  active: z.boolean().default(true),
  position: z.number().int().min(0).default(0),
});

export const DealStageSchema = z.object({
  key: ReasonCode,
  label: z.string().trim().min(1).max(100),
  kind: z.enum(DEAL_STAGE_KINDS),
  probability: z.number().int().min(0).max(100),
});
