import { z } from 'zod';
import { IsoDateTime } from '../shared/schema.ts';

// The service-level agreement's settings: how many business hours sales has to accept or
// reject an MQL and then to work it, and the calendar those hours are counted in.

const Interval = z.strictObject({
  /** Local time 'HH:MM'. */
  start: z.string().max(5),
  /** Local time 'HH:MM', or '24:00' for midnight. */
  end: z.string().max(5),
});
const Intervals = z.array(Interval).max(12).optional();

export const WorkCalendarSchema = z.strictObject({
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: z.string().min(1).max(100),
  /** Working intervals per ISO weekday: 1 is Monday, 7 is Sunday; a day left out is not worked. */
  days: z.strictObject({
    1: Intervals,
    2: Intervals,
    3: Intervals,
    4: Intervals,
    5: Intervals,
    6: Intervals,
    7: Intervals,
  }),
  /** Local dates 'YYYY-MM-DD' on which nobody works. */
  holidays: z.array(z.string().max(10)).max(1000),
});
export type WorkCalendarSchema = z.infer<typeof WorkCalendarSchema>;

const Hours = z.number().positive().max(2000);

export const SlaSettings = z.object({
  acceptSlaHours: z.number(),
  firstActivitySlaHours: z.number(),
  calendar: WorkCalendarSchema,
  autoQualify: z.boolean(),
  updatedAt: IsoDateTime,
});
export type SlaSettings = z.infer<typeof SlaSettings>;

export const SlaSettingsInput = z.strictObject({
  /** Business hours from assignment to accept or reject; rounded to hundredths. */
  acceptSlaHours: Hours,
  /** Business hours from acceptance to the owner's first activity; rounded to hundredths. */
  firstActivitySlaHours: Hours,
  calendar: WorkCalendarSchema,
  /**
   * Score and qualify leads on every capture and update (default true). Off: leads become
   * MQLs only by hand, and are then routed and clocked as usual. Left as it is when absent.
   */
  autoQualify: z.boolean().optional(),
});
export type SlaSettingsInput = z.infer<typeof SlaSettingsInput>;
