import { z } from 'zod';
import {
  AmountMinor,
  CampaignIdSchema,
  Currency,
  IsoDate,
  IsoDateTime,
  LeadIdSchema,
  PageQuery,
  Uuid,
} from '../shared/schema.ts';
import { CHANNELS, TOUCHPOINT_TYPES } from './constants.ts';

export const ChannelSchema = z.enum(CHANNELS);
export const CampaignIdParams = z.object({ id: CampaignIdSchema });

export const Campaign = z.object({
  id: Uuid,
  name: z.string(),
  channel: z.string(),
  utmCampaign: z.string().nullable(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  budgetMinor: z.number().int().nullable(),
  currency: z.string(),
  parentId: Uuid.nullable(),
  externalId: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Campaign = z.infer<typeof Campaign>;

const CampaignFields = {
  name: z.string().trim().min(1).max(200),
  channel: ChannelSchema,
  utmCampaign: z.string().trim().min(1).max(200).nullable().optional(),
  startsOn: IsoDate.nullable().optional(),
  endsOn: IsoDate.nullable().optional(),
  budgetMinor: AmountMinor.nullable().optional(),
  currency: Currency.optional(),
  parentId: CampaignIdSchema.nullable().optional(),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
};

export const CampaignCreate = z.strictObject(CampaignFields);
export type CampaignCreate = z.infer<typeof CampaignCreate>;
export const CampaignUpdate = z.strictObject({
  ...CampaignFields,
  name: CampaignFields.name.optional(),
  channel: CampaignFields.channel.optional(),
});
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const CAMPAIGN_SORTS = ['createdAt', 'name', 'startsOn'] as const;
export const CampaignListQuery = PageQuery.extend({
  channel: ChannelSchema.optional(),
  parentId: z.union([CampaignIdSchema, z.literal('none')]).optional(),
  /** Campaigns running on this day: started on or before it and not ended before it. */
  activeOn: IsoDate.optional(),
  sort: z.enum(CAMPAIGN_SORTS).default('createdAt'),
});
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;

export const SpendParams = z.object({ id: CampaignIdSchema, day: IsoDate });
export type SpendParams = z.infer<typeof SpendParams>;
export const SpendPut = z.strictObject({ amountMinor: AmountMinor, currency: Currency.optional() });
export type SpendPut = z.infer<typeof SpendPut>;
export const SpendDay = z.object({ day: IsoDate, amountMinor: z.number().int(), currency: z.string() });
export type SpendDay = z.infer<typeof SpendDay>;
export const SpendQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export type SpendQuery = z.infer<typeof SpendQuery>;
export const SpendList = z.object({
  campaignId: Uuid,
  items: z.array(SpendDay),
  total: z.object({ amountMinor: z.number().int(), currency: z.string() }),
});
export type SpendList = z.infer<typeof SpendList>;

export const Touchpoint = z.object({
  id: Uuid,
  leadId: Uuid,
  type: z.string(),
  occurredAt: IsoDateTime,
  campaignId: Uuid.nullable(),
  channel: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  utmTerm: z.string().nullable(),
  utmContent: z.string().nullable(),
  url: z.string().nullable(),
  referrer: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type Touchpoint = z.infer<typeof Touchpoint>;

const Utm = z.string().trim().min(1).max(200).nullable().optional();
const Link = z.string().trim().min(1).max(2000).nullable().optional();

export const LeadIdParams = z.object({ id: LeadIdSchema });
export const TouchpointCreate = z.strictObject({
  type: z.enum(TOUCHPOINT_TYPES),
  occurredAt: IsoDateTime,
  campaignId: CampaignIdSchema.nullable().optional(),
  /** Defaults to the campaign's channel. */
  channel: ChannelSchema.nullable().optional(),
  utmSource: Utm,
  utmMedium: Utm,
  utmCampaign: Utm,
  utmTerm: Utm,
  utmContent: Utm,
  url: Link,
  referrer: Link,
});
export type TouchpointCreate = z.infer<typeof TouchpointCreate>;

export const TouchpointListQuery = PageQuery.extend({
  leadId: LeadIdSchema.optional(),
  campaignId: CampaignIdSchema.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  sort: z.enum(['occurredAt']).default('occurredAt'),
});
export type TouchpointListQuery = z.infer<typeof TouchpointListQuery>;
