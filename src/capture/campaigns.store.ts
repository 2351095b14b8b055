import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { CampaignId, OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { CampaignListQuery } from './capture.schema.ts';
import type { CampaignSpendTable, CampaignsTable } from './capture.tables.ts';

export type CampaignInsert = Omit<Insertable<CampaignsTable>, 'org_id'>;
export type CampaignPatch = Omit<Updateable<CampaignsTable>, 'org_id' | 'id' | 'created_at'>;

export function insertCampaign(db: Executor, orgId: OrgId, campaign: CampaignInsert) {
  return db
    .insertInto('campaigns')
    .values({ ...campaign, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts unless a campaign already has the utm_campaign (or id); answers null then. */
export function insertCampaignUnlessUtmTaken(db: Executor, orgId: OrgId, campaign: CampaignInsert) {
  return db
    .insertInto('campaigns')
    .values({ ...campaign, org_id: orgId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function findCampaign(db: Executor, orgId: OrgId, id: CampaignId, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('campaigns').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findCampaignByUtm(db: Executor, orgId: OrgId, utmCampaign: string) {
  return db
    .selectFrom('campaigns')
    .select('id')
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['utm_campaign']), '=', utmCampaign.toLowerCase()))
    .executeTakeFirst();
}

export function findCampaignByExternalId(db: Executor, orgId: OrgId, externalId: string) {
  return db
    .selectFrom('campaigns')
    .select('id')
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export function updateCampaignRow(db: Executor, orgId: OrgId, id: CampaignId, patch: CampaignPatch) {
  return db
    .updateTable('campaigns')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The campaign and its ancestors, nearest first; the depth cap stops at a corrupt cycle. */
export async function campaignLineage(db: Executor, orgId: OrgId, id: CampaignId): Promise<CampaignId[]> {
  const result = await sql<{ id: CampaignId }>`
    with recursive lineage (id, parent_id, depth) as (
      select id, parent_id, 1 from campaigns where org_id = ${orgId} and id = ${id}
      union all
      select c.id, c.parent_id, l.depth + 1
        from campaigns c join lineage l on c.org_id = ${orgId} and c.id = l.parent_id
        where l.depth < 100
    )
    select id from lineage order by depth
  `.execute(db);
  return result.rows.map((r) => r.id);
}

const SORT_COLUMNS = {
  createdAt: { expr: sql`c.created_at`, cast: 'timestamptz' },
  name: { expr: sql`c.name`, cast: 'text' },
  startsOn: { expr: sql`coalesce(c.starts_on, date '9999-12-31')`, cast: 'date' },
} as const;

export function listCampaignRows(db: Executor, orgId: OrgId, query: CampaignListQuery, cursor: CursorPosition | null) {
  const sort = SORT_COLUMNS[query.sort];
  let q = db
    .selectFrom('campaigns as c')
    .selectAll('c')
    .select(sql<string>`cast(${sort.expr} as text)`.as('sort_key'))
    .where('c.org_id', '=', orgId);
  if (query.channel) q = q.where('c.channel', '=', query.channel);
  if (query.parentId === 'none') q = q.where('c.parent_id', 'is', null);
  else if (query.parentId) q = q.where('c.parent_id', '=', query.parentId);
  if (query.activeOn) {
    const day = query.activeOn;
    q = q.where((eb) =>
      eb.and([
        eb.or([eb('c.starts_on', 'is', null), eb('c.starts_on', '<=', day)]),
        eb.or([eb('c.ends_on', 'is', null), eb('c.ends_on', '>=', day)]),
      ]),
    );
  }
  if (cursor) q = q.where((eb) => afterCursor(eb, sort.expr, sql`c.id`, cursor, query.order, sort.cast));
  return q
    .orderBy(sort.expr, query.order)
    .orderBy('c.id', query.order)
    .limit(query.limit + 1)
    .execute();
}

export async function hasSpendInOtherCurrency(
  db: Executor,
  orgId: OrgId,
  campaignId: CampaignId,
  currency: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('campaign_spend')
    .select('day')
    .where('org_id', '=', orgId)
    .where('campaign_id', '=', campaignId)
    .where('currency', '!=', currency)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function upsertSpend(db: Executor, orgId: OrgId, spend: Omit<CampaignSpendTable, 'org_id'>) {
  return db
    .insertInto('campaign_spend')
    .values({ ...spend, org_id: orgId })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'campaign_id', 'day'])
        .doUpdateSet({ amount_minor: spend.amount_minor, currency: spend.currency }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listSpendRows(
  db: Executor,
  orgId: OrgId,
  campaignId: CampaignId,
  range: { from?: string | undefined; to?: string | undefined },
) {
  let q = db.selectFrom('campaign_spend').selectAll().where('org_id', '=', orgId).where('campaign_id', '=', campaignId);
  if (range.from) q = q.where('day', '>=', range.from);
  if (range.to) q = q.where('day', '<=', range.to);
  return q.orderBy('day').execute();
}
