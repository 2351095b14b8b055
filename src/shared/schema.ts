import { z } from 'zod';

// Building blocks shared by every feature's zod schemas (imports only zod).
export const Uuid = z.uuid({ version: 'v7' }).or(z.uuid());
export const UserIdSchema = Uuid.brand<'UserId'>();
export const TeamIdSchema = Uuid.brand<'TeamId'>();
export const AccountIdSchema = Uuid.brand<'AccountId'>();
export const LeadIdSchema = Uuid.brand<'LeadId'>();
export const DealIdSchema = Uuid.brand<'DealId'>();
export const CampaignIdSchema = Uuid.brand<'CampaignId'>();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');
export const AmountMinor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const ReasonCode = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a lower-case code such as no_budget');
export const Note = z.string().max(10_000);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const CustomValues = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
  z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]),
);

export const IdParams = z.object({ id: Uuid });
