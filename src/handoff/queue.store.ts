import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgId, TeamId, UserId } from '../shared/ids.ts';
import type { WorkCalendar } from './work-calendar.ts';

// SQL of the rep's queue (queue-queries.ts). Reads the lifecycle's leads and activities and
// the hand-off's clocks and assignments together; every query filters on the org first and
// is bounded by `limit`, with the full count alongside (count(*) over ()).

export interface QueueSettingsRow {
  time_zone: string;
  calendar: WorkCalendar | null;
}

/** The org's time zone and its hand-off calendar; calendar null when no settings row exists yet. */
export async function findQueueSettings(db: Executor, orgId: OrgId): Promise<QueueSettingsRow> {
  const result = await sql<QueueSettingsRow>`
    select o.time_zone, s.calendar
    from orgs o
    left join handoff_settings s on s.org_id = o.org_id
    where o.org_id = ${orgId}
  `.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`org ${orgId} has no orgs row`);
  return row;
}

export function teamExists(db: Executor, orgId: OrgId, teamId: TeamId) {
  return db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('id', '=', teamId).executeTakeFirst();
}

/** Whose MQLs: one owner, one team (its members' and its unowned queue), or the whole org. */
export type QueueOwners =
  | { readonly kind: 'owner'; readonly userId: UserId }
  | { readonly kind: 'team'; readonly teamId: TeamId }
  | { readonly kind: 'org' };

export interface LeadSummaryRow {
  lead_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company_name: string | null;
  source_channel: string | null;
  score: number;
  stage: string;
  stage_changed_at: Date;
  owner_id: string | null;
  owner_name: string | null;
  team_id: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
}

export interface ClockColumns {
  clock_id: string | null;
  clock_kind: 'accept' | 'first_activity' | null;
  started_at: Date | null;
  due_at: Date | null;
  sla_hours: number | null;
  breached_at: Date | null;
}

export interface QueueMqlRow extends LeadSummaryRow, ClockColumns {
  rule_kind: string | null;
  rule_name: string | null;
  reason: string | null;
  explanation: string | null;
  assigned_at: Date | null;
  total: number;
}

const LEAD_COLUMNS = sql`
  l.id as lead_id, l.first_name, l.last_name, l.email, l.company_name, l.source_channel, l.score,
  l.stage, l.stage_changed_at, l.owner_id, o.name as owner_name, l.team_id,
  c.id as campaign_id, c.name as campaign_name`;

const LEAD_JOINS = sql`
  left join users o on o.org_id = l.org_id and o.id = l.owner_id
  left join campaigns c on c.org_id = l.org_id and c.id = l.first_campaign_id`;

const CLOCK_COLUMNS = sql`
  k.id as clock_id, k.kind as clock_kind, k.started_at, k.due_at, k.sla_hours, k.breached_at`;

function ownedBy(owners: QueueOwners): RawBuilder<SqlBool> {
  switch (owners.kind) {
    case 'owner':
      return sql<SqlBool>`l.owner_id = ${owners.userId}`;
    case 'team':
      return sql<SqlBool>`(l.owner_id in (select u.id from users u where u.org_id = l.org_id and u.team_id = ${owners.teamId})
        or (l.owner_id is null and l.team_id = ${owners.teamId}))`;
    case 'org':
      return sql<SqlBool>`true`;
  }
}

// The running accept clock decides the order: soonest due first, MQLs without a clock last.
export async function listQueueMqls(
  db: Executor,
  orgId: OrgId,
  owners: QueueOwners,
  limit: number,
): Promise<QueueMqlRow[]> {
  const result = await sql<QueueMqlRow>`
    select ${LEAD_COLUMNS}, ${CLOCK_COLUMNS},
      a.rule_kind, r.name as rule_name, a.reason, a.explanation, a.assigned_at,
      (count(*) over ())::int as total
    from leads l
    ${LEAD_JOINS}
    left join sla_clocks k on k.org_id = l.org_id and k.lead_id = l.id and k.kind = 'accept' and k.stopped_at is null
    left join lateral (
      select la.rule_id, la.rule_kind, la.reason, la.explanation, la.assigned_at
      from lead_assignments la
      where la.org_id = l.org_id and la.lead_id = l.id
      order by la.assigned_at desc, la.id desc
      limit 1
    ) a on true
    left join routing_rules r on r.org_id = l.org_id and r.id = a.rule_id
    where l.org_id = ${orgId} and l.stage = 'mql' and l.merged_into_id is null and ${ownedBy(owners)}
    order by k.due_at asc nulls last, l.stage_changed_at asc, l.id asc
    limit ${limit}
  `.execute(db);
  return result.rows;
}

export interface QueueTaskRow {
  id: string;
  subject: string | null;
  due_at: Date;
  lead_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company_name: string | null;
  deal_id: string | null;
  account_id: string | null;
  total: number;
}

/** The user's open tasks due before `dueBefore`, oldest due first. */
export async function listDueTasks(
  db: Executor,
  orgId: OrgId,
  userId: UserId,
  dueBefore: Date,
  limit: number,
): Promise<QueueTaskRow[]> {
  const result = await sql<QueueTaskRow>`
    select a.id, a.subject, a.due_at, a.lead_id, l.first_name, l.last_name, l.email, l.company_name,
      a.deal_id, a.account_id, (count(*) over ())::int as total
    from activities a
    left join leads l on l.org_id = a.org_id and l.id = a.lead_id
    where a.org_id = ${orgId} and a.type = 'task' and a.user_id = ${userId}
      and a.completed_at is null and a.due_at is not null and a.due_at < ${dueBefore}
    order by a.due_at asc, a.id asc
    limit ${limit}
  `.execute(db);
  return result.rows;
}

export interface FirstActivityRow extends LeadSummaryRow, ClockColumns {
  total: number;
}

/** The owner's leads whose first-activity clock runs, soonest due first. */
export async function listRunningFirstActivity(
  db: Executor,
  orgId: OrgId,
  userId: UserId,
  limit: number,
): Promise<FirstActivityRow[]> {
  const result = await sql<FirstActivityRow>`
    select ${LEAD_COLUMNS}, ${CLOCK_COLUMNS}, (count(*) over ())::int as total
    from sla_clocks k
    join leads l on l.org_id = k.org_id and l.id = k.lead_id
    ${LEAD_JOINS}
    where k.org_id = ${orgId} and k.kind = 'first_activity' and k.stopped_at is null
      and l.owner_id = ${userId} and l.merged_into_id is null
    order by k.due_at asc, k.id asc
    limit ${limit}
  `.execute(db);
  return result.rows;
}

export interface BreachRow extends LeadSummaryRow, ClockColumns {
  stopped_at: Date | null;
  outcome: string | null;
  clock_owner_id: string | null;
  clock_owner_name: string | null;
  escalated_to: string | null;
  total: number;
  running: number;
  this_month: number;
}

function clockOfTeam(teamId: TeamId | null): RawBuilder<SqlBool> {
  if (teamId === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`(k.team_id = ${teamId}
    or k.owner_id in (select u.id from users u where u.org_id = k.org_id and u.team_id = ${teamId}))`;
}

/**
 * A team's breaches: clocks still running past their breach, and those breached since
 * `monthStart`; running ones first, then the latest breach first. `teamId` null: every team.
 */
export async function listTeamBreaches(
  db: Executor,
  orgId: OrgId,
  teamId: TeamId | null,
  monthStart: Date,
  limit: number,
): Promise<BreachRow[]> {
  const result = await sql<BreachRow>`
    select ${LEAD_COLUMNS}, ${CLOCK_COLUMNS}, k.stopped_at, k.outcome, k.owner_id as clock_owner_id,
      ko.name as clock_owner_name, k.escalated_to,
      (count(*) over ())::int as total,
      (count(*) filter (where k.stopped_at is null) over ())::int as running,
      (count(*) filter (where k.breached_at >= ${monthStart}) over ())::int as this_month
    from sla_clocks k
    join leads l on l.org_id = k.org_id and l.id = k.lead_id
    ${LEAD_JOINS}
    left join users ko on ko.org_id = k.org_id and ko.id = k.owner_id
    where k.org_id = ${orgId} and k.breached_at is not null
      and (k.stopped_at is null or k.breached_at >= ${monthStart})
      and l.merged_into_id is null and ${clockOfTeam(teamId)}
    order by (k.stopped_at is null) desc, k.breached_at desc, k.id asc
    limit ${limit}
  `.execute(db);
  return result.rows;
}
