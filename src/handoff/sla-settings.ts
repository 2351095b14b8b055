import type { Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type HandoffSettingsRow, loadHandoffSettings, saveSlaSettings } from './settings.store.ts';
import type { SlaSettings, SlaSettingsInput } from './sla-settings.schema.ts';
import { validateCalendar, WEEKDAYS } from './work-calendar.ts';

// Reading and changing the agreement's hours and calendar. A change applies to clocks
// started after it: a running clock keeps the deadline it was given when it started, so
// nobody's deadline moves under them.

export async function getSlaSettings(trx: Trx, ctx: CommandContext): Promise<SlaSettings> {
  return toSlaSettings(await loadHandoffSettings(trx, ctx.actor.orgId, { forUpdate: false }));
}

export async function putSlaSettings(trx: Trx, ctx: CommandContext, input: SlaSettingsInput): Promise<SlaSettings> {
  const problem = validateCalendar(input.calendar);
  if (problem) {
    const field = `calendar.${problem.field}`;
    throw new AppError('validation_failed', `${field}: ${problem.message}`, field);
  }
  for (const field of ['acceptSlaHours', 'firstActivitySlaHours'] as const) {
    if (Math.round(input[field] * 100) === 0) {
      throw new AppError('validation_failed', `${field}: must be at least 0.01 hours`, field);
    }
  }
  await loadHandoffSettings(trx, ctx.actor.orgId, { forUpdate: true });
  const row = await saveSlaSettings(trx, ctx.actor.orgId, {
    acceptSlaHours: Math.round(input.acceptSlaHours * 100) / 100,
    firstActivitySlaHours: Math.round(input.firstActivitySlaHours * 100) / 100,
    calendar: input.calendar,
    autoQualify: input.autoQualify,
    at: ctx.now,
  });
  return toSlaSettings(row);
}

function toSlaSettings(row: HandoffSettingsRow): SlaSettings {
  return {
    acceptSlaHours: row.accept_sla_hours,
    firstActivitySlaHours: row.first_activity_sla_hours,
    calendar: {
      timeZone: row.calendar.timeZone,
      days: Object.fromEntries(
        WEEKDAYS.flatMap((d) => {
          const intervals = row.calendar.days[d];
          return intervals ? [[d, intervals.map((i) => ({ start: i.start, end: i.end }))]] : [];
        }),
      ),
      holidays: [...row.calendar.holidays],
    },
    autoQualify: row.auto_qualify,
    updatedAt: row.updated_at.toISOString(),
  };
}
