import { z } from 'zod';
import { CHANNELS } from '../capture/constants.ts';

// Marketing's side of the agreement: per month and segment ('all', or a source channel) the
// MQLs marketing promises and the share of them sales should accept. Imports only zod and
// constants, so the web app shares these types.

export const TARGET_SEGMENTS = ['all', ...CHANNELS] as const;
export type TargetSegment = (typeof TARGET_SEGMENTS)[number];

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM such as 2026-03');

export const TargetsQuery = z.strictObject({
  /** Defaults to the current month in the org's time zone. */
  month: Month.optional(),
});
export type TargetsQuery = z.infer<typeof TargetsQuery>;

export const TargetPut = z.strictObject({
  month: Month,
  segment: z.enum(TARGET_SEGMENTS),
  mqlTarget: z.number().int().min(0).max(1_000_000),
  /** The share of the segment's decided MQLs sales should accept, 0 to 1; null for none. */
  acceptRateTarget: z.number().min(0).max(1).nullable().optional(),
});
export type TargetPut = z.infer<typeof TargetPut>;

export const Target = z.object({
  month: Month,
  segment: z.string(),
  mqlTarget: z.number().int(),
  acceptRateTarget: z.number().nullable(),
});
export type Target = z.infer<typeof Target>;

export const TargetList = z.object({ month: Month, items: z.array(Target) });
export type TargetList = z.infer<typeof TargetList>;
