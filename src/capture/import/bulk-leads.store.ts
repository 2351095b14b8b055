import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { LEAD_STAGES } from '../../lifecycle/constants.ts';
import type { AccountId, OrgId, UserId } from '../../shared/ids.ts';
import type { ArrayLiteral } from './bulk-columns.ts';

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
