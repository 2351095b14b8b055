import { type Insertable, type QueryCreator, type Selectable, sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { LeadId, OrgId, SlaClockId, TeamId, UserId } from '../shared/ids.ts';
import type { SlaClocksTable, SlaKind, SlaOutcome } from './handoff.tables.ts';
import type { NewJob } from './jobs.store.ts';

// SQL of the SLA clocks, and of the few facts around them the clocks need: who manages a
// team, and the lead's owner (cleared when the lead is recycled).

export type SlaClockRow = Selectable<SlaClocksTable>;

export function insertClock(db: Executor, orgId: OrgId, row: Omit<Insertable<SlaClocksTable>, 'org_id'>) {
  return db
    .insertInto('sla_clocks')
    .values({ ...row, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A running clock to insert, and the jobs that watch it (sla-clocks.ts). */
export interface WatchedClock {
  readonly row: Omit<Insertable<SlaClocksTable>, 'org_id'>;
  readonly watchers: readonly NewJob[];
}

/**
 * Inserts a running clock unless one of its kind already runs for the lead (then nothing is
 * written and undefined returned), and with it, in the same statement, the jobs that watch it.
 */
export function insertWatchedClockUnlessRunning(db: Executor, orgId: OrgId, clock: WatchedClock) {
  return withWatchedClock(db, orgId, clock).selectFrom('clock').selectAll().executeTakeFirst();
}

/**
 * The two CTEs of insertWatchedClockUnlessRunning, `clock` (the inserted row, none when a
 * clock of its kind runs already) and `watch` (its jobs), added to a statement under way.
 */
export function withWatchedClock(db: QueryCreator<Database>, orgId: OrgId, clock: WatchedClock) {
  const values = sql.join(
    clock.watchers.map(
      (job) =>
        sql`(cast(${job.id} as uuid), ${job.kind}, cast(${job.runAt} as timestamptz), cast(${JSON.stringify(job.payload)} as jsonb), ${job.dedupeKey})`,
    ),
  );
  return db
    .with('clock', (db) =>
      db
        .insertInto('sla_clocks')
        .values({ ...clock.row, org_id: orgId })
        .onConflict((oc) => oc.columns(['org_id', 'lead_id', 'kind']).where('stopped_at', 'is', null).doNothing())
        .returningAll(),
    )
    .with('watch', (db) =>
      db
        .insertInto('jobs')
        .columns(['org_id', 'id', 'kind', 'run_at', 'payload', 'dedupe_key'])
        .expression((eb) =>
          eb
            .selectFrom([
              'clock',
              sql<{
                id: string;
                kind: string;
                run_at: Date;
                payload: string;
                dedupe_key: string | null;
              }>`(values ${values})`.as<'w'>(sql`w(id, kind, run_at, payload, dedupe_key)`),
            ])
            .select(['clock.org_id', 'w.id', 'w.kind', 'w.run_at', 'w.payload', 'w.dedupe_key']),
        )
        .returning('id'),
    );
}

/** The running clocks of a lead (at most one per kind), locked until the transaction ends. */
export function listRunningClocks(db: Executor, orgId: OrgId, leadId: LeadId, kind?: SlaKind) {
  let query = db
    .selectFrom('sla_clocks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .where('stopped_at', 'is', null);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('kind').forUpdate().execute();
}

export function findClock(db: Executor, orgId: OrgId, id: SlaClockId, options: { forUpdate?: boolean } = {}) {
  const query = db.selectFrom('sla_clocks').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export function listClocksOfLead(db: Executor, orgId: OrgId, leadId: LeadId) {
  return db
    .selectFrom('sla_clocks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

export async function stopClockRow(
  db: Executor,
  orgId: OrgId,
  id: SlaClockId,
  stop: { readonly at: Date; readonly outcome: SlaOutcome; readonly businessMinutes: number },
): Promise<SlaClockRow> {
  return db
    .updateTable('sla_clocks')
    .set({ stopped_at: stop.at, outcome: stop.outcome, business_minutes: stop.businessMinutes })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markClockWarned(db: Executor, orgId: OrgId, id: SlaClockId, at: Date): Promise<void> {
  await db.updateTable('sla_clocks').set({ warned_at: at }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function markClockBreached(
  db: Executor,
  orgId: OrgId,
  id: SlaClockId,
  breach: { readonly at: Date; readonly escalatedTo: UserId | null },
): Promise<void> {
  await db
    .updateTable('sla_clocks')
    .set({ breached_at: breach.at, escalated_to: breach.escalatedTo })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/**
 * Who answers for a clock's breach: the manager of the owner's team (the clock's team when
 * the owner has none, or the clock has no owner). Null when that team has no active manager.
 */
export async function findEscalationManager(
  db: Executor,
  orgId: OrgId,
  ownerId: UserId | null,
  teamId: TeamId | null,
): Promise<UserId | null> {
  const owner = ownerId
    ? await db
        .selectFrom('users')
        .select('team_id')
        .where('org_id', '=', orgId)
        .where('id', '=', ownerId)
        .executeTakeFirst()
    : undefined;
  const team = owner?.team_id ?? teamId;
  if (!team) return null;
  const row = await db
    .selectFrom('teams as t')
    .innerJoin('users as m', (join) => join.onRef('m.org_id', '=', 't.org_id').onRef('m.id', '=', 't.manager_id'))
    .select('m.id')
    .where('t.org_id', '=', orgId)
    .where('t.id', '=', team)
    .where('m.active', '=', true)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A recycled lead leaves its rep's queue: the owner goes, the team (whose queue it was) stays. */
/** Returns the lead as it is now. */
export function clearLeadOwner(db: Executor, orgId: OrgId, leadId: LeadId, at: Date) {
  return db
    .updateTable('leads')
    .set({ owner_id: null, updated_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', leadId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The lead's owner and queue as they are now. */
export function findLeadOwner(db: Executor, orgId: OrgId, leadId: LeadId) {
  return db
    .selectFrom('leads')
    .select(['owner_id', 'team_id', 'stage'])
    .where('org_id', '=', orgId)
    .where('id', '=', leadId)
    .executeTakeFirst();
}

/** A lead changed hands: its running clocks follow it, keeping their deadlines. */
export async function moveRunningClocks(
  db: Executor,
  orgId: OrgId,
  leadId: LeadId,
  to: { readonly ownerId: UserId | null; readonly teamId: TeamId | null },
): Promise<number> {
  const result = await db
    .updateTable('sla_clocks')
    .set({ owner_id: to.ownerId, team_id: to.teamId })
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .where('stopped_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
