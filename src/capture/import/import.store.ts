import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AccountId, CampaignId, LeadId, OrgId, TeamId, UserId } from '../../shared/ids.ts';
import type { ArrayLiteral } from './bulk-columns.ts';

// Set-based SQL for bulk imports: one statement per table per batch. Rows travel as one
// array per column and are expanded with unnest, so a batch of any size binds a fixed
// number of parameters and PostgreSQL parses one small statement.
//
// Lookups by a batch's keys probe an index once per key: a lateral subquery per key that
// OFFSET 0 keeps the planner from flattening. Given `key = any(array)` instead, the planner
// scans all of the organisation's rows once it expects many keys, so an import's batches got
// slower as its organisation grew; this way a batch costs the same at any size.

export type LeadKeyColumn = 'external_id' | 'email_normalized' | 'phone_normalized';

export interface LeadMatchRow {
  /** The key the lead was found by. */
  readonly matched: LeadKeyColumn;
  readonly id: LeadId;
  readonly merged_into_id: LeadId | null;
  readonly external_id: string | null;
  readonly email_normalized: string | null;
  readonly phone_normalized: string | null;
}

/**
 * Leads with one of the external ids, normalised e-mails or phones; NULL elements match
 * nothing. Leads sharing a key come oldest first, the one a new arrival joins.
 */
export async function findLeadsByKeys(
  db: Executor,
  orgId: OrgId,
  keys: { externalIds?: ArrayLiteral; emails?: ArrayLiteral; phones?: ArrayLiteral },
): Promise<LeadMatchRow[]> {
  const rows: LeadMatchRow[] = [];
  const probe = async (column: LeadKeyColumn, values: ArrayLiteral) => {
    const found = await sql<Omit<LeadMatchRow, 'matched'>>`
      select l.id, l.merged_into_id, l.external_id, l.email_normalized, l.phone_normalized
      from unnest(${values}::text[]) as k(key)
      cross join lateral (
        select id, merged_into_id, external_id, email_normalized, phone_normalized, created_at from leads
        where org_id = ${orgId} and ${sql.ref(column)} = k.key and ${sql.ref(column)} is not null offset 0) as l
      order by l.created_at, l.id`.execute(db);
    for (const row of found.rows) rows.push({ ...row, matched: column });
  };
  if (keys.externalIds !== undefined) await probe('external_id', keys.externalIds);
  if (keys.emails !== undefined) await probe('email_normalized', keys.emails);
  if (keys.phones !== undefined) await probe('phone_normalized', keys.phones);
  return rows;
}

/** Columns of a multi-row insert, each an array of the same length. */
export type ColumnArrays = Readonly<Record<string, readonly unknown[]>>;

// Inserts rows given as column arrays with their PostgreSQL types; `conflict` is the text
// of an optional `on conflict …` clause, written by the caller from a constant.
export async function insertColumns(
  db: Executor,
  table: 'leads' | 'touchpoints' | 'lead_stage_events' | 'deals' | 'deal_stage_events' | 'accounts',
  orgId: OrgId,
  columns: readonly (readonly [name: string, type: string, values: readonly unknown[]])[],
  conflict = '',
): Promise<number> {
  const first = columns[0];
  if (!first || first[2].length === 0) return 0;
  const names = sql.raw(['org_id', ...columns.map(([name]) => name)].join(', '));
  const arrays = sql.join(columns.map(([, type, values]) => sql`${values}::${sql.raw(type)}[]`));
  const targets = sql.raw(columns.map(([name]) => `u.${name}`).join(', '));
  const aliases = sql.raw(columns.map(([name]) => name).join(', '));
  const result = await sql`
    insert into ${sql.table(table)} (${names})
    select ${orgId}, ${targets} from unnest(${arrays}) as u(${aliases})
    ${sql.raw(conflict)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** A column of rows for unnestedRows: its name, its PostgreSQL type, one value per row. */
export type RowColumn = readonly [name: string, type: string, values: readonly unknown[] | ArrayLiteral];

/**
 * FROM items for an update that joins its table on the primary key: `u` has a row per element
 * of the columns' arrays (and `arrays` holds them). The arrays sit behind OFFSET 0, where the
 * planner cannot count them: given them as constants, it knows a batch holds thousands of rows
 * and hashes every row of the table instead of probing the key per row (measured at 100,000
 * leads: 155 ms per batch of 5,000 against 34 ms; the hash grows with the table, all
 * organisations included).
 */
export function unnestedRows(columns: readonly RowColumn[]): RawBuilder<unknown> {
  const arrays = sql.join(
    columns.map(([name, type, values]) => sql`${values}::${sql.raw(type)}[] as ${sql.ref(name)}`),
  );
  const elements = sql.join(columns.map(([name]) => sql.ref(`arrays.${name}`)));
  const names = sql.raw(columns.map(([name]) => name).join(', '));
  return sql`(select ${arrays} offset 0) as arrays cross join lateral unnest(${elements}) as u(${names})`;
}

export async function findCampaignsByUtm(
  db: Executor,
  orgId: OrgId,
  utms: readonly string[],
): Promise<{ id: CampaignId; utm: string }[]> {
  if (utms.length === 0) return [];
  const { rows } = await sql<{ id: CampaignId; utm: string }>`
    select id, lower(utm_campaign) as utm from campaigns
    where org_id = ${orgId} and lower(utm_campaign) = any(${utms}::text[]) and utm_campaign is not null`.execute(db);
  return rows;
}

export async function insertCampaigns(
  db: Executor,
  orgId: OrgId,
  rows: readonly { id: CampaignId; utm: string; channel: string; currency: string; at: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into campaigns (org_id, id, name, channel, utm_campaign, currency, created_at, updated_at)
    select ${orgId}, u.id, left(u.utm, 200), u.channel, u.utm, u.currency, u.at, u.at
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.utm)}::text[],
      ${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.currency)}::text[],
      ${rows.map((r) => r.at.toISOString())}::timestamptz[]) as u(id, utm, channel, currency, at)
    on conflict (org_id, lower(utm_campaign)) where utm_campaign is not null do nothing`.execute(db);
}

export async function findAccountsByKeys(
  db: Executor,
  orgId: OrgId,
  keys: { domains?: readonly string[]; externalIds?: readonly string[]; names?: readonly string[] },
): Promise<{ id: AccountId; domain: string | null; external_id: string | null; name: string }[]> {
  type Row = { id: AccountId; domain: string | null; external_id: string | null; name: string };
  const rows: Row[] = [];
  const select = async (where: ReturnType<typeof sql>) =>
    rows.push(
      ...(
        await sql<Row>`select id, domain, external_id, name from accounts where org_id = ${orgId} and ${where}`.execute(
          db,
        )
      ).rows,
    );
  const probe = async (column: 'domain' | 'external_id', values: readonly string[]) => {
    const found = await sql<Row>`
      select a.id, a.domain, a.external_id, a.name
      from unnest(${[...new Set(values)]}::text[]) as k(key)
      cross join lateral (
        select id, domain, external_id, name from accounts
        where org_id = ${orgId} and ${sql.ref(column)} = k.key and ${sql.ref(column)} is not null offset 0) as a`.execute(
      db,
    );
    rows.push(...found.rows);
  };
  // A query per key kind, each on its own index (names are few: they come from deal files).
  if (keys.domains?.length) await probe('domain', keys.domains);
  if (keys.externalIds?.length) await probe('external_id', keys.externalIds);
  if (keys.names?.length) await select(sql`lower(name) = any(${keys.names}::text[])`);
  return rows;
}

export interface UserKeyRow {
  readonly id: UserId;
  readonly name: string;
  readonly email: string;
}

export async function findUsersByNameOrEmail(
  db: Executor,
  orgId: OrgId,
  keys: readonly string[],
): Promise<UserKeyRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<UserKeyRow>`
    select id, name, email from users
    where org_id = ${orgId} and (lower(email) = any(${keys}::text[]) or lower(name) = any(${keys}::text[]))`.execute(
    db,
  );
  return rows;
}

export async function insertUsers(
  db: Executor,
  orgId: OrgId,
  rows: readonly { id: UserId; name: string; email: string; role: string; teamId: TeamId | null; active: boolean }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into users (org_id, id, name, email, role, team_id, active, is_machine)
    select ${orgId}, u.id, u.name, u.email, u.role, u.team_id, u.active, false
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.email)}::text[], ${rows.map((r) => r.role)}::text[],
      ${rows.map((r) => r.teamId)}::uuid[], ${rows.map((r) => r.active)}::boolean[])
      as u(id, name, email, role, team_id, active)
    on conflict (org_id, lower(email)) do nothing`.execute(db);
}

export async function ensureTeams(db: Executor, orgId: OrgId, names: readonly string[]): Promise<Map<string, TeamId>> {
  if (names.length > 0) {
    await sql`
      insert into teams (org_id, id, name)
      select ${orgId}, gen_random_uuid(), n from unnest(${names}::text[]) as n
      on conflict (org_id, name) do nothing`.execute(db);
  }
  const rows = await db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function setTeamManagers(
  db: Executor,
  orgId: OrgId,
  pairs: readonly { teamId: TeamId; managerId: UserId }[],
): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    update teams set manager_id = u.manager_id
    from unnest(${pairs.map((p) => p.teamId)}::uuid[], ${pairs.map((p) => p.managerId)}::uuid[]) as u(team_id, manager_id)
    where teams.org_id = ${orgId} and teams.id = u.team_id`.execute(db);
}

export async function findTouchKeys(db: Executor, orgId: OrgId, leadIds: readonly LeadId[]): Promise<Set<string>> {
  if (leadIds.length === 0) return new Set();
  const { rows } = await sql<{ key: string }>`
    select t.lead_id || '|' || t.type || '|' || (extract(epoch from t.occurred_at) * 1000)::bigint || '|' ||
      coalesce(t.url, '') as key
    from unnest(${leadIds}::uuid[]) as k(lead_id)
    cross join lateral (
      select lead_id, type, occurred_at, url from touchpoints
      where org_id = ${orgId} and lead_id = k.lead_id offset 0) as t`.execute(db);
  return new Set(rows.map((r) => r.key));
}

export async function findDealsByExternalId(
  db: Executor,
  orgId: OrgId,
  externalIds: readonly string[],
): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const { rows } = await sql<{ external_id: string }>`
    select external_id from deals where org_id = ${orgId} and external_id = any(${externalIds}::text[])`.execute(db);
  return new Set(rows.map((r) => r.external_id));
}

export interface AccountUpdate {
  readonly id: AccountId;
  readonly name: string;
  readonly industry: string | null;
  readonly employeeCount: number | null;
  readonly country: string | null;
  readonly ownerId: UserId | null;
  readonly custom: Readonly<Record<string, unknown>>;
}

/** Updates matched accounts with a file's values; an empty cell keeps what the account has. */
export async function updateAccounts(
  db: Executor,
  orgId: OrgId,
  rows: readonly AccountUpdate[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update accounts a set
      name = u.name, industry = coalesce(u.industry, a.industry),
      employee_count = coalesce(u.employee_count, a.employee_count), country = coalesce(u.country, a.country),
      owner_id = coalesce(u.owner_id, a.owner_id), custom = a.custom || u.custom, updated_at = ${at.toISOString()}::timestamptz
    from ${unnestedRows([
      ['id', 'uuid', rows.map((r) => r.id)],
      ['name', 'text', rows.map((r) => r.name)],
      ['industry', 'text', rows.map((r) => r.industry)],
      ['employee_count', 'int', rows.map((r) => r.employeeCount)],
      ['country', 'text', rows.map((r) => r.country)],
      ['owner_id', 'uuid', rows.map((r) => r.ownerId)],
      ['custom', 'jsonb', rows.map((r) => JSON.stringify(r.custom))],
    ])}
    where a.org_id = ${orgId} and a.id = u.id`.execute(db);
}
