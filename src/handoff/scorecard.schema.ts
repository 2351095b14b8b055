import { z } from 'zod';
import { IsoDateTime, Uuid } from '../shared/schema.ts';
import { Month } from './targets.schema.ts';

// GET /api/v1/handoff/scorecard: how both sides kept the agreement in one month. Imports
// only zod (and sibling schemas), so the web app shares these types.

export const ScorecardQuery = z.strictObject({
  /** Defaults to the current month in the org's time zone. */
  month: Month.optional(),
});
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;

export const ReasonCount = z.object({ code: z.string(), label: z.string(), count: z.number().int() });

/** Sales' side, over the accept clocks started in the month (and first-activity clocks likewise). */
export const SalesFigures = z.object({
  /** MQLs received: accept clocks started in the month. */
  received: z.number().int(),
  accepted: z.number().int(),
  /** Accepted no later than the clock's due time. */
  acceptedWithinSla: z.number().int(),
  /** acceptedWithinSla / received; null when nothing was received. */
  withinSlaRate: z.number().nullable(),
  /** Business minutes from start to acceptance, over the accepted clocks. */
  medianMinutesToAccept: z.number().nullable(),
  p90MinutesToAccept: z.number().nullable(),
  rejected: z.number().int(),
  /** rejected / received. */
  rejectRate: z.number().nullable(),
  recycled: z.number().int(),
  /** Clocks moved to another owner (a rep was deactivated). */
  reassigned: z.number().int(),
  /** Still running. */
  open: z.number().int(),
  /** Accept clocks that breached (running past due, or stopped after it). */
  breaches: z.number().int(),
  /** First-activity clocks started in the month that a first activity stopped. */
  firstActivities: z.number().int(),
  medianMinutesToFirstActivity: z.number().nullable(),
  firstActivityBreaches: z.number().int(),
  /** Reject reason codes of the rejected MQLs, most frequent first. */
  rejectReasons: z.array(ReasonCount),
});
export type SalesFigures = z.infer<typeof SalesFigures>;

export const ScorecardRep = SalesFigures.extend({
  userId: Uuid,
  name: z.string(),
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  active: z.boolean(),
});
export type ScorecardRep = z.infer<typeof ScorecardRep>;

export const ScorecardTeam = SalesFigures.extend({
  /** Null for clocks of people in no team. */
  teamId: Uuid.nullable(),
  name: z.string(),
});
export type ScorecardTeam = z.infer<typeof ScorecardTeam>;

export const MarketingSegment = z.object({
  /** 'all', or a source channel. */
  segment: z.string(),
  /** MQLs delivered: moves into mql in the month (stage events) of leads in the segment. */
  delivered: z.number().int(),
  /** Of those, how many sales has decided (the next move out of mql) and accepted. */
  decided: z.number().int(),
  accepted: z.number().int(),
  /** accepted / decided; null before any decision. */
  acceptRate: z.number().nullable(),
  mqlTarget: z.number().int().nullable(),
  acceptRateTarget: z.number().nullable(),
  /** delivered / mqlTarget; null without a target (or a target of 0). */
  progress: z.number().nullable(),
});
export type MarketingSegment = z.infer<typeof MarketingSegment>;

export const Scorecard = z.object({
  month: Month,
  timeZone: z.string(),
  from: IsoDateTime,
  to: IsoDateTime,
  /** Share of the month already past at `now`, to judge progress against a monthly target. */
  monthElapsed: z.number(),
  reps: z.array(ScorecardRep),
  teams: z.array(ScorecardTeam),
  total: SalesFigures,
  marketing: z.array(MarketingSegment),
  /** What the figures counted, so every number can be traced. */
  counted: z.object({
    acceptClocks: z.number().int(),
    firstActivityClocks: z.number().int(),
    mqlEvents: z.number().int(),
    definition: z.string(),
  }),
});
export type Scorecard = z.infer<typeof Scorecard>;
