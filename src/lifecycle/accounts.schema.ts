import { z } from 'zod';
import { AccountIdSchema, CustomValues, IsoDateTime, PageQuery, UserIdSchema, Uuid } from '../shared/schema.ts';

export const AccountIdParams = z.object({ id: AccountIdSchema });

export const Account = z.object({
  id: Uuid,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employeeCount: z.number().int().nullable(),
  country: z.string().nullable(),
  ownerId: Uuid.nullable(),
  externalId: z.string().nullable(),
  custom: CustomValues,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Account = z.infer<typeof Account>;

// A bare host name such as acme.io; the command stores it lower-cased so it matches once.
const Domain = z
  .string()
  .trim()
  .max(253)
  .regex(/^(?!-)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/, 'a domain such as acme.io, without scheme or path');

const AccountFields = {
  name: z.string().trim().min(1).max(200),
  domain: Domain.nullable().optional(),
  industry: z.string().trim().min(1).max(100).nullable().optional(),
  employeeCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  country: z.string().trim().min(1).max(100).nullable().optional(),
  ownerId: UserIdSchema.nullable().optional(),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  custom: CustomValues.optional(),
};

export const AccountCreate = z.strictObject(AccountFields);
export type AccountCreate = z.infer<typeof AccountCreate>;
export const AccountUpdate = z.strictObject({ ...AccountFields, name: AccountFields.name.optional() });
export type AccountUpdate = z.infer<typeof AccountUpdate>;

export const ACCOUNT_SORTS = ['createdAt', 'name'] as const;
export const AccountListQuery = PageQuery.extend({
  ownerId: z.union([UserIdSchema, z.literal('none')]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  industry: z.string().max(100).optional(),
  country: z.string().max(100).optional(),
  sort: z.enum(ACCOUNT_SORTS).default('createdAt'),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;
