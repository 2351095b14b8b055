import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg, type TestUser } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import type { Db } from '../db/database.ts';
import { setTeamManager } from '../platform/platform.store.ts';
import {
  type ActivityId,
  type AssignmentId,
  type CampaignId,
  type LeadId,
  newId,
  type SlaClockId,
  type TeamId,
  type UserId,
} from '../shared/ids.ts';
import { QUEUE_SECTION_LIMIT } from './queue.schema.ts';
import { slaDueAt } from './sla-clock.ts';
import { DEFAULT_CALENDAR } from './work-calendar.ts';

// The queue reads clocks, assignments and tasks as the hand-off writes them; the rows are
// written here directly so every deadline is known. The org has no handoff_settings row,
// so the queue uses DEFAULT_CALENDAR (Mon–Fri 09:00–17:00) in the org's time zone.

const ZONE = 'America/New_York';
const CALENDAR = DEFAULT_CALENDAR(ZONE);
// Wednesday 11 March 2026, 11:00 in New York (EDT, UTC-4).
const NOW = new Date('2026-03-11T15:00:00.000Z');
const MINUTE = 60_000;

let client: TestClient;
let db: Db;
let org: TestOrg;
let team: TeamId;
let otherTeam: TeamId;
let rep: TestUser;
let teammate: TestUser;
let manager: TestUser;
let outsider: TestUser;
let crowded: TestUser;
const lead: Record<string, LeadId> = {};

async function insertLead(
  name: string,
  fields: { ownerId: UserId | null; teamId?: TeamId; stage?: string; campaign?: CampaignId },
) {
  const id = newId<LeadId>();
  await db
    .insertInto('leads')
    .values({
      org_id: org.orgId,
      id,
      first_name: name,
      last_name: 'Queue',
      email: `${name.toLowerCase()}@queue.test`,
      email_normalized: `${name.toLowerCase()}@queue.test`,
      phone: null,
      title: null,
      company_name: `${name} Inc`,
      account_id: null,
      owner_id: fields.ownerId,
      team_id: fields.teamId ?? null,
      stage: (fields.stage ?? 'mql') as 'mql',
      stage_changed_at: new Date(NOW.getTime() - 600 * MINUTE),
      source_channel: 'paid_search',
      first_campaign_id: fields.campaign ?? null,
      score: 70,
      external_id: null,
      custom: '{}',
    })
    .execute();
  lead[name] = id;
  return id;
}

// A clock started so that, with an SLA of `hours`, it is due at the given business minutes
// from NOW (negative: already past due).
async function insertClock(
  leadId: LeadId,
  options: {
    kind?: 'accept' | 'first_activity';
    ownerId: UserId | null;
    teamId?: TeamId;
    startedAt: Date;
    stoppedAt?: Date;
    breachedAt?: Date;
  },
) {
  const hours = 8;
  await db
    .insertInto('sla_clocks')
    .values({
      org_id: org.orgId,
      id: newId<SlaClockId>(),
      lead_id: leadId,
      kind: options.kind ?? 'accept',
      owner_id: options.ownerId,
      team_id: options.teamId ?? team,
      sla_hours: hours,
      started_at: options.startedAt,
      due_at: slaDueAt(options.startedAt, hours, CALENDAR),
      stopped_at: options.stoppedAt ?? null,
      outcome: options.stoppedAt ? 'rejected' : null,
      business_minutes: options.stoppedAt ? 600 : null,
      warned_at: null,
      breached_at: options.breachedAt ?? null,
      escalated_to: null,
    })
    .execute();
}

async function insertTask(
  userId: UserId,
  subject: string,
  dueAt: Date,
  options: { done?: boolean; leadId: LeadId | undefined },
) {
  await db
    .insertInto('activities')
    .values({
      org_id: org.orgId,
      id: newId<ActivityId>(),
      type: 'task',
      occurred_at: NOW,
      subject,
      body: null,
      direction: null,
      origin: 'manual',
      user_id: userId,
      lead_id: options.leadId ?? null,
      deal_id: null,
      account_id: null,
      due_at: dueAt,
      completed_at: options.done ? NOW : null,
    })
    .execute();
}

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  client = await testClient({ clock: () => NOW });
  db = client.connection.db;
  org = await createTestOrg(db, { timeZone: ZONE });
  team = await org.team('Queue team');
  otherTeam = await org.team('Other team');
  rep = await org.user('sales_rep', 'Rita Rep', { teamId: team });
  teammate = await org.user('sales_rep', 'Tom Teammate', { teamId: team });
  manager = await org.user('sales_manager', 'Mia Manager', { teamId: team });
  outsider = await org.user('sales_rep', 'Otto Outsider', { teamId: otherTeam });
  crowded = await org.user('sales_rep', 'Cara Crowded', { teamId: otherTeam });
  await setTeamManager(db, org.orgId, team, manager.userId);
  const campaign = newId<CampaignId>();
  await db
    .insertInto('campaigns')
    .values({ org_id: org.orgId, id: campaign, name: 'Spring webinar', channel: 'paid_search', currency: 'USD' })
    .execute();

  // Started today 09:00 local: due at 17:00, 360 business minutes from NOW.
  await insertClock(await insertLead('Later', { ownerId: rep.userId, campaign }), {
    ownerId: rep.userId,
    startedAt: at('2026-03-11T13:00:00.000Z'),
  });
  // Started yesterday 11:30 local: due today 11:30, 30 business minutes from NOW.
  await insertClock(await insertLead('Soon', { ownerId: rep.userId }), {
    ownerId: rep.userId,
    startedAt: at('2026-03-10T15:30:00.000Z'),
  });
  // Started Monday 10:00 local: due Tuesday 10:00, 540 business minutes ago; the job stamped it.
  await insertClock(await insertLead('Late', { ownerId: rep.userId }), {
    ownerId: rep.userId,
    startedAt: at('2026-03-09T14:00:00.000Z'),
    breachedAt: at('2026-03-10T14:00:00.000Z'),
  });
  await insertLead('Clockless', { ownerId: rep.userId });
  const accepted = await insertLead('Accepted', { ownerId: rep.userId, stage: 'sal' });
  await insertClock(accepted, {
    kind: 'first_activity',
    ownerId: rep.userId,
    startedAt: at('2026-03-11T14:00:00.000Z'),
  });
  await insertClock(await insertLead('Teammates', { ownerId: teammate.userId }), {
    ownerId: teammate.userId,
    startedAt: at('2026-03-11T14:30:00.000Z'),
  });
  await insertClock(await insertLead('Waiting', { ownerId: null, teamId: team }), {
    ownerId: null,
    startedAt: at('2026-03-11T14:45:00.000Z'),
  });
  await insertClock(await insertLead('Elsewhere', { ownerId: outsider.userId }), {
    ownerId: outsider.userId,
    teamId: otherTeam,
    startedAt: at('2026-03-11T14:50:00.000Z'),
  });
  // A rejected lead whose clock breached this month, and one breached last month.
  await insertClock(await insertLead('RejectedLate', { ownerId: teammate.userId, stage: 'disqualified' }), {
    ownerId: teammate.userId,
    startedAt: at('2026-03-02T14:00:00.000Z'),
    breachedAt: at('2026-03-03T14:00:00.000Z'),
    stoppedAt: at('2026-03-04T14:00:00.000Z'),
  });
  await insertClock(await insertLead('FebruaryLate', { ownerId: teammate.userId, stage: 'disqualified' }), {
    ownerId: teammate.userId,
    startedAt: at('2026-02-16T14:00:00.000Z'),
    breachedAt: at('2026-02-17T14:00:00.000Z'),
    stoppedAt: at('2026-02-18T14:00:00.000Z'),
  });

  for (const [explanation, minutesAgo] of [
    ['first decision', 60],
    ['Round-robin in Queue team: Rita Rep was next', 30],
  ] as const) {
    await db
      .insertInto('lead_assignments')
      .values({
        org_id: org.orgId,
        id: newId<AssignmentId>(),
        lead_id: lead.Later as LeadId,
        user_id: rep.userId,
        team_id: team,
        rule_id: null,
        rule_kind: 'round_robin',
        reason: 'routed',
        explanation,
        assigned_at: new Date(NOW.getTime() - minutesAgo * MINUTE),
        actor_id: null,
      })
      .execute();
  }

  await insertTask(rep.userId, 'Overdue call', at('2026-03-10T20:00:00.000Z'), { leadId: lead.Later });
  await insertTask(rep.userId, 'Tonight', at('2026-03-12T03:30:00.000Z'), { leadId: lead.Soon });
  await insertTask(rep.userId, 'Tomorrow', at('2026-03-12T04:30:00.000Z'), { leadId: lead.Late });
  await insertTask(rep.userId, 'Done already', at('2026-03-11T12:00:00.000Z'), { done: true, leadId: lead.Late });
  await insertTask(teammate.userId, 'Not mine', at('2026-03-11T12:00:00.000Z'), { leadId: lead.Teammates });
});

describe('GET /api/v1/queue', () => {
  it("lists the rep's MQLs soonest due first with business minutes left, those without a clock last", async () => {
    const response = await client.request(rep.key, 'GET', '/api/v1/queue');
    expect(response.status).toBe(200);
    const { mqls } = response.body;
    expect(mqls.items.map((m: any) => m.lead.firstName)).toEqual(['Late', 'Soon', 'Later', 'Clockless']);
    expect(mqls.total).toBe(4);
    expect(mqls.truncated).toBe(false);
    const [late, soon, later, clockless] = mqls.items;
    expect(late.clock).toMatchObject({
      state: 'breached',
      businessMinutesLeft: -540,
      breachedAt: '2026-03-10T14:00:00.000Z',
    });
    expect(soon.clock).toMatchObject({ state: 'due_soon', businessMinutesLeft: 30, dueAt: '2026-03-11T15:30:00.000Z' });
    expect(later.clock).toMatchObject({ state: 'on_track', businessMinutesLeft: 360, slaHours: 8 });
    expect(clockless.clock).toBeNull();
    expect(later.lead).toMatchObject({
      companyName: 'Later Inc',
      email: 'later@queue.test',
      sourceChannel: 'paid_search',
      score: 70,
      firstCampaign: { name: 'Spring webinar' },
      ownerName: 'Rita Rep',
    });
    expect(later.assignment).toMatchObject({
      ruleKind: 'round_robin',
      reason: 'routed',
      explanation: 'Round-robin in Queue team: Rita Rep was next',
    });
    expect(response.body.calendar.timeZone).toBe(ZONE);
    expect(response.body.now).toBe(NOW.toISOString());
  });

  it('lists open tasks due by the end of today in the org time zone, and accepted leads awaiting a first activity', async () => {
    const response = await client.request(rep.key, 'GET', '/api/v1/queue');
    const { tasks, firstActivity } = response.body;
    expect(tasks.items.map((t: any) => [t.subject, t.overdue])).toEqual([
      ['Overdue call', true],
      ['Tonight', false],
    ]);
    expect(tasks.items[0].lead.id).toBe(lead.Later);
    expect(firstActivity.items.map((f: any) => f.lead.firstName)).toEqual(['Accepted']);
    expect(firstActivity.items[0].clock).toMatchObject({ kind: 'first_activity', businessMinutesLeft: 420 });
  });

  it('refuses the team scope to a rep, naming scope', async () => {
    const response = await client.request(rep.key, 'GET', '/api/v1/queue?scope=team');
    expect(response.status).toBe(403);
    expect(response.body.error.field).toBe('scope');
  });

  it("shows a manager their team's MQLs, the unowned ones in its queue, and its breaches", async () => {
    const response = await client.request(manager.key, 'GET', '/api/v1/queue?scope=team');
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('team');
    expect(response.body.teamId).toBe(team);
    const names = response.body.mqls.items.map((m: any) => m.lead.firstName);
    expect(names).toEqual(['Late', 'Soon', 'Later', 'Teammates', 'Waiting', 'Clockless']);
    expect(response.body.mqls.items[4].lead.ownerId).toBeNull();
    const breaches = response.body.breaches.items.map((b: any) => [b.lead.firstName, b.clock.stoppedAt === null]);
    expect(breaches).toEqual([
      ['Late', true],
      ['RejectedLate', false],
    ]);
    expect(response.body.runningBreaches).toBe(1);
    expect(response.body.breachesThisMonth).toBe(2);
    expect(response.body.breaches.items[1].clock).toMatchObject({ outcome: 'rejected', ownerName: 'Tom Teammate' });
  });

  it("refuses a manager another team's queue, naming teamId; an admin may see any team or all", async () => {
    const refused = await client.request(manager.key, 'GET', `/api/v1/queue?scope=team&teamId=${otherTeam}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.field).toBe('teamId');
    const other = await client.request(org.adminKey, 'GET', `/api/v1/queue?scope=team&teamId=${otherTeam}`);
    expect(other.status).toBe(200);
    expect(other.body.mqls.items.map((m: any) => m.lead.firstName)).toEqual(['Elsewhere']);
    const all = await client.request(org.adminKey, 'GET', '/api/v1/queue?scope=team');
    expect(all.body.teamId).toBeNull();
    expect(all.body.mqls.total).toBe(7);
  });

  it('refuses marketing, and a team id on the own scope', async () => {
    const marketer = await org.user('marketing');
    expect((await client.request(marketer.key, 'GET', '/api/v1/queue')).status).toBe(403);
    const teamOnMine = await client.request(rep.key, 'GET', `/api/v1/queue?teamId=${team}`);
    expect(teamOnMine.status).toBe(400);
    expect(teamOnMine.body.error.field).toBe('teamId');
    const badScope = await client.request(rep.key, 'GET', '/api/v1/queue?scope=everyone');
    expect(badScope.status).toBe(400);
    expect(badScope.body.error.field).toBe('scope');
  });

  it('holds at most QUEUE_SECTION_LIMIT items per section and says how many there are', async () => {
    const rows = Array.from({ length: QUEUE_SECTION_LIMIT + 3 }, (_, i) => ({
      org_id: org.orgId,
      id: newId<LeadId>(),
      first_name: `Crowd ${i}`,
      last_name: null,
      email: null,
      email_normalized: null,
      phone: null,
      title: null,
      company_name: null,
      account_id: null,
      owner_id: crowded.userId,
      stage: 'mql' as const,
      stage_changed_at: NOW,
      source_channel: null,
      first_campaign_id: null,
      external_id: null,
      custom: '{}',
    }));
    await db.insertInto('leads').values(rows).execute();
    const response = await client.request(crowded.key, 'GET', '/api/v1/queue');
    expect(response.body.mqls.items).toHaveLength(QUEUE_SECTION_LIMIT);
    expect(response.body.mqls.total).toBe(QUEUE_SECTION_LIMIT + 3);
    expect(response.body.mqls.truncated).toBe(true);
  });

  it('an accepted MQL leaves the queue', async () => {
    const accept = await client.request(rep.key, 'POST', `/api/v1/leads/${lead.Soon}/transitions`, { to: 'sal' });
    expect(accept.status).toBe(201);
    const response = await client.request(rep.key, 'GET', '/api/v1/queue');
    expect(response.body.mqls.items.map((m: any) => m.lead.firstName)).toEqual(['Late', 'Later', 'Clockless']);
  });
});
