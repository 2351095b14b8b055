import { z } from 'zod';
import { CustomValues, IsoDateTime, PageQuery, Uuid } from '../shared/schema.ts';
import { CHANNELS, TOUCHPOINT_TYPES } from './constants.ts';

const Text = z.string().trim().min(1).max(500).nullable().optional();
const Utm = z.string().trim().min(1).max(200).nullable().optional();
const Link = z.string().trim().min(1).max(2000).nullable().optional();

export const IngestLead = z.strictObject({
  email: z.email().max(320).nullable().optional(),
  firstName: Text,
  lastName: Text,
  phone: z.string().trim().min(1).max(50).nullable().optional(),
  title: Text,
  company: Text,
  /** An ISO 3166 code such as DE lets a national phone number be read. */
  country: z.string().trim().min(1).max(100).nullable().optional(),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  custom: CustomValues.optional(),
});
export type IngestLead = z.infer<typeof IngestLead>;

export const IngestTouchpoint = z.strictObject({
  type: z.enum(TOUCHPOINT_TYPES),
  /** The landing page; its UTM parameters and click ids are read. */
  url: Link,
  referrer: Link,
  /** Defaults to now; never in the future. */
  occurredAt: IsoDateTime.optional(),
  utmSource: Utm,
  utmMedium: Utm,
  utmCampaign: Utm,
  utmTerm: Utm,
  utmContent: Utm,
});
export type IngestTouchpoint = z.infer<typeof IngestTouchpoint>;

export const IngestItem = z.strictObject({ lead: IngestLead, touchpoint: IngestTouchpoint });
export type IngestItem = z.infer<typeof IngestItem>;

export const IngestResult = z.object({
  leadId: Uuid,
  /** False when the person was already a lead and this arrival became a touchpoint on it. */
  created: z.boolean(),
  touchpointId: Uuid,
  channel: z.enum(CHANNELS),
  campaignId: Uuid.nullable(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const MAX_BATCH_ITEMS = 1000;

// Items are validated one by one, so one bad item is reported without failing the others.
export const IngestBatch = z.strictObject({
  items: z.array(z.unknown().describe('an ingest item: { lead, touchpoint }')).min(1).max(MAX_BATCH_ITEMS),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

export const ItemError = z.object({ code: z.string(), message: z.string(), field: z.string().optional() });
export type ItemError = z.infer<typeof ItemError>;

export const BatchItemResult = z.union([
  IngestResult.extend({ index: z.number().int(), ok: z.literal(true) }),
  z.object({ index: z.number().int(), ok: z.literal(false), error: ItemError }),
]);
export type BatchItemResult = z.infer<typeof BatchItemResult>;

export const BatchResult = z.object({ results: z.array(BatchItemResult) });
export type BatchResult = z.infer<typeof BatchResult>;

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe('1–200 characters; a retry with the same key and body answers the first answer again'),
});

export const ChannelOverrideItem = z.strictObject({
  source: z.string().trim().min(1).max(200).optional(),
  medium: z.string().trim().min(1).max(200).optional(),
  campaignPattern: z.string().trim().min(1).max(200).optional(),
  channel: z.enum(CHANNELS),
});
export type ChannelOverrideItem = z.infer<typeof ChannelOverrideItem>;

export const ChannelOverrideList = z.strictObject({ items: z.array(ChannelOverrideItem).max(200) });
export type ChannelOverrideList = z.infer<typeof ChannelOverrideList>;

export const DUPLICATE_REASONS = ['email', 'name_company', 'phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const DuplicateGroup = z.object({
  reason: z.enum(DUPLICATE_REASONS),
  /** The shared value: a normalised e-mail, an E.164 phone, or "first last @ company" lower-cased. */
  key: z.string(),
  /** Oldest first, at most 50; `count` says how many leads share the value. */
  leadIds: z.array(Uuid),
  count: z.number().int(),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

export const DuplicateListQuery = PageQuery.extend({
  reason: z.enum(DUPLICATE_REASONS).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type DuplicateListQuery = z.infer<typeof DuplicateListQuery>;
