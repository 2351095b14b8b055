import { sql } from 'kysely';
import type { ActivityDirection, ActivityType } from '../../activities/constants.ts';
import type { Executor } from '../../db/database.ts';
import type { AccountId, ActivityId, DealId, LeadId, OrgId, UserId } from '../../shared/ids.ts';

// Set-based SQL for importing activities: a few statements per batch whatever its size.

export async function findActivityExternalIds(
  db: Executor,
  orgId: OrgId,
  externalIds: readonly string[],
): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const { rows } = await sql<{ external_id: string }>`
    select external_id from activities
    where org_id = ${orgId} and external_id = any(${externalIds}::text[]) and external_id is not null`.execute(db);
  return new Set(rows.map((r) => r.external_id));
}

/** What an activity without an external id is recognised by: what it is about, its type, time and subject. */
export interface ActivityKey {
  readonly leadId: LeadId | null;
  readonly dealId: DealId | null;
  readonly accountId: AccountId | null;
  readonly type: ActivityType;
  readonly occurredAt: Date;
  readonly subject: string | null;
}

// The positions of the keys that match an activity already logged. Each key is looked up
// through the index of the first subject it names (lead, else deal, else account).
export async function findExistingActivityKeys(
  db: Executor,
  orgId: OrgId,
  keys: readonly ActivityKey[],
): Promise<Set<number>> {
  const found = new Set<number>();
  const anchors = [
    ['lead_id', (k: ActivityKey) => k.leadId !== null],
    ['deal_id', (k: ActivityKey) => k.leadId === null && k.dealId !== null],
    ['account_id', (k: ActivityKey) => k.leadId === null && k.dealId === null],
  ] as const;
  for (const [column, anchored] of anchors) {
    const at = keys.flatMap((k, i) => (anchored(k) ? [i] : []));
    if (at.length === 0) continue;
    const pick = <T>(f: (k: ActivityKey) => T) => at.map((i) => f(keys[i] as ActivityKey));
    const { rows } = await sql<{ i: number }>`
      select k.i from unnest(${at}::int[], ${pick((k) => k.leadId)}::uuid[], ${pick((k) => k.dealId)}::uuid[],
        ${pick((k) => k.accountId)}::uuid[], ${pick((k) => k.type)}::text[],
        ${pick((k) => k.occurredAt.toISOString())}::timestamptz[], ${pick((k) => k.subject)}::text[])
        as k(i, lead_id, deal_id, account_id, type, occurred_at, subject)
      where exists (
        select 1 from activities a
        where a.org_id = ${orgId} and a.${sql.raw(column)} = k.${sql.raw(column)}
          and a.occurred_at = k.occurred_at and a.type = k.type
          and a.lead_id is not distinct from k.lead_id and a.deal_id is not distinct from k.deal_id
          and a.account_id is not distinct from k.account_id and a.subject is not distinct from k.subject)`.execute(db);
    for (const row of rows) found.add(Number(row.i));
  }
  return found;
}

export interface ActivityImportRow extends ActivityKey {
  readonly id: ActivityId;
  readonly externalId: string | null;
  readonly body: string | null;
  readonly direction: ActivityDirection | null;
  readonly userId: UserId | null;
  readonly dueAt: Date | null;
  readonly completedAt: Date | null;
}

/** Inserts imported activities; one whose external id was taken meanwhile is skipped. Returns how many were written. */
export async function insertImportedActivities(
  db: Executor,
  orgId: OrgId,
  rows: readonly ActivityImportRow[],
  at: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const result = await sql`
    insert into activities (org_id, id, type, occurred_at, subject, body, direction, origin, user_id, lead_id,
      deal_id, account_id, due_at, completed_at, created_at, external_id)
    select ${orgId}, u.id, u.type, u.occurred_at, u.subject, u.body, u.direction, 'import', u.user_id, u.lead_id,
      u.deal_id, u.account_id, u.due_at, u.completed_at, ${at.toISOString()}::timestamptz, u.external_id
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.type)}::text[],
      ${rows.map((r) => r.occurredAt.toISOString())}::timestamptz[], ${rows.map((r) => r.subject)}::text[],
      ${rows.map((r) => r.body)}::text[], ${rows.map((r) => r.direction)}::text[],
      ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.leadId)}::uuid[], ${rows.map((r) => r.dealId)}::uuid[],
      ${rows.map((r) => r.accountId)}::uuid[], ${rows.map((r) => iso(r.dueAt))}::timestamptz[],
      ${rows.map((r) => iso(r.completedAt))}::timestamptz[], ${rows.map((r) => r.externalId)}::text[])
      as u(id, type, occurred_at, subject, body, direction, user_id, lead_id, deal_id, account_id, due_at,
        completed_at, external_id)
    on conflict (org_id, external_id) where external_id is not null do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
