import { normalizeEmail, normalizePhone } from '../capture/normalize-contact.ts';
import { previousMonth } from '../handoff/scorecard-month.ts';
import type { LeadId, OrgId, TeamId, UserId } from '../shared/ids.ts';
import { type Random, seededRandom } from '../shared/random.ts';
import { businessTime } from './business-time.ts';
import { DAY, type DemoCalendar, demoCalendar, HOUR } from './calendar.ts';
import { type DemoSource, planSources, type SourcePlan, touchpointRow } from './campaigns.ts';
import type { DemoCastPlan, TeamKey } from './cast.ts';
import { companyPool, type Prospect } from './companies.ts';
import { demoIds, type IdFactory } from './demo-ids.ts';
import {
  addHandoffHistory,
  countMql,
  demoTargets,
  demoWorkCalendar,
  type HandoffPlan,
  type HandoffRep,
  type MqlCounts,
} from './handoff-history.ts';
import { type JourneyOutcome, runJourney } from './lead-journey.ts';
import { type DemoBatch, emptyBatch } from './rows.ts';
import { type DemoRep, roundRobin, type World } from './world.ts';

export interface DemoOptions {
  readonly orgId: OrgId;
  readonly seed: number;
  readonly leads: number;
  readonly now: Date;
  readonly timeZone: string;
  readonly currency: string;
  readonly cast: DemoCastPlan;
  /** The created user for each person of the cast, by the person's key. */
  readonly userIds: ReadonlyMap<string, UserId>;
  /** The created teams by key; without them the hand-off rows name no team. */
  readonly teamIds?: ReadonlyMap<TeamKey, TeamId>;
  /** Leads per batch; each batch is self-contained apart from campaigns and older accounts. */
  readonly batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 2000;
const MAX_TOUCHES = 6;

// A year of history for one organisation, produced lazily: the first batch also carries
// the campaigns and their spend, and every batch holds its own leads with everything that
// hangs off them, plus the accounts they were the first to mention. Memory stays bounded
// by the batch size, not the lead count. The same options always give the same rows.
export function* generateDemo(options: DemoOptions): Generator<DemoBatch, void, undefined> {
  const random = seededRandom(options.seed);
  const calendar = demoCalendar(options.now, options.timeZone);
  const ids = demoIds(options.seed, options.orgId);
  const sources = planSources(calendar, ids, random, options);
  const world: World = {
    orgId: options.orgId,
    currency: options.currency,
    random,
    calendar,
    ids,
    marketingId: userIdOf(options, 'marketing'),
    route: roundRobin(repsOf(options)),
  };
  const companies = companyPool(options.orgId, ids, random);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const handoff: HandoffPlan = {
    orgId: options.orgId,
    ids,
    time: businessTime(demoWorkCalendar(options.timeZone), new Date(calendar.start), new Date(calendar.now + 60 * DAY)),
    now: calendar.now,
    reps: handoffReps(options),
  };
  const mqlCounts: MqlCounts = new Map();

  let batch = emptyBatch();
  batch.campaigns = sources.campaigns;
  batch.spend = sources.spend;
  for (let i = 0; i < options.leads; i++) {
    const day = sources.leadDay(i, options.leads, random);
    const createdAt = calendar.timeOnDay(day, random);
    const source = sources.leadSource(day, random);
    const prospect = companies.prospect(createdAt, batch.accounts);
    const leadId = ids<LeadId>(createdAt);
    const firstEvent = batch.leadEvents.length;
    const firstActivity = batch.activities.length;
    const outcome = runJourney(
      world,
      {
        id: leadId,
        accountId: prospect.account?.id ?? null,
        dealName: prospect.companyName ?? `${prospect.firstName} ${prospect.lastName}`,
        createdAt,
        source,
        fit: prospect.fit,
        segment: prospect.segment,
      },
      batch,
    );
    const touches = addTouchpoints(world, sources, batch, { leadId, createdAt, source, outcome });
    const events = batch.leadEvents.slice(firstEvent);
    addHandoffHistory(
      handoff,
      {
        id: leadId,
        segment: prospect.segment,
        ownerId: outcome.ownerId,
        events,
        activities: batch.activities.slice(firstActivity),
      },
      batch,
    );
    for (const event of events) {
      if (event.to_stage === 'mql') {
        countMql(mqlCounts, calendar.localDate(event.occurred_at.getTime()).slice(0, 7), source.template.channel);
      }
    }
    batch.leads.push({
      org_id: options.orgId,
      id: leadId,
      first_name: prospect.firstName,
      last_name: prospect.lastName,
      email: prospect.email,
      email_normalized: normalizeEmail(prospect.email)?.normalized ?? null,
      phone: prospect.phone,
      phone_normalized: normalizePhone(prospect.phone),
      title: prospect.title,
      company_name: prospect.companyName,
      account_id: prospect.account?.id ?? null,
      owner_id: outcome.ownerId,
      stage: outcome.stage,
      stage_changed_at: new Date(outcome.stageChangedAt),
      source_channel: source.template.channel,
      first_campaign_id: source.campaignId,
      score: leadScore(random, prospect, touches, outcome),
      external_id: null,
      created_at: new Date(createdAt),
      updated_at: new Date(outcome.stageChangedAt),
    });
    if (batch.leads.length >= batchSize) {
      yield batch;
      batch = emptyBatch();
    }
  }
  const month = calendar.localDate(calendar.now).slice(0, 7);
  batch.targets = demoTargets(options.orgId, mqlCounts, month, previousMonth(month));
  yield batch;
}

// The first touch is the one that created the lead. A lead that became an MQL had more
// touches before it did (that is what scoring saw); each later return from nurture adds
// the touch that woke it up.
function addTouchpoints(
  world: World,
  sources: SourcePlan,
  batch: DemoBatch,
  lead: { leadId: LeadId; createdAt: number; source: DemoSource; outcome: JourneyOutcome },
): number {
  const { random, calendar, ids, orgId } = world;
  const { leadId, createdAt, source, outcome } = lead;
  batch.touchpoints.push(touchpointRow(orgId, ids, random, source, leadId, createdAt, source.template.firstTouch));
  const returns = outcome.mqlTimes.slice(1);
  const wanted = outcome.mqlTimes.length > 0 ? random.int(1, 4) : random.int(0, 2);
  const extra = Math.min(wanted, MAX_TOUCHES - 1 - returns.length);
  const until = Math.min(calendar.now, outcome.mqlTimes[0] ?? createdAt + 30 * DAY);
  const times: number[] = [];
  for (let k = 0; k < extra; k++) times.push(createdAt + Math.floor(random.next() * (until - createdAt)));
  times.sort((a, b) => a - b);
  for (const t of times) {
    const touch = sources.touchSource(dayOf(calendar, t), random);
    batch.touchpoints.push(
      touchpointRow(orgId, ids, random, touch, leadId, t, random.pick(touch.template.laterTouches)),
    );
  }
  for (const t of returns) {
    const at = Math.max(createdAt, t - random.int(1, 48) * HOUR);
    const type = random.pick(sources.nurture.template.laterTouches);
    batch.touchpoints.push(touchpointRow(orgId, ids, random, sources.nurture, leadId, at, type));
  }
  return 1 + times.length + returns.length;
}

function leadScore(random: Random, prospect: Prospect, touches: number, outcome: JourneyOutcome): number {
  const engaged = outcome.mqlTimes.length > 0 ? 15 : 0;
  const raw = 15 + 25 * prospect.fit + 6 * touches + engaged + random.normal(0, 8);
  return Math.max(0, Math.min(100, Math.round(raw)));
}

function dayOf(calendar: DemoCalendar, t: number): number {
  return Math.floor((t - calendar.start) / DAY);
}

function userIdOf(options: DemoOptions, key: string): UserId {
  const id = options.userIds.get(key);
  if (!id) throw new Error(`the demo cast has no user for ${key}`);
  return id;
}

// Each rep's name, team and manager, by user id, for the hand-off's records.
function handoffReps(options: DemoOptions): Map<string, HandoffRep> {
  const reps = new Map<string, HandoffRep>();
  for (const person of options.cast.people) {
    if (person.role !== 'sales_rep') continue;
    const team = person.team ? options.cast.teams.find((t) => t.key === person.team) : undefined;
    reps.set(userIdOf(options, person.key), {
      name: person.name,
      teamId: (team && options.teamIds?.get(team.key)) ?? null,
      teamName: team?.name ?? null,
      managerId: team ? (options.userIds.get(`manager:${team.key}`) ?? null) : null,
    });
  }
  return reps;
}

function repsOf(options: DemoOptions): DemoRep[] {
  return options.cast.people.flatMap((person) =>
    person.role === 'sales_rep' && person.skill && person.team
      ? [{ id: userIdOf(options, person.key), team: person.team, skill: person.skill }]
      : [],
  );
}

export type { IdFactory };
