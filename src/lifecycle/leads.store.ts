import { type Expression, type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { type LockedRouting, type RoutingReadsRow, routingReads } from '../handoff/routing.store.ts';
import { lockedSettingsQuery, settingsOfJson } from '../handoff/settings.store.ts';
import type { Visibility } from '../platform/visibility.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { LeadListQuery } from './lifecycle.schema.ts';
import type { LeadStageEventsTable, LeadsTable } from './lifecycle.tables.ts';

export type LeadInsert = Omit<Insertable<LeadsTable>, 'org_id'>;
export type LeadPatch = Omit<Updateable<LeadsTable>, 'org_id' | 'id' | 'stage' | 'stage_changed_at' | 'created_at'>;

export async function insertLead(db: Executor, orgId: OrgId, lead: LeadInsert) {
  return db
    .insertInto('leads')
    .values({ ...lead, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// The SQL form of a Visibility (see visibility.ts) over the leads table under `alias`;
// null when the actor sees every lead.
function visibleLeads(alias: 'leads' | 'l', scope: Visibility): Expression<SqlBool> | null {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.kind) {
    case 'all':
      return null;
    case 'own':
      return scope.teamId
        ? sql<SqlBool>`(${column('owner_id')} = ${scope.userId}
            or (${column('owner_id')} is null and ${column('team_id')} = ${scope.teamId}))`
        : sql<SqlBool>`${column('owner_id')} = ${scope.userId}`;
    case 'team':
      return sql<SqlBool>`(${column('owner_id')} = ${scope.userId} or ${column('team_id')} = ${scope.teamId}
        or ${column('owner_id')} in (
          select u.id from users u where u.org_id = ${column('org_id')} and u.team_id = ${scope.teamId}))`;
  }
}

// A merged lead (merged_into_id set) is found only with `includeMerged`: to everything else
// it is gone, exactly like a lead that does not exist.
export function findLead(
  db: Executor,
  orgId: OrgId,
  id: LeadId,
  options: { forUpdate?: boolean; visibleTo?: Visibility; includeMerged?: boolean } = {},
) {
  let query = db.selectFrom('leads').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (!options.includeMerged) query = query.where('merged_into_id', 'is', null);
  const visible = options.visibleTo ? visibleLeads('leads', options.visibleTo) : null;
  if (visible) query = query.where(visible);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findLeadByExternalId(db: Executor, orgId: OrgId, externalId: string) {
  return db
    .selectFrom('leads')
    .select('id')
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export function updateLeadRow(db: Executor, orgId: OrgId, id: LeadId, patch: LeadPatch) {
  return db
    .updateTable('leads')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

type SettingsJson = Parameters<typeof settingsOfJson>[0];
type StageEventRow = Omit<Insertable<LeadStageEventsTable>, 'org_id'> & { readonly occurred_at: Date };

/**
 * Writes a stage move and its event in one statement. A move into mql by qualification
 * also writes the score and definition version it qualified with. A move into mql also
 * takes the org's routing lock (its handoff_settings row, held to commit) and reads what
 * routing needs (routingReads), for routing to follow in the same transaction (hand-off.ts)
 * with one statement while the lock is held. The reads come from the statement's snapshot,
 * which may predate the lock: `staffingSeen` lets routing tell (route-mql.ts). `routing` is
 * null for any other move, and before the org has a settings row.
 */
export async function moveLeadStage(
  db: Executor,
  orgId: OrgId,
  event: StageEventRow,
  qualified: { readonly score: number; readonly version: number } | undefined,
): Promise<{ lead: Selectable<LeadsTable>; routing: LockedRouting | null }> {
  const at = event.occurred_at;
  const routes = event.to_stage === 'mql';
  const row = await db
    .with('routing', (db) =>
      lockedSettingsQuery(db, orgId).where(sql.lit(routes)).select(sql<SettingsJson>`to_jsonb(hs)`.as('settings')),
    )
    .with('event', (db) => db.insertInto('lead_stage_events').values({ ...event, org_id: orgId }))
    .updateTable('leads')
    .set({
      stage: event.to_stage,
      stage_changed_at: at,
      updated_at: at,
      ...(qualified ? { score: qualified.score, mql_version: qualified.version } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', event.lead_id)
    .returningAll('leads')
    .returning([
      sql<SettingsJson | null>`(select settings from routing)`.as('routing_settings'),
      sql<RoutingReadsRow | null>`case when ${routes} then (select to_jsonb(r) from (${routingReads(db, orgId, event.lead_id)}) as r) end`.as(
        'routing_reads',
      ),
      sql<
        number | null
      >`case when ${routes} then (select staffing_version from handoff_settings where org_id = ${orgId}) end`.as(
        'routing_staffing_seen',
      ),
    ])
    .executeTakeFirstOrThrow();
  const { routing_settings, routing_reads, routing_staffing_seen, ...lead } = row;
  const routing =
    routing_settings && routing_reads
      ? {
          settings: settingsOfJson(routing_settings),
          reads: routing_reads,
          staffingSeen: Number(routing_staffing_seen),
        }
      : null;
  return { lead, routing };
}

export function insertLeadEvent(db: Executor, orgId: OrgId, event: Omit<Insertable<LeadStageEventsTable>, 'org_id'>) {
  return db
    .insertInto('lead_stage_events')
    .values({ ...event, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listLeadEvents(db: Executor, orgId: OrgId, leadId: LeadId) {
  return db
    .selectFrom('lead_stage_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('lead_id', '=', leadId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

const SORT_COLUMNS = {
  createdAt: { expr: sql`l.created_at`, cast: 'timestamptz' },
  updatedAt: { expr: sql`l.updated_at`, cast: 'timestamptz' },
  score: { expr: sql`l.score`, cast: 'int' },
  lastName: { expr: sql`coalesce(l.last_name, '')`, cast: 'text' },
} as const;

export async function listLeadRows(
  db: Executor,
  orgId: OrgId,
  query: LeadListQuery,
  cursor: CursorPosition | null,
  scope: Visibility,
) {
  const sort = SORT_COLUMNS[query.sort];
  let q = db
    .selectFrom('leads as l')
    .selectAll('l')
    .select(sql<string>`cast(${sort.expr} as text)`.as('sort_key'))
    .where('l.org_id', '=', orgId)
    .where('l.merged_into_id', 'is', null);
  const visible = visibleLeads('l', scope);
  if (visible) q = q.where(visible);
  if (query.stage) q = q.where('l.stage', 'in', query.stage);
  if (query.ownerId === 'none') q = q.where('l.owner_id', 'is', null);
  else if (query.ownerId) q = q.where('l.owner_id', '=', query.ownerId);
  if (query.source) q = q.where('l.source_channel', '=', query.source);
  if (query.accountId) q = q.where('l.account_id', '=', query.accountId);
  if (query.campaignId) {
    const campaignId = query.campaignId;
    // A lead belongs to a campaign when any of its touches came from it, not only its first.
    q = q.where((eb) =>
      eb.or([
        eb('l.first_campaign_id', '=', campaignId),
        eb.exists(
          eb
            .selectFrom('touchpoints as t')
            .select(sql`1`.as('one'))
            .whereRef('t.org_id', '=', 'l.org_id')
            .whereRef('t.lead_id', '=', 'l.id')
            .where('t.campaign_id', '=', campaignId),
        ),
      ]),
    );
  }
  if (query.createdFrom) q = q.where('l.created_at', '>=', new Date(query.createdFrom));
  if (query.createdTo) q = q.where('l.created_at', '<', new Date(query.createdTo));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('l.email', 'ilike', pattern),
        eb('l.company_name', 'ilike', pattern),
        eb(sql`coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')`, 'ilike', pattern),
      ]),
    );
  }
  if (cursor) q = q.where((eb) => afterCursor(eb, sort.expr, sql`l.id`, cursor, query.order, sort.cast));
  return q
    .orderBy(sort.expr, query.order)
    .orderBy('l.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
