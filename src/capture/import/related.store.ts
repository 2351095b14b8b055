import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { LeadStage } from '../../lifecycle/constants.ts';
import type { CampaignId, DealId, LeadId, OrgId } from '../../shared/ids.ts';
import { literalOf, textElement } from './bulk-columns.ts';
import { findLeadsByKeys, unnestedRows } from './import.store.ts';

// Lookups that link an imported row to records already in Baton: the lead, deal or
// campaign it names. One statement per key kind per batch, each on its own index.

/** A merge refuses a survivor that is itself merged, so chains have no cycle; the bound guards a corrupted one. */
const MAX_MERGE_HOPS = 100;

export interface LeadRefs {
  /** External id → the lead, or the lead it was merged into. */
  readonly byExternalId: ReadonlyMap<string, LeadId>;
  /** Normalised e-mail → the oldest lead with it, or the lead that was merged into. */
  readonly byEmail: ReadonlyMap<string, LeadId>;
}

// A reference to a merged lead resolves to its survivor, as ingest matching does
// (lifecycle/lead-identity.ts): the merged lead keeps its external id, but it is gone.
// Several leads may share an e-mail (duplicates not merged yet): the oldest is the person.
export async function findLeadRefs(
  db: Executor,
  orgId: OrgId,
  externalIds: readonly string[],
  emails: readonly string[],
): Promise<LeadRefs> {
  const matches = await findLeadsByKeys(db, orgId, {
    ...(externalIds.length > 0 ? { externalIds: literalOf(externalIds, textElement) } : {}),
    ...(emails.length > 0 ? { emails: literalOf(emails, textElement) } : {}),
  });
  const survivors = await findSurvivors(
    db,
    orgId,
    matches.flatMap((m) => (m.merged_into_id === null ? [] : [m.id])),
  );
  const byExternalId = new Map<string, LeadId>();
  const byEmail = new Map<string, LeadId>();
  // Matches of a key come oldest first, so the first lead seen for a key is the one it names.
  for (const m of matches) {
    const id = survivors.get(m.id) ?? m.id;
    if (m.matched === 'external_id' && m.external_id !== null && !byExternalId.has(m.external_id)) {
      byExternalId.set(m.external_id, id);
    }
    if (m.matched === 'email_normalized' && m.email_normalized !== null && !byEmail.has(m.email_normalized)) {
      byEmail.set(m.email_normalized, id);
    }
  }
  return { byExternalId, byEmail };
}

/** Merged lead → the lead it was merged into, following chains of merges. */
export async function findSurvivors(
  db: Executor,
  orgId: OrgId,
  mergedIds: readonly LeadId[],
): Promise<Map<LeadId, LeadId>> {
  if (mergedIds.length === 0) return new Map();
  const { rows } = await sql<{ merged_id: LeadId; id: LeadId }>`
    with recursive hit (merged_id, id, merged_into_id, hops) as (
      select id, id, merged_into_id, 0 from leads where org_id = ${orgId} and id = any(${[...new Set(mergedIds)]}::uuid[])
      union all
      select h.merged_id, n.id, n.merged_into_id, h.hops + 1 from hit h
      join leads n on n.org_id = ${orgId} and n.id = h.merged_into_id
      where h.hops < ${MAX_MERGE_HOPS}
    )
    select merged_id, id from hit where merged_into_id is null`.execute(db);
  return new Map(rows.map((r) => [r.merged_id, r.id]));
}

export async function findDealIdsByExternalId(
  db: Executor,
  orgId: OrgId,
  externalIds: readonly string[],
): Promise<Map<string, DealId>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await sql<{ external_id: string; id: DealId }>`
    select external_id, id from deals
    where org_id = ${orgId} and external_id = any(${externalIds}::text[]) and external_id is not null`.execute(db);
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

export interface CampaignKeyRow {
  readonly id: CampaignId;
  readonly external_id: string | null;
  readonly utm: string | null;
  readonly name: string;
  readonly currency: string;
}

/** Campaigns by external id, utm_campaign or name (the last two without case). */
export async function findCampaignsByKeys(
  db: Executor,
  orgId: OrgId,
  keys: readonly string[],
): Promise<CampaignKeyRow[]> {
  if (keys.length === 0) return [];
  const lower = keys.map((k) => k.toLowerCase());
  const select = (where: RawBuilder<unknown>) =>
    sql<CampaignKeyRow>`
      select id, external_id, lower(utm_campaign) as utm, name, currency::text as currency from campaigns
      where org_id = ${orgId} and ${where}`.execute(db);
  const rows = [
    ...(await select(sql`external_id = any(${keys}::text[]) and external_id is not null`)).rows,
    ...(await select(sql`lower(utm_campaign) = any(${lower}::text[]) and utm_campaign is not null`)).rows,
    ...(await select(sql`lower(name) = any(${lower}::text[])`)).rows,
  ];
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

export interface CustomFieldDefRow {
  readonly key: string;
  readonly type: 'text' | 'number' | 'boolean' | 'date' | 'select';
  readonly options: string[] | null;
}

export async function listCustomFieldDefRows(
  db: Executor,
  orgId: OrgId,
  entity: 'lead' | 'account' | 'deal',
): Promise<CustomFieldDefRow[]> {
  return db
    .selectFrom('custom_field_defs')
    .select(['key', 'type', 'options'])
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .execute();
}

/** Defines custom fields a mapping declares; a field defined meanwhile keeps its definition. */
export async function insertCustomFieldDefs(
  db: Executor,
  orgId: OrgId,
  entity: 'lead' | 'account' | 'deal',
  defs: readonly { key: string; label: string; type: string }[],
): Promise<void> {
  if (defs.length === 0) return;
  await sql`
    insert into custom_field_defs (org_id, entity, key, label, type)
    select ${orgId}, ${entity}, u.key, u.label, u.type
    from unnest(${defs.map((d) => d.key)}::text[], ${defs.map((d) => d.label)}::text[],
      ${defs.map((d) => d.type)}::text[]) as u(key, label, type)
    on conflict (org_id, entity, key) do nothing`.execute(db);
}

export interface LeadStageRow {
  readonly id: LeadId;
  readonly stage: LeadStage;
  readonly stage_changed_at: Date;
}

/** The leads' stages, locked for the rest of the transaction as a transition locks its lead. */
export async function lockLeadStages(db: Executor, orgId: OrgId, ids: readonly LeadId[]): Promise<LeadStageRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LeadStageRow>`
    select id, stage, stage_changed_at from leads
    where org_id = ${orgId} and id = any(${ids}::uuid[])
    order by id for update`.execute(db);
  return rows.map((r) => ({ ...r, stage_changed_at: new Date(r.stage_changed_at) }));
}

/** Per lead, its open deals other than the given ones. */
export async function countOtherOpenDeals(
  db: Executor,
  orgId: OrgId,
  leadIds: readonly LeadId[],
  exceptDealIds: readonly DealId[],
): Promise<Map<LeadId, number>> {
  if (leadIds.length === 0) return new Map();
  const { rows } = await sql<{ lead_id: LeadId; n: number }>`
    select lead_id, count(*)::int as n from deals
    where org_id = ${orgId} and lead_id = any(${leadIds}::uuid[]) and outcome is null
      and id <> all(${exceptDealIds}::uuid[])
    group by lead_id`.execute(db);
  return new Map(rows.map((r) => [r.lead_id, Number(r.n)]));
}

export async function setLeadStages(
  db: Executor,
  orgId: OrgId,
  rows: readonly { id: LeadId; stage: LeadStage; at: Date }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update leads l set stage = u.stage, stage_changed_at = u.at, updated_at = ${now.toISOString()}::timestamptz
    from ${unnestedRows([
      ['id', 'uuid', rows.map((r) => r.id)],
      ['stage', 'text', rows.map((r) => r.stage)],
      ['at', 'timestamptz', rows.map((r) => r.at.toISOString())],
    ])}
    where l.org_id = ${orgId} and l.id = u.id`.execute(db);
}

/** Fills leads' source channel and first campaign where still empty (see lifecycle/attribute-first-touch.ts). */
export async function fillFirstTouch(
  db: Executor,
  orgId: OrgId,
  rows: readonly { leadId: LeadId; channel: string; campaignId: CampaignId | null }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update leads l set source_channel = coalesce(l.source_channel, u.channel),
      first_campaign_id = coalesce(l.first_campaign_id, u.campaign_id), updated_at = ${now.toISOString()}::timestamptz
    from ${unnestedRows([
      ['lead_id', 'uuid', rows.map((r) => r.leadId)],
      ['channel', 'text', rows.map((r) => r.channel)],
      ['campaign_id', 'uuid', rows.map((r) => r.campaignId)],
    ])}
    where l.org_id = ${orgId} and l.id = u.lead_id
      and (l.source_channel is null or (l.first_campaign_id is null and u.campaign_id is not null))`.execute(db);
}
