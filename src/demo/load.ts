import type { Insertable } from 'kysely';
import { disableAudit } from '../db/audit.ts';
import type { Database, Db, Executor } from '../db/database.ts';
import type { WorkCalendar } from '../handoff/work-calendar.ts';
import type { OrgId } from '../shared/ids.ts';
import type { DemoBatch } from './rows.ts';

// PostgreSQL's wire protocol numbers bind parameters with 16 bits; stay well below.
const MAX_PARAMETERS = 60_000;

type TableName = keyof Database & string;

/** The generated tables in foreign-key order, with the batch field that feeds each. */
const LOAD_ORDER = [
  ['campaigns', 'campaigns'],
  ['campaign_spend', 'spend'],
  ['accounts', 'accounts'],
  ['leads', 'leads'],
  ['touchpoints', 'touchpoints'],
  ['lead_stage_events', 'leadEvents'],
  ['deals', 'deals'],
  ['deal_stage_events', 'dealEvents'],
  ['activities', 'activities'],
  ['lead_assignments', 'assignments'],
  ['sla_clocks', 'clocks'],
  ['marketing_targets', 'targets'],
] as const satisfies readonly (readonly [TableName, keyof DemoBatch])[];

/** Writes one generated batch with multi-row inserts; the caller owns the transaction. */
export async function insertDemoBatch(db: Executor, batch: DemoBatch): Promise<void> {
  for (const [table, field] of LOAD_ORDER) await insertRows(db, table, batch[field]);
}

export async function insertRows<T extends TableName>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + perStatement))
      .execute();
  }
}

// Children before parents: a single cascading delete from orgs fails when a row is reached
// by two cascade paths (lead_stage_events via leads, and via users as actor), so the
// history goes first, in one transaction, and orgs last takes the remaining settings.
const DELETE_ORDER = [
  'notifications',
  'jobs',
  'sla_clocks',
  'lead_assignments',
  'marketing_targets',
  'routing_reps',
  'routing_rules',
  'mql_definitions',
  'handoff_settings',
  'activities',
  'deal_stage_events',
  'deals',
  'lead_stage_events',
  'touchpoints',
  'leads',
  'forms',
  'campaign_spend',
  'campaigns',
  'accounts',
  'api_keys',
  'sessions',
  'invitations',
  'idempotency_keys',
  'channel_overrides',
  'audit_log',
] as const;

/** Removes an organisation and everything it owns. */
export async function deleteOrg(db: Db, orgId: OrgId): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await disableAudit(trx);
    for (const table of DELETE_ORDER) await trx.deleteFrom(table).where('org_id', '=', orgId).execute();
    await trx.updateTable('teams').set({ manager_id: null }).where('org_id', '=', orgId).execute();
    await trx.deleteFrom('users').where('org_id', '=', orgId).execute();
    await trx.deleteFrom('teams').where('org_id', '=', orgId).execute();
    await trx.deleteFrom('orgs').where('org_id', '=', orgId).execute();
  });
}

/** The demo org's hand-off agreement: SLA hours and the business calendar its history used. */
export async function saveDemoHandoffSettings(
  db: Executor,
  orgId: OrgId,
  calendar: WorkCalendar,
  hours: { readonly accept: number; readonly firstActivity: number },
): Promise<void> {
  const values = {
    accept_sla_hours: hours.accept,
    first_activity_sla_hours: hours.firstActivity,
    calendar: JSON.stringify(calendar),
  };
  await db
    .insertInto('handoff_settings')
    .values({ org_id: orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute();
}

/** How many open deals each person owns: the demo signs in as reps with work to show. */
export async function openDealsByOwner(db: Executor, orgId: OrgId): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('deals')
    .select(['owner_id', db.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('outcome', 'is', null)
    .where('owner_id', 'is not', null)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.owner_id ? [[r.owner_id, r.n] as const] : [])));
}

/** How many MQLs wait in each person's queue: the demo signs in as reps whose queue is alive. */
export async function openMqlsByOwner(db: Executor, orgId: OrgId): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('leads')
    .select(['owner_id', db.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('stage', '=', 'mql')
    .where('merged_into_id', 'is', null)
    .where('owner_id', 'is not', null)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.owner_id ? [[r.owner_id, r.n] as const] : [])));
}
