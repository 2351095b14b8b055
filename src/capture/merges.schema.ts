import { z } from 'zod';
import { IsoDateTime, LeadIdSchema, Uuid } from '../shared/schema.ts';
import { MERGE_FIELDS, MERGE_SIDES } from './constants.ts';

export const LeadMergeInput = z.strictObject({
  /** The lead that stays. */
  survivorId: LeadIdSchema,
  /** The lead that is merged into the survivor and then hidden. */
  mergedId: LeadIdSchema,
  /** Per field, whose value the survivor keeps; by default its empty fields are filled. */
  fields: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(MERGE_SIDES)).optional(),
});
export type LeadMergeInput = z.infer<typeof LeadMergeInput>;

export const LeadMerge = z.object({
  id: Uuid,
  survivorId: Uuid,
  mergedId: Uuid,
  mergedAt: IsoDateTime,
  mergedBy: Uuid,
  undoneAt: IsoDateTime.nullable(),
  undoneBy: Uuid.nullable(),
  /** The survivor's fields the merge wrote. */
  filledFields: z.array(z.enum(MERGE_FIELDS)),
  /** How many child rows moved from the merged lead to the survivor. */
  moved: z.object({ touchpoints: z.number().int(), activities: z.number().int(), deals: z.number().int() }),
});
export type LeadMerge = z.infer<typeof LeadMerge>;

export const LeadMergeList = z.object({ items: z.array(LeadMerge) });
export type LeadMergeList = z.infer<typeof LeadMergeList>;

export const LeadMergeListQuery = z.object({ leadId: LeadIdSchema });
export type LeadMergeListQuery = z.infer<typeof LeadMergeListQuery>;

export const LeadMergeParams = z.object({ id: Uuid });
