import { z } from 'zod';
import {
  AccountIdSchema,
  DealIdSchema,
  IsoDateTime,
  LeadIdSchema,
  Note,
  PageQuery,
  UserIdSchema,
  Uuid,
} from '../shared/schema.ts';
import { ACTIVITY_DIRECTIONS, ACTIVITY_ORIGINS, ACTIVITY_TYPES } from './constants.ts';

export const ActivityIdParams = z.object({ id: Uuid.brand<'ActivityId'>() });

export const Activity = z.object({
  id: Uuid,
  type: z.enum(ACTIVITY_TYPES),
  occurredAt: IsoDateTime,
  subject: z.string().nullable(),
  body: z.string().nullable(),
  direction: z.enum(ACTIVITY_DIRECTIONS).nullable(),
  origin: z.enum(ACTIVITY_ORIGINS),
  userId: Uuid.nullable(),
  leadId: Uuid.nullable(),
  dealId: Uuid.nullable(),
  accountId: Uuid.nullable(),
  dueAt: IsoDateTime.nullable(),
  completedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Activity = z.infer<typeof Activity>;

const Subject = z.string().trim().min(1).max(500).nullable().optional();

// An activity is about at least one lead, deal or account; the command names `leadId`
// when none is given.
export const ActivityCreate = z.strictObject({
  type: z.enum(ACTIVITY_TYPES),
  /** Defaults to now. */
  occurredAt: IsoDateTime.optional(),
  subject: Subject,
  body: Note.nullable().optional(),
  direction: z.enum(ACTIVITY_DIRECTIONS).nullable().optional(),
  /** Defaults to `api`. */
  origin: z.enum(ACTIVITY_ORIGINS).optional(),
  /** Who did it; defaults to the caller. */
  userId: UserIdSchema.optional(),
  leadId: LeadIdSchema.nullable().optional(),
  dealId: DealIdSchema.nullable().optional(),
  accountId: AccountIdSchema.nullable().optional(),
  /** Tasks only. */
  dueAt: IsoDateTime.nullable().optional(),
});
export type ActivityCreate = z.infer<typeof ActivityCreate>;

export const ActivityUpdate = z.strictObject({
  subject: Subject,
  body: Note.nullable().optional(),
  occurredAt: IsoDateTime.optional(),
  /** Tasks only. */
  dueAt: IsoDateTime.nullable().optional(),
  /** Tasks only; null reopens the task. */
  completedAt: IsoDateTime.nullable().optional(),
});
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

export const ActivityListQuery = PageQuery.extend({
  leadId: LeadIdSchema.optional(),
  dealId: DealIdSchema.optional(),
  accountId: AccountIdSchema.optional(),
  userId: UserIdSchema.optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  /** `true`: tasks not yet completed; `false`: completed tasks. */
  open: z.stringbool().optional(),
  sort: z.enum(['occurredAt']).default('occurredAt'),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;
