import type { Executor } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, invalid } from '../shared/app-error.ts';
import type { TeamId } from '../shared/ids.ts';
import {
  type MyQueue,
  QUEUE_SECTION_LIMIT,
  type QueueClock,
  type QueueLead,
  type QueueQuery,
  type TeamQueue,
} from './queue.schema.ts';
import {
  type BreachRow,
  type ClockColumns,
  findQueueSettings,
  type LeadSummaryRow,
  listDueTasks,
  listQueueMqls,
  listRunningFirstActivity,
  listTeamBreaches,
  type QueueMqlRow,
  type QueueOwners,
  teamExists,
} from './queue.store.ts';
import { slaStatus } from './sla-clock.ts';
import { DEFAULT_CALENDAR, fromZonedLocal, type WorkCalendar, zonedParts } from './work-calendar.ts';

// The rep's queue (GET /api/v1/queue): their MQLs by when the accept clock runs out, then
// what else is due today. With scope=team, a manager sees their team's MQLs (its reps' and
// those waiting unowned in its queue) and its breaches; an admin sees every team or one.

export async function getQueue(db: Executor, actor: Actor, query: QueueQuery, now: Date): Promise<MyQueue | TeamQueue> {
  const settings = await findQueueSettings(db, actor.orgId);
  const calendar = settings.calendar ?? DEFAULT_CALENDAR(settings.time_zone);
  const common = { now: now.toISOString(), calendar: toCalendarView(calendar), timeZone: settings.time_zone };
  const limit = QUEUE_SECTION_LIMIT;
  if (query.scope === 'mine') {
    if (query.teamId !== undefined) throw invalid('teamId', 'only scope=team takes a team');
    const [mqls, tasks, firstActivity] = [
      await listQueueMqls(db, actor.orgId, { kind: 'owner', userId: actor.userId }, limit),
      await listDueTasks(db, actor.orgId, actor.userId, endOfLocalDay(now, settings.time_zone), limit),
      await listRunningFirstActivity(db, actor.orgId, actor.userId, limit),
    ];
    return {
      scope: 'mine',
      ...common,
      mqls: sectionOf(mqls, (row) => toMql(row, calendar, now)),
      tasks: sectionOf(tasks, (row) => ({
        id: row.id,
        subject: row.subject,
        dueAt: row.due_at.toISOString(),
        overdue: row.due_at.getTime() < now.getTime(),
        lead: row.lead_id
          ? {
              id: row.lead_id,
              firstName: row.first_name,
              lastName: row.last_name,
              email: row.email,
              companyName: row.company_name,
            }
          : null,
        dealId: row.deal_id,
        accountId: row.account_id,
      })),
      firstActivity: sectionOf(firstActivity, (row) => ({
        lead: toLead(row),
        clock: requireClock(row, calendar, now),
      })),
    };
  }
  const teamId = await teamOf(db, actor, query.teamId);
  const owners: QueueOwners = teamId === null ? { kind: 'org' } : { kind: 'team', teamId };
  const monthStart = startOfLocalMonth(now, settings.time_zone);
  const mqls = await listQueueMqls(db, actor.orgId, owners, limit);
  const breaches = await listTeamBreaches(db, actor.orgId, teamId, monthStart, limit);
  return {
    scope: 'team',
    ...common,
    teamId,
    mqls: sectionOf(mqls, (row) => toMql(row, calendar, now)),
    breaches: sectionOf(breaches, (row) => toBreach(row, calendar, now)),
    runningBreaches: breaches[0]?.running ?? 0,
    breachesThisMonth: breaches[0]?.this_month ?? 0,
  };
}

// Which team a team view shows: a manager's own (and only that one), any for an admin, or
// every team (null) when an admin names none.
async function teamOf(db: Executor, actor: Actor, requested: TeamId | undefined): Promise<TeamId | null> {
  if (actor.role === 'admin') {
    if (requested === undefined) return null;
    if (!(await teamExists(db, actor.orgId, requested))) {
      throw invalid('teamId', `${requested} is not a team of this organisation`);
    }
    return requested;
  }
  if (actor.role !== 'sales_manager') {
    throw new AppError(
      'forbidden',
      `scope: the team queue is for sales managers and admins; you act as ${actor.role}`,
      'scope',
    );
  }
  if (actor.teamId === null) {
    throw new AppError('forbidden', 'scope: you manage no team; ask an admin to put you in one', 'scope');
  }
  if (requested !== undefined && requested !== actor.teamId) {
    throw new AppError('forbidden', 'teamId: a sales manager sees the queue of their own team only', 'teamId');
  }
  return actor.teamId;
}

function sectionOf<R extends { total: number }, T>(rows: readonly R[], map: (row: R) => T) {
  const total = rows[0]?.total ?? 0;
  return { items: rows.map(map), total, truncated: total > rows.length };
}

function toLead(row: LeadSummaryRow): QueueLead {
  return {
    id: row.lead_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    companyName: row.company_name,
    sourceChannel: row.source_channel,
    score: row.score,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at.toISOString(),
    firstCampaign: row.campaign_id && row.campaign_name ? { id: row.campaign_id, name: row.campaign_name } : null,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    teamId: row.team_id,
  };
}

// State and minutes left come from slaStatus over the clock's start and SLA hours; a breach
// a job already stamped stays a breach even if the calendar changed since.
function toClock(row: ClockColumns, calendar: WorkCalendar, now: Date, stoppedAt?: Date): QueueClock | null {
  if (!row.clock_id || !row.clock_kind || !row.started_at || !row.due_at || row.sla_hours === null) return null;
  const status = slaStatus(row.started_at, row.sla_hours, calendar, now, stoppedAt);
  const late = status.state === 'breached' || status.state === 'met_late' || row.breached_at !== null;
  return {
    id: row.clock_id,
    kind: row.clock_kind,
    startedAt: row.started_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    slaHours: row.sla_hours,
    state: late ? 'breached' : status.state === 'due_soon' ? 'due_soon' : 'on_track',
    businessMinutesLeft: status.businessMinutesLeft,
    breachedAt: row.breached_at?.toISOString() ?? null,
  };
}

function requireClock(row: ClockColumns, calendar: WorkCalendar, now: Date): QueueClock {
  const clock = toClock(row, calendar, now);
  if (!clock) throw new Error(`clock row ${row.clock_id} is incomplete`);
  return clock;
}

function toMql(row: QueueMqlRow, calendar: WorkCalendar, now: Date) {
  return {
    lead: toLead(row),
    clock: toClock(row, calendar, now),
    assignment:
      row.reason && row.explanation && row.assigned_at
        ? {
            ruleKind: row.rule_kind,
            ruleName: row.rule_name,
            reason: row.reason,
            explanation: row.explanation,
            assignedAt: row.assigned_at.toISOString(),
          }
        : null,
  };
}

function toBreach(row: BreachRow, calendar: WorkCalendar, now: Date) {
  const clock = toClock(row, calendar, now, row.stopped_at ?? undefined);
  if (!clock) throw new Error(`clock row ${row.clock_id} is incomplete`);
  return {
    lead: toLead(row),
    clock: {
      ...clock,
      stoppedAt: row.stopped_at?.toISOString() ?? null,
      outcome: row.outcome,
      ownerId: row.clock_owner_id,
      ownerName: row.clock_owner_name,
      escalatedTo: row.escalated_to,
    },
  };
}

function toCalendarView(calendar: WorkCalendar) {
  const days: Record<string, { start: string; end: string }[]> = {};
  for (const [day, intervals] of Object.entries(calendar.days)) {
    days[day] = (intervals ?? []).map((i) => ({ start: i.start, end: i.end }));
  }
  return { timeZone: calendar.timeZone, days, holidays: [...calendar.holidays] };
}

/** The instant today ends (local midnight after `now`) in a time zone. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const p = zonedParts(now, timeZone);
  return fromZonedLocal(p.year, p.month, p.day, 24, 0, timeZone);
}

/** The instant the local month of `now` began in a time zone. */
export function startOfLocalMonth(now: Date, timeZone: string): Date {
  const p = zonedParts(now, timeZone);
  return fromZonedLocal(p.year, p.month, 1, 0, 0, timeZone);
}
