import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';

// SQL of the SLA scorecard (scorecard-queries.ts). Each query aggregates one month of one
// org in the database with grouping sets: per owner, per team, and the whole org in one
// pass; medians and p90 are percentile_cont over the stored business minutes. `level` tells
// the rows apart: 'rep', 'team' or 'all'.

export type Level = 'rep' | 'team' | 'all';

interface Grouped {
  level: Level;
  owner_id: string | null;
  team_id: string | null;
}

export interface AcceptFiguresRow extends Grouped {
  received: number;
  accepted: number;
  accepted_within_sla: number;
  median_accept: number | null;
  p90_accept: number | null;
  rejected: number;
  recycled: number;
  reassigned: number;
  open: number;
  breaches: number;
}

// A clock's team is the one it was started for; a clock without one counts for its
// owner's current team.
const CLOCKS_OF_MONTH = (orgId: OrgId, kind: 'accept' | 'first_activity', from: Date, to: Date) => sql`
  select k.*, coalesce(k.team_id, u.team_id) as group_team_id
  from sla_clocks k
  left join users u on u.org_id = k.org_id and u.id = k.owner_id
  where k.org_id = ${orgId} and k.kind = ${kind} and k.started_at >= ${from} and k.started_at < ${to}`;

const LEVEL = sql`case when grouping(owner_id) = 0 then 'rep' when grouping(group_team_id) = 0 then 'team' else 'all' end`;

export async function acceptFigures(db: Executor, orgId: OrgId, from: Date, to: Date): Promise<AcceptFiguresRow[]> {
  const result = await sql<AcceptFiguresRow>`
    with clocks as (${CLOCKS_OF_MONTH(orgId, 'accept', from, to)})
    select ${LEVEL} as level, owner_id, group_team_id as team_id,
      count(*)::int as received,
      (count(*) filter (where outcome = 'accepted'))::int as accepted,
      (count(*) filter (where outcome = 'accepted' and stopped_at <= due_at))::int as accepted_within_sla,
      percentile_cont(0.5) within group (order by business_minutes) filter (where outcome = 'accepted') as median_accept,
      percentile_cont(0.9) within group (order by business_minutes) filter (where outcome = 'accepted') as p90_accept,
      (count(*) filter (where outcome = 'rejected'))::int as rejected,
      (count(*) filter (where outcome = 'recycled'))::int as recycled,
      (count(*) filter (where outcome = 'reassigned'))::int as reassigned,
      (count(*) filter (where outcome is null))::int as open,
      (count(*) filter (where breached_at is not null))::int as breaches
    from clocks
    group by grouping sets ((owner_id), (group_team_id), ())
  `.execute(db);
  return result.rows;
}

export interface FirstActivityFiguresRow extends Grouped {
  clocks: number;
  first_activities: number;
  median_first_activity: number | null;
  breaches: number;
}

export async function firstActivityFigures(
  db: Executor,
  orgId: OrgId,
  from: Date,
  to: Date,
): Promise<FirstActivityFiguresRow[]> {
  const result = await sql<FirstActivityFiguresRow>`
    with clocks as (${CLOCKS_OF_MONTH(orgId, 'first_activity', from, to)})
    select ${LEVEL} as level, owner_id, group_team_id as team_id,
      count(*)::int as clocks,
      (count(*) filter (where outcome = 'activity'))::int as first_activities,
      percentile_cont(0.5) within group (order by business_minutes) filter (where outcome = 'activity')
        as median_first_activity,
      (count(*) filter (where breached_at is not null))::int as breaches
    from clocks
    group by grouping sets ((owner_id), (group_team_id), ())
  `.execute(db);
  return result.rows;
}

export interface ReasonCountRow extends Grouped {
  reason_code: string | null;
  label: string | null;
  count: number;
}

// A rejected clock's reason is on the stage event that rejected the lead: its latest move
// from mql to disqualified at or before the clock stopped.
export async function rejectReasonCounts(db: Executor, orgId: OrgId, from: Date, to: Date): Promise<ReasonCountRow[]> {
  const result = await sql<ReasonCountRow>`
    with clocks as (${CLOCKS_OF_MONTH(orgId, 'accept', from, to)}),
    reasons as (
      select c.owner_id, c.group_team_id, e.reason_code
      from clocks c
      left join lateral (
        select ev.reason_code from lead_stage_events ev
        where ev.org_id = c.org_id and ev.lead_id = c.lead_id and ev.from_stage = 'mql'
          and ev.to_stage = 'disqualified' and ev.occurred_at <= c.stopped_at
        order by ev.occurred_at desc, ev.id desc
        limit 1
      ) e on true
      where c.outcome = 'rejected'
    )
    select ${LEVEL} as level, owner_id, group_team_id as team_id, r.reason_code, rc.label, count(*)::int as count
    from reasons r
    left join reason_codes rc on rc.org_id = ${orgId} and rc.kind = 'reject' and rc.code = r.reason_code
    group by grouping sets ((owner_id, r.reason_code, rc.label), (group_team_id, r.reason_code, rc.label),
      (r.reason_code, rc.label))
  `.execute(db);
  return result.rows;
}

export interface MarketingRow {
  is_all: boolean;
  segment: string | null;
  delivered: number;
  decided: number;
  accepted: number;
}

// Marketing delivered an MQL with every move into mql in the month; what sales made of it
// is the lead's next stage event, a move out of mql.
export async function marketingFigures(db: Executor, orgId: OrgId, from: Date, to: Date): Promise<MarketingRow[]> {
  const result = await sql<MarketingRow>`
    select grouping(l.source_channel) = 1 as is_all, l.source_channel as segment,
      count(*)::int as delivered,
      (count(*) filter (where nx.to_stage is not null))::int as decided,
      (count(*) filter (where nx.to_stage = 'sal'))::int as accepted
    from lead_stage_events e
    join leads l on l.org_id = e.org_id and l.id = e.lead_id
    left join lateral (
      select n.to_stage from lead_stage_events n
      where n.org_id = e.org_id and n.lead_id = e.lead_id and n.from_stage = 'mql'
        and (n.occurred_at, n.id) > (e.occurred_at, e.id)
      order by n.occurred_at, n.id
      limit 1
    ) nx on true
    where e.org_id = ${orgId} and e.to_stage = 'mql' and e.occurred_at >= ${from} and e.occurred_at < ${to}
      and l.merged_into_id is null
    group by grouping sets ((l.source_channel), ())
  `.execute(db);
  return result.rows;
}

export interface PersonRow {
  id: string;
  name: string;
  role: string;
  active: boolean;
  team_id: string | null;
  team_name: string | null;
}

/** Everyone who could own a clock: sales people, and anyone named by `ids`. */
export async function listScorecardPeople(db: Executor, orgId: OrgId, ids: readonly string[]): Promise<PersonRow[]> {
  const named = ids.length > 0 ? sql`or u.id in (${sql.join(ids)})` : sql``;
  const result = await sql<PersonRow>`
    select u.id, u.name, u.role, u.active, u.team_id, t.name as team_name
    from users u
    left join teams t on t.org_id = u.org_id and t.id = u.team_id
    where u.org_id = ${orgId} and not u.is_machine
      and ((u.role = 'sales_rep' and u.active) ${named})
    order by u.name, u.id
  `.execute(db);
  return result.rows;
}

export async function listTeamNames(db: Executor, orgId: OrgId) {
  return db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name').execute();
}
