import type { WorkCalendar, WorkInterval } from '../handoff/work-calendar.ts';
import type { LeadStage } from '../lifecycle/constants.ts';
import type { AssignmentId, LeadId, OrgId, SlaClockId, TeamId, UserId } from '../shared/ids.ts';
import type { BusinessTime } from './business-time.ts';
import type { IdFactory } from './demo-ids.ts';
import type { DemoActivityRow, DemoBatch, DemoClockRow, DemoLeadEventRow, DemoTargetRow } from './rows.ts';

// The hand-off's record of a generated lead, derived from its stage events the way the
// hand-off's entry points (src/handoff/hand-off.ts) would have written it live: each move
// into mql is a routing decision and starts an accept clock; the move out of mql stops it
// (accepted, rejected, recycled) with its business minutes; acceptance starts the
// first-activity clock, which the owner's first activity stops and any later stage move
// closes. Clocks still running at `now` stay running; a clock that ran past its due time
// carries the breach the SLA job would have stamped, escalated to the team's manager.

export const DEMO_SLA_HOURS = { accept: 8, firstActivity: 8 } as const;

// The generator's working hours (calendar.ts): Monday to Friday, 09:00–17:30.
const WORKDAY: readonly WorkInterval[] = [{ start: '09:00', end: '17:30' }];

export function demoWorkCalendar(timeZone: string): WorkCalendar {
  return { timeZone, days: { 1: WORKDAY, 2: WORKDAY, 3: WORKDAY, 4: WORKDAY, 5: WORKDAY }, holidays: [] };
}

export interface HandoffRep {
  readonly name: string;
  readonly teamId: TeamId | null;
  readonly teamName: string | null;
  readonly managerId: UserId | null;
}

export interface HandoffPlan {
  readonly orgId: OrgId;
  readonly ids: IdFactory;
  /** The org calendar's business-time arithmetic (business-time.ts, equal to sla-clock.ts). */
  readonly time: BusinessTime;
  readonly now: number;
  readonly reps: ReadonlyMap<string, HandoffRep>;
}

export interface HandoffLead {
  readonly id: LeadId;
  readonly segment: string;
  /** Who owns the lead at the end of its journey: the owner of an MQL still waiting. */
  readonly ownerId: UserId | null;
  /** This lead's stage events and activities, in the order they happened. */
  readonly events: readonly DemoLeadEventRow[];
  readonly activities: readonly DemoActivityRow[];
}

const ACCEPT_OUTCOME: { readonly [S in LeadStage]?: 'accepted' | 'rejected' | 'recycled' } = {
  sal: 'accepted',
  disqualified: 'rejected',
  recycled: 'recycled',
};

const BREACH_LAG_MS = 1;

export function addHandoffHistory(plan: HandoffPlan, lead: HandoffLead, out: DemoBatch): void {
  const { events } = lead;
  let accept: DemoClockRow | null = null;
  let firstActivity: DemoClockRow | null = null;
  let previousOwner: UserId | null = null;

  const stop = (clock: DemoClockRow, outcome: DemoClockRow['outcome'], at: number) => {
    const stoppedAt = new Date(Math.max(at, clock.started_at.getTime()));
    clock.stopped_at = stoppedAt;
    clock.outcome = outcome;
    // Whole minutes, rounded down, as the hand-off's clocks store them (sla-clocks.ts).
    clock.business_minutes = Math.floor(plan.time.minutesBetween(clock.started_at, stoppedAt));
    markBreach(plan, clock, stoppedAt.getTime());
  };

  for (const [index, event] of events.entries()) {
    const at = event.occurred_at.getTime();
    if (firstActivity && event.to_stage !== 'mql') {
      const worked = firstWork(lead.activities, firstActivity, at);
      if (worked !== null) stop(firstActivity, 'activity', worked);
      else
        stop(
          firstActivity,
          event.to_stage === 'disqualified' ? 'rejected' : event.to_stage === 'recycled' ? 'recycled' : 'closed',
          at,
        );
      firstActivity = null;
    }
    if (event.to_stage === 'mql') {
      const exit = events.slice(index + 1).find((e) => e.from_stage === 'mql');
      const ownerId = exit ? exit.actor_id : lead.ownerId;
      const rep = ownerId ? plan.reps.get(ownerId) : undefined;
      if (!ownerId || !rep) continue;
      out.assignments.push({
        org_id: plan.orgId,
        id: plan.ids<AssignmentId>(at),
        lead_id: lead.id,
        user_id: ownerId,
        team_id: rep.teamId,
        rule_id: null,
        rule_kind: 'round_robin',
        reason: 'routed',
        explanation:
          previousOwner === ownerId
            ? `Back to ${rep.name}, who worked this lead before`
            : `The ${lead.segment.replaceAll('_', '-')} segment goes to ${rep.teamName ?? 'the sales team'}; round-robin picked ${rep.name}`,
        assigned_at: new Date(at),
        actor_id: null,
      });
      previousOwner = ownerId;
      accept = startClock(plan, lead.id, 'accept', ownerId, rep, at);
      out.clocks.push(accept);
    } else if (event.from_stage === 'mql' && accept) {
      stop(accept, ACCEPT_OUTCOME[event.to_stage] ?? 'closed', at);
      if (event.to_stage === 'sal' && accept.owner_id) {
        const rep = plan.reps.get(accept.owner_id);
        if (rep) {
          firstActivity = startClock(plan, lead.id, 'first_activity', accept.owner_id, rep, at);
          out.clocks.push(firstActivity);
        }
      }
      accept = null;
    }
  }
  if (firstActivity) {
    const worked = firstWork(lead.activities, firstActivity, Number.POSITIVE_INFINITY);
    if (worked !== null) stop(firstActivity, 'activity', worked);
  }
  // Clocks still running at `now` breached if their due time has passed.
  for (const clock of [accept, firstActivity]) {
    if (clock && clock.stopped_at === null) markBreach(plan, clock, plan.now);
  }
}

function startClock(
  plan: HandoffPlan,
  leadId: LeadId,
  kind: DemoClockRow['kind'],
  ownerId: UserId,
  rep: HandoffRep,
  at: number,
): DemoClockRow {
  const slaHours = kind === 'accept' ? DEMO_SLA_HOURS.accept : DEMO_SLA_HOURS.firstActivity;
  const startedAt = new Date(at);
  return {
    org_id: plan.orgId,
    id: plan.ids<SlaClockId>(at),
    lead_id: leadId,
    kind,
    owner_id: ownerId,
    team_id: rep.teamId,
    sla_hours: slaHours,
    started_at: startedAt,
    due_at: plan.time.dueAt(startedAt, slaHours),
    stopped_at: null,
    outcome: null,
    business_minutes: null,
    warned_at: null,
    breached_at: null,
    escalated_to: null,
  };
}

// The owner's first activity on the lead from the clock's start, before `until`.
function firstWork(activities: readonly DemoActivityRow[], clock: DemoClockRow, until: number): number | null {
  let first: number | null = null;
  const from = clock.started_at.getTime();
  for (const activity of activities) {
    const t = activity.occurred_at.getTime();
    if (activity.user_id !== clock.owner_id || t < from || t >= until) continue;
    if (first === null || t < first) first = t;
  }
  return first;
}

// The SLA job runs just after the due time and stamps the breach on a clock still running
// then; the manager of the owner's team hears of it.
function markBreach(plan: HandoffPlan, clock: DemoClockRow, end: number): void {
  const due = clock.due_at.getTime();
  if (end <= due) return;
  clock.breached_at = new Date(due + BREACH_LAG_MS);
  const managerId = clock.owner_id ? plan.reps.get(clock.owner_id)?.managerId : null;
  clock.escalated_to = managerId && managerId !== clock.owner_id ? managerId : null;
}

/** MQLs generated per local month ('YYYY-MM') and source channel. */
export type MqlCounts = Map<string, Map<string, number>>;

export function countMql(counts: MqlCounts, month: string, channel: string): void {
  const byChannel = counts.get(month) ?? new Map<string, number>();
  byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
  counts.set(month, byChannel);
}

const round5 = (n: number) => Math.max(5, Math.round(n / 5) * 5);

// Marketing's targets for the current and the previous month, set from the previous
// month's volume as a marketer would: the org total and its three biggest channels, some
// met and some missed, and a higher bar for this month.
export function demoTargets(
  orgId: OrgId,
  counts: MqlCounts,
  currentMonth: string,
  previousMonth: string,
): DemoTargetRow[] {
  const previous = counts.get(previousMonth) ?? new Map<string, number>();
  const all = [...previous.values()].reduce((sum, n) => sum + n, 0);
  const channels = [...previous.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
  const rows: DemoTargetRow[] = [];
  const row = (month: string, segment: string, mqls: number, rate: number): DemoTargetRow => ({
    org_id: orgId,
    month: `${month}-01`,
    segment,
    mql_target: round5(mqls),
    accept_rate_target: rate,
  });
  rows.push(row(previousMonth, 'all', all * 1.08, 0.75), row(currentMonth, 'all', all * 1.1, 0.75));
  const factors = [0.9, 1.15, 1];
  for (const [i, [channel, n]] of channels.entries()) {
    rows.push(row(previousMonth, channel, n * (factors[i] ?? 1), 0.7), row(currentMonth, channel, n * 1.1, 0.7));
  }
  return rows;
}
