import type { Executor } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type {
  MarketingSegment,
  SalesFigures,
  Scorecard,
  ScorecardQuery,
  ScorecardRep,
  ScorecardTeam,
} from './scorecard.schema.ts';
import {
  type AcceptFiguresRow,
  acceptFigures,
  type FirstActivityFiguresRow,
  firstActivityFigures,
  type Level,
  listScorecardPeople,
  listTeamNames,
  marketingFigures,
  type ReasonCountRow,
  rejectReasonCounts,
} from './scorecard.store.ts';
import { monthBounds, monthElapsed, monthOf } from './scorecard-month.ts';
import { findOrgTimeZone, listTargetRows } from './targets.store.ts';

// The SLA scorecard (GET /api/v1/handoff/scorecard). Sales' figures come from the SLA
// clocks started in the month, in the org's time zone: accept clocks for MQLs received,
// accepted (within SLA: stopped no later than due), minutes to accept, rejects with the
// reason on the rejecting stage event, breaches; first-activity clocks for the time to a
// first activity. Marketing's figures come from the stage events: moves into mql in the
// month per source channel, against marketing_targets. All aggregation runs in SQL, a few
// rows per rep and team come back.

export const SCORECARD_DEFINITION =
  'Sales: SLA clocks started in the month (org time zone), by clock owner and clock team. received = accept clocks; ' +
  'accepted within SLA = stopped as accepted no later than due_at; minutes are business minutes of the org calendar ' +
  '(median and p90 by percentile_cont); breaches = clocks with breached_at; reasons from the stage event that ' +
  'rejected the lead. Marketing: moves into mql in the month by lead source channel; accept rate = accepted / ' +
  'decided, where the decision is the next move out of mql.';

export async function getScorecard(db: Executor, actor: Actor, query: ScorecardQuery, now: Date): Promise<Scorecard> {
  const { orgId } = actor;
  const { time_zone: timeZone } = await findOrgTimeZone(db, orgId);
  const bounds = monthBounds(query.month ?? monthOf(now, timeZone), timeZone);
  const { from, to } = bounds;
  const accept = await acceptFigures(db, orgId, from, to);
  const firstActivity = await firstActivityFigures(db, orgId, from, to);
  const reasons = await rejectReasonCounts(db, orgId, from, to);
  const marketing = await marketingFigures(db, orgId, from, to);
  const targets = await listTargetRows(db, orgId, `${bounds.month}-01`);

  const figuresOf = (level: Level, id: string | null): SalesFigures =>
    figures(
      accept.find((r) => matches(r, level, id)),
      firstActivity.find((r) => matches(r, level, id)),
      reasons.filter((r) => matches(r, level, id)),
    );

  const ownerIds = accept.flatMap((r) => (r.level === 'rep' && r.owner_id ? [r.owner_id] : []));
  for (const r of firstActivity) if (r.level === 'rep' && r.owner_id) ownerIds.push(r.owner_id);
  const people = await listScorecardPeople(db, orgId, [...new Set(ownerIds)]);
  const reps: ScorecardRep[] = people.map((p) => ({
    userId: p.id,
    name: p.name,
    teamId: p.team_id,
    teamName: p.team_name,
    active: p.active,
    ...figuresOf('rep', p.id),
  }));

  const teamNames = await listTeamNames(db, orgId);
  const teamIds = new Set(accept.filter((r) => r.level === 'team').map((r) => r.team_id));
  for (const team of teamNames) teamIds.add(team.id);
  const teams: ScorecardTeam[] = [...teamIds].map((teamId) => ({
    teamId,
    name: teamId === null ? 'No team' : (teamNames.find((t) => t.id === teamId)?.name ?? teamId),
    ...figuresOf('team', teamId),
  }));
  teams.sort((a, b) => a.name.localeCompare(b.name));

  const total = figuresOf('all', null);
  return {
    month: bounds.month,
    timeZone,
    from: from.toISOString(),
    to: to.toISOString(),
    monthElapsed: monthElapsed(bounds, now),
    reps,
    teams,
    total,
    marketing: marketingSegments(marketing, targets),
    counted: {
      acceptClocks: total.received,
      firstActivityClocks: firstActivity.find((r) => r.level === 'all')?.clocks ?? 0,
      mqlEvents: marketing.find((r) => r.is_all)?.delivered ?? 0,
      definition: SCORECARD_DEFINITION,
    },
  };
}

function matches(
  row: { level: Level; owner_id: string | null; team_id: string | null },
  level: Level,
  id: string | null,
) {
  if (row.level !== level) return false;
  if (level === 'rep') return row.owner_id === id;
  if (level === 'team') return row.team_id === id;
  return true;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function minutes(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 10) / 10;
}

function figures(
  accept: AcceptFiguresRow | undefined,
  firstActivity: FirstActivityFiguresRow | undefined,
  reasons: readonly ReasonCountRow[],
): SalesFigures {
  const received = accept?.received ?? 0;
  const accepted = accept?.accepted ?? 0;
  const rejected = accept?.rejected ?? 0;
  const acceptedWithinSla = accept?.accepted_within_sla ?? 0;
  return {
    received,
    accepted,
    acceptedWithinSla,
    withinSlaRate: ratio(acceptedWithinSla, received),
    medianMinutesToAccept: minutes(accept?.median_accept),
    p90MinutesToAccept: minutes(accept?.p90_accept),
    rejected,
    rejectRate: ratio(rejected, received),
    recycled: accept?.recycled ?? 0,
    reassigned: accept?.reassigned ?? 0,
    open: accept?.open ?? 0,
    breaches: accept?.breaches ?? 0,
    firstActivities: firstActivity?.first_activities ?? 0,
    medianMinutesToFirstActivity: minutes(firstActivity?.median_first_activity),
    firstActivityBreaches: firstActivity?.breaches ?? 0,
    rejectReasons: reasons
      .map((r) => ({
        code: r.reason_code ?? 'unknown',
        label: r.label ?? r.reason_code ?? 'No reason recorded',
        count: r.count,
      }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}

function marketingSegments(
  rows: readonly { is_all: boolean; segment: string | null; delivered: number; decided: number; accepted: number }[],
  targets: readonly { segment: string; mql_target: number; accept_rate_target: number | null }[],
): MarketingSegment[] {
  const bySegment = new Map<string, { delivered: number; decided: number; accepted: number }>();
  for (const row of rows) {
    const segment = row.is_all ? 'all' : (row.segment ?? 'unassigned');
    const seen = bySegment.get(segment) ?? { delivered: 0, decided: 0, accepted: 0 };
    bySegment.set(segment, {
      delivered: seen.delivered + row.delivered,
      decided: seen.decided + row.decided,
      accepted: seen.accepted + row.accepted,
    });
  }
  if (!bySegment.has('all')) bySegment.set('all', { delivered: 0, decided: 0, accepted: 0 });
  for (const target of targets) {
    if (!bySegment.has(target.segment)) bySegment.set(target.segment, { delivered: 0, decided: 0, accepted: 0 });
  }
  const segments = [...bySegment.entries()].map(([segment, counts]): MarketingSegment => {
    const target = targets.find((t) => t.segment === segment);
    return {
      segment,
      ...counts,
      acceptRate: ratio(counts.accepted, counts.decided),
      mqlTarget: target?.mql_target ?? null,
      acceptRateTarget: target?.accept_rate_target ?? null,
      progress: target ? ratio(counts.delivered, target.mql_target) : null,
    };
  });
  // 'all' first, then the segments with targets, then by volume.
  const rank = (s: MarketingSegment) => (s.segment === 'all' ? 0 : s.mqlTarget !== null ? 1 : 2);
  return segments.sort((a, b) => rank(a) - rank(b) || b.delivered - a.delivered || a.segment.localeCompare(b.segment));
}
