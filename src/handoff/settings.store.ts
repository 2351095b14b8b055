import type { QueryCreator, Selectable } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import type { HandoffSettingsTable } from './handoff.tables.ts';
import { DEFAULT_CALENDAR, type WorkCalendar } from './work-calendar.ts';

// The org's one handoff_settings row, shared by routing (the round-robin state) and the SLA
// clocks (hours and calendar).

export type HandoffSettingsRow = Selectable<HandoffSettingsTable>;

function selectSettings(db: Executor, orgId: OrgId, forUpdate: boolean) {
  const query = db.selectFrom('handoff_settings').selectAll().where('org_id', '=', orgId);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * The org's settings row locked until the transaction ends (no row before its first use),
 * for a statement that takes the routing lock along with its own work (moveLeadStage).
 */
export function lockedSettingsQuery(db: QueryCreator<Database>, orgId: OrgId) {
  return db.selectFrom('handoff_settings as hs').where('hs.org_id', '=', orgId).forUpdate();
}

/** A settings row that came back as JSON (to_jsonb), with its timestamp as a Date again. */
export function settingsOfJson(
  json: Omit<HandoffSettingsRow, 'updated_at'> & { updated_at: string },
): HandoffSettingsRow {
  return { ...json, updated_at: new Date(json.updated_at) };
}

/**
 * The org's hand-off settings, created with the defaults (8 business hours for each clock,
 * Monday to Friday 09:00–17:00 in the org's time zone, no holidays) the first time anything
 * asks. With `forUpdate` the row stays locked until the transaction ends: routing holds it
 * while it reads and saves the round-robin state, so two MQLs of one org are routed one
 * after the other and every decision sees the previous one's state and open-MQL counts.
 */
export async function loadHandoffSettings(
  db: Executor,
  orgId: OrgId,
  options: { readonly forUpdate: boolean },
): Promise<HandoffSettingsRow> {
  const existing = await selectSettings(db, orgId, options.forUpdate);
  if (existing) return existing;
  const org = await db.selectFrom('orgs').select('time_zone').where('org_id', '=', orgId).executeTakeFirstOrThrow();
  // Two transactions may both find no row; the loser's insert does nothing and it then
  // reads (and waits for the lock on) the winner's row.
  await db
    .insertInto('handoff_settings')
    .values({ org_id: orgId, calendar: JSON.stringify(DEFAULT_CALENDAR(org.time_zone)) })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  const created = await selectSettings(db, orgId, options.forUpdate);
  if (!created) throw new Error(`handoff_settings of org ${orgId} vanished after its insert`);
  return created;
}

export interface SlaSettingsPatch {
  readonly acceptSlaHours: number;
  readonly firstActivitySlaHours: number;
  readonly calendar: WorkCalendar;
  /** Left as it is when absent. */
  readonly autoQualify?: boolean | undefined;
  readonly at: Date;
}

/** Saves the agreement's hours and calendar (the row exists: loadHandoffSettings made it). */
export function saveSlaSettings(db: Executor, orgId: OrgId, patch: SlaSettingsPatch): Promise<HandoffSettingsRow> {
  return db
    .updateTable('handoff_settings')
    .set({
      accept_sla_hours: patch.acceptSlaHours,
      first_activity_sla_hours: patch.firstActivitySlaHours,
      calendar: JSON.stringify(patch.calendar),
      ...(patch.autoQualify === undefined ? {} : { auto_qualify: patch.autoQualify }),
      updated_at: patch.at,
    })
    .where('org_id', '=', orgId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
