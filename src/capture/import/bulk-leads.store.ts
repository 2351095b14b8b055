import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { LEAD_STAGES } from '../../lifecycle/constants.ts';
import type { AccountId, LeadId, OrgId, UserId } from '../../shared/ids.ts';
import type { ArrayLiteral } from './bulk-columns.ts';
import { unnestedRows } from './import.store.ts';

// The lead import's inserts. Each column travels as one array literal
// (bulk-columns.ts), so a batch of any size is one small statement; values that are the same
// for every row (the importing user, the time of the import) are single parameters.
//
// A lead's stage events are the waterfall from inquiry to its stage, a millisecond apart
// from its creation, so ordering by time replays them in order: step n goes from stage n-1
// (none for the first) to stage n, and the lead's stage changed at its last step. PostgreSQL
// arrays count from 1, and element 0 is NULL.

export interface LeadArrays {
  readonly id: ArrayLiteral;
  readonly first_name: ArrayLiteral;
  readonly last_name: ArrayLiteral;
  readonly email: ArrayLiteral;
  readonly email_normalized: ArrayLiteral;
  readonly phone: ArrayLiteral;
  readonly phone_normalized: ArrayLiteral;
  readonly title: ArrayLiteral;
  readonly company_name: ArrayLiteral;
  readonly country: ArrayLiteral;
  readonly stage: ArrayLiteral;
  readonly source_channel: ArrayLiteral;
  readonly external_id: ArrayLiteral;
  readonly custom: ArrayLiteral;
  readonly created_at: ArrayLiteral;
  readonly account_id: ArrayLiteral;
  readonly first_campaign_id: ArrayLiteral;
}

// Rows go in by creation time: four of the leads' indexes lead with created_at after org_id
// (and stage, owner or team), and writing a batch along them rather than in the file's order
// cost about a tenth less at 300,000 leads. The ids, made in file order, stay at the right
// edge of the primary key either way.
export async function insertImportedLeads(db: Executor, orgId: OrgId, at: Date, a: LeadArrays): Promise<void> {
  await sql`
    insert into leads (org_id, id, first_name, last_name, email, email_normalized, phone, phone_normalized, title,
      company_name, country, stage, stage_changed_at, source_channel, external_id, custom, created_at, updated_at,
      account_id, first_campaign_id)
    select ${orgId}, u.id, u.first_name, u.last_name, u.email, u.email_normalized, u.phone, u.phone_normalized,
      u.title, u.company_name, u.country, u.stage,
      u.created_at + (array_position(${LEAD_STAGES}::text[], u.stage) - 1) * interval '1 millisecond',
      u.source_channel, u.external_id, u.custom, u.created_at, ${at.toISOString()}::timestamptz,
      u.account_id, u.first_campaign_id
    from unnest(${a.id}::uuid[], ${a.first_name}::text[], ${a.last_name}::text[], ${a.email}::text[],
      ${a.email_normalized}::text[], ${a.phone}::text[], ${a.phone_normalized}::text[], ${a.title}::text[],
      ${a.company_name}::text[], ${a.country}::text[], ${a.stage}::text[], ${a.source_channel}::text[],
      ${a.external_id}::text[], ${a.custom}::jsonb[], ${a.created_at}::timestamptz[], ${a.account_id}::uuid[],
      ${a.first_campaign_id}::uuid[])
      as u(id, first_name, last_name, email, email_normalized, phone, phone_normalized, title, company_name, country,
        stage, source_channel, external_id, custom, created_at, account_id, first_campaign_id)
    order by u.created_at`.execute(db);
}

export interface StageEventArrays {
  readonly id: ArrayLiteral;
  readonly lead_id: ArrayLiteral;
  /** 0 for the move into inquiry, 1 into mql, and so on. */
  readonly step: ArrayLiteral;
  /** The lead's creation time. */
  readonly created_at: ArrayLiteral;
}

export async function insertImportedStageEvents(
  db: Executor,
  orgId: OrgId,
  actorId: UserId,
  a: StageEventArrays,
): Promise<void> {
  await sql`
    insert into lead_stage_events (org_id, id, lead_id, from_stage, to_stage, occurred_at, actor_id)
    select ${orgId}, u.id, u.lead_id, (${LEAD_STAGES}::text[])[u.step], (${LEAD_STAGES}::text[])[u.step + 1],
      u.created_at + u.step * interval '1 millisecond', ${actorId}::uuid
    from unnest(${a.id}::uuid[], ${a.lead_id}::uuid[], ${a.step}::int[], ${a.created_at}::timestamptz[])
      as u(id, lead_id, step, created_at)`.execute(db);
}

export interface TouchArrays {
  readonly id: ArrayLiteral;
  readonly lead_id: ArrayLiteral;
  readonly type: ArrayLiteral;
  readonly occurred_at: ArrayLiteral;
  readonly campaign_id: ArrayLiteral;
  readonly channel: ArrayLiteral;
  readonly utm_source: ArrayLiteral;
  readonly utm_medium: ArrayLiteral;
  readonly utm_campaign: ArrayLiteral;
  readonly utm_term: ArrayLiteral;
  readonly utm_content: ArrayLiteral;
  readonly url: ArrayLiteral;
  readonly referrer: ArrayLiteral;
}

export async function insertImportedTouches(db: Executor, orgId: OrgId, at: Date, a: TouchArrays): Promise<void> {
  await sql`
    insert into touchpoints (org_id, id, lead_id, type, occurred_at, campaign_id, channel, utm_source, utm_medium,
      utm_campaign, utm_term, utm_content, url, referrer, created_at)
    select ${orgId}, u.id, u.lead_id, u.type, u.occurred_at, u.campaign_id, u.channel, u.utm_source, u.utm_medium,
      u.utm_campaign, u.utm_term, u.utm_content, u.url, u.referrer, ${at.toISOString()}::timestamptz
    from unnest(${a.id}::uuid[], ${a.lead_id}::uuid[], ${a.type}::text[], ${a.occurred_at}::timestamptz[],
      ${a.campaign_id}::uuid[], ${a.channel}::text[], ${a.utm_source}::text[], ${a.utm_medium}::text[],
      ${a.utm_campaign}::text[], ${a.utm_term}::text[], ${a.utm_content}::text[], ${a.url}::text[],
      ${a.referrer}::text[])
      as u(id, lead_id, type, occurred_at, campaign_id, channel, utm_source, utm_medium, utm_campaign, utm_term,
        utm_content, url, referrer)`.execute(db);
}

/** Accounts for company e-mail domains; returns those created, not those another transaction created first. */
export async function insertDomainAccounts(
  db: Executor,
  orgId: OrgId,
  at: Date,
  rows: readonly { id: AccountId; name: string; domain: string }[],
): Promise<{ domain: string; id: AccountId }[]> {
  const { rows: created } = await sql<{ domain: string; id: AccountId }>`
    insert into accounts (org_id, id, name, domain, created_at, updated_at)
    select ${orgId}, u.id, u.name, u.domain, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.domain)}::text[])
      as u(id, name, domain)
    on conflict (org_id, domain) where domain is not null do nothing
    returning domain, id`.execute(db);
  return created;
}

/** A returning person's values, one element per lead to fill. */
export type LeadFillArrays = Pick<
  LeadArrays,
  | 'id'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'email_normalized'
  | 'phone'
  | 'phone_normalized'
  | 'title'
  | 'company_name'
  | 'country'
  | 'external_id'
  | 'account_id'
  | 'custom'
>;

// A returning person's row fills what their lead lacks, as a second arrival does through
// ingest (lifecycle/fill-lead.ts): an empty field takes the row's value, a custom field only
// when the lead has none, an external id only when no other lead holds it (a lead merged
// into this one keeps its own). Returns the leads that changed.
export async function fillImportedLeads(db: Executor, orgId: OrgId, at: Date, a: LeadFillArrays): Promise<LeadId[]> {
  const { rows } = await sql<{ id: LeadId }>`
    with filled as (
      select l.id,
        coalesce(nullif(l.first_name, ''), u.first_name) as first_name,
        coalesce(nullif(l.last_name, ''), u.last_name) as last_name,
        coalesce(nullif(l.email, ''), u.email) as email,
        case when coalesce(l.email, '') = '' and u.email is not null then u.email_normalized
          else l.email_normalized end as email_normalized,
        coalesce(nullif(l.phone, ''), u.phone) as phone,
        case when coalesce(l.phone, '') = '' and u.phone is not null then u.phone_normalized
          else l.phone_normalized end as phone_normalized,
        coalesce(nullif(l.title, ''), u.title) as title,
        coalesce(nullif(l.company_name, ''), u.company_name) as company_name,
        coalesce(nullif(l.country, ''), u.country) as country,
        case when coalesce(l.external_id, '') = '' and u.external_id is not null and not exists (
            select 1 from leads o where o.org_id = ${orgId} and o.external_id = u.external_id)
          then u.external_id else l.external_id end as external_id,
        coalesce(l.account_id, u.account_id) as account_id,
        l.custom || coalesce((
          select jsonb_object_agg(f.key, f.value) from jsonb_each(u.custom) as f
          where coalesce(l.custom -> f.key, 'null') in ('null', '""')), '{}') as custom
      from ${unnestedRows([
        ['id', 'uuid', a.id],
        ['first_name', 'text', a.first_name],
        ['last_name', 'text', a.last_name],
        ['email', 'text', a.email],
        ['email_normalized', 'text', a.email_normalized],
        ['phone', 'text', a.phone],
        ['phone_normalized', 'text', a.phone_normalized],
        ['title', 'text', a.title],
        ['company_name', 'text', a.company_name],
        ['country', 'text', a.country],
        ['external_id', 'text', a.external_id],
        ['account_id', 'uuid', a.account_id],
        ['custom', 'jsonb', a.custom],
      ])}
      join leads l on l.org_id = ${orgId} and l.id = u.id
    )
    update leads l set
      first_name = f.first_name, last_name = f.last_name, email = f.email, email_normalized = f.email_normalized,
      phone = f.phone, phone_normalized = f.phone_normalized, title = f.title, company_name = f.company_name,
      country = f.country, external_id = f.external_id, account_id = f.account_id, custom = f.custom,
      updated_at = ${at.toISOString()}::timestamptz
    from filled f
    where l.org_id = ${orgId} and l.id = f.id
      and (l.first_name, l.last_name, l.email, l.phone, l.title, l.company_name, l.country, l.external_id,
        l.account_id, l.custom)
        is distinct from (f.first_name, f.last_name, f.email, f.phone, f.title, f.company_name, f.country,
        f.external_id, f.account_id, f.custom)
    returning l.id`.execute(db);
  return rows.map((r) => r.id);
}
