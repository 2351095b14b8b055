import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { testDb } from '../../test/support/test-db.ts';
import type { Db } from '../db/database.ts';
import type { CustomValues } from '../lifecycle/lifecycle.tables.ts';
import { type AccountId, type LeadId, newId, type TeamId, type UserId } from '../shared/ids.ts';
import { reassignOpenMqls } from './reassign.ts';
import { routeMql } from './route-mql.ts';
import type { RoutingRepPut, RoutingRuleInput } from './routing.schema.ts';
import { putRoutingRep, replaceRoutingRules } from './routing-settings.ts';

let db: Db;
const NOW = new Date('2026-03-02T10:00:00.000Z');

beforeAll(async () => {
  db = (await testDb()).db;
});

interface LeadSetup {
  readonly ownerId?: UserId | null;
  readonly teamId?: TeamId | null;
  readonly stage?: 'mql' | 'sal';
  readonly country?: string | null;
  readonly custom?: CustomValues;
  readonly account?: { industry?: string; employees?: number; ownerId?: UserId; country?: string };
}

// Leads are written straight into mql, as the lifecycle's transition leaves them, so each
// test calls routeMql itself and sees exactly one routing decision.
async function mqlLead(org: TestOrg, setup: LeadSetup = {}): Promise<LeadId> {
  const id = newId<LeadId>();
  let accountId: AccountId | null = null;
  if (setup.account) {
    accountId = newId<AccountId>();
    await db
      .insertInto('accounts')
      .values({
        org_id: org.orgId,
        id: accountId,
        name: `Account ${accountId.slice(-6)}`,
        domain: null,
        industry: setup.account.industry ?? null,
        employee_count: setup.account.employees ?? null,
        country: setup.account.country ?? null,
        owner_id: setup.account.ownerId ?? null,
        external_id: null,
        custom: '{}',
      })
      .execute();
  }
  await db
    .insertInto('leads')
    .values({
      org_id: org.orgId,
      id,
      first_name: 'Lead',
      last_name: null,
      email: null,
      email_normalized: null,
      phone: null,
      country: setup.country ?? null,
      title: null,
      company_name: null,
      account_id: accountId,
      owner_id: setup.ownerId ?? null,
      team_id: setup.teamId ?? null,
      stage: setup.stage ?? 'mql',
      stage_changed_at: NOW,
      source_channel: null,
      first_campaign_id: null,
      external_id: null,
      custom: JSON.stringify(setup.custom ?? {}),
    })
    .execute();
  return id;
}

const route = (org: TestOrg, leadId: LeadId, at = NOW) =>
  db.transaction().execute(async (trx) => (await routeMql(trx, org.ctx(at), leadId)).outcome);
const saveRules = (org: TestOrg, rules: RoutingRuleInput[]) =>
  db.transaction().execute((trx) => replaceRoutingRules(trx, org.ctx(NOW), { rules }));
const setRep = (org: TestOrg, userId: UserId, input: RoutingRepPut) =>
  db.transaction().execute((trx) => putRoutingRep(trx, org.ctx(NOW), userId, input));

async function leadRow(org: TestOrg, id: LeadId) {
  return db
    .selectFrom('leads')
    .select(['owner_id', 'team_id'])
    .where('org_id', '=', org.orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function assignmentsOf(org: TestOrg, leadId: LeadId) {
  return db
    .selectFrom('lead_assignments')
    .selectAll()
    .where('org_id', '=', org.orgId)
    .where('lead_id', '=', leadId)
    .orderBy('assigned_at')
    .orderBy('id')
    .execute();
}

async function teamWithReps(org: TestOrg, names: readonly string[]) {
  const teamId = await org.team(`Team ${names.join(' ')}`);
  const reps: UserId[] = [];
  for (const name of names) reps.push((await org.user('sales_rep', name, { teamId })).userId);
  return { teamId, reps };
}

describe('routeMql', () => {
  it('gives the lead to its account owner and records the rule that fired', async () => {
    const org = await createTestOrg(db);
    const { teamId, reps } = await teamWithReps(org, ['Ada', 'Bob']);
    const [ada, bob] = reps as [UserId, UserId];
    const saved = await saveRules(org, [{ kind: 'account_owner' }, { kind: 'round_robin', teamId }]);
    const leadId = await mqlLead(org, { account: { ownerId: bob } });

    const outcome = await route(org, leadId);

    expect(outcome).toMatchObject({ ownerId: bob, teamId, reason: 'routed', ruleKind: 'account_owner' });
    expect(outcome.ruleId).toBe(saved.rules[0]?.id);
    expect(await leadRow(org, leadId)).toEqual({ owner_id: bob, team_id: teamId });
    const [row, ...rest] = await assignmentsOf(org, leadId);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      id: outcome.assignmentId,
      user_id: bob,
      rule_id: saved.rules[0]?.id,
      rule_kind: 'account_owner',
      reason: 'routed',
      actor_id: org.admin.userId,
    });
    expect(row?.assigned_at).toEqual(NOW);
    expect(row?.explanation).toContain('account owner Bob is available');
    expect(ada).not.toBe(bob);
  });

  it('routes by territory to the territory team and names the team in the explanation', async () => {
    const org = await createTestOrg(db);
    const dach = await teamWithReps(org, ['Dora']);
    const rest = await teamWithReps(org, ['Rita']);
    await saveRules(org, [
      { kind: 'account_owner' },
      { kind: 'territory', name: 'DACH', teamId: dach.teamId, match: { countries: ['DE', 'AT', 'CH'] } },
      {
        kind: 'territory',
        name: 'Big software',
        teamId: dach.teamId,
        match: { industries: ['Software'], minEmployees: 1000 },
      },
      { kind: 'round_robin', teamId: rest.teamId },
    ]);
    const german = await route(org, await mqlLead(org, { country: 'de' }));
    const american = await route(org, await mqlLead(org, { country: 'US' }));
    const bigSoftware = await route(org, await mqlLead(org, { account: { industry: 'software', employees: 5000 } }));
    const smallSoftware = await route(org, await mqlLead(org, { account: { industry: 'software', employees: 50 } }));

    expect(german).toMatchObject({ ownerId: dach.reps[0], teamId: dach.teamId, ruleKind: 'territory' });
    expect(german.explanation).toBe(
      "territory 'DACH' matched country de; round-robin in team 'Team Dora' chose Dora (weight 1)",
    );
    expect(american).toMatchObject({ ownerId: rest.reps[0], teamId: rest.teamId, ruleKind: 'round_robin' });
    expect(bigSoftware).toMatchObject({ ownerId: dach.reps[0], ruleKind: 'territory' });
    expect(smallSoftware).toMatchObject({ ownerId: rest.reps[0], ruleKind: 'round_robin' });
  });

  it('matches a region held in the custom field `region` of the lead or its account', async () => {
    const org = await createTestOrg(db);
    const emea = await teamWithReps(org, ['Emma']);
    await saveRules(org, [
      { kind: 'territory', name: 'EMEA', teamId: emea.teamId, match: { regions: ['EMEA'] } },
      { kind: 'fallback_queue', teamId: null },
    ]);
    expect(await route(org, await mqlLead(org, { custom: { region: 'emea' } }))).toMatchObject({
      ownerId: emea.reps[0],
    });
    expect(await route(org, await mqlLead(org, { custom: { region: 'APAC' } }))).toMatchObject({
      ownerId: null,
      teamId: null,
      reason: 'fallback_queue',
      ruleKind: 'fallback_queue',
    });
  });

  it('keeps the weighted round-robin position across calls in the saved state', async () => {
    const org = await createTestOrg(db);
    const { teamId, reps } = await teamWithReps(org, ['Ann', 'Ben']);
    const [ann, ben] = reps as [UserId, UserId];
    await setRep(org, ann, { weight: 2 });
    await saveRules(org, [{ kind: 'round_robin', teamId }]);
    const owners: (string | null)[] = [];
    for (let i = 0; i < 6; i += 1) owners.push((await route(org, await mqlLead(org))).ownerId);
    // Smooth weighted round-robin with 2:1 gives A, B, A in every cycle of three (routing.ts);
    // without the saved state every call would start the cycle again and pick Ann.
    expect(owners).toEqual([ann, ben, ann, ann, ben, ann]);
    const settings = await db
      .selectFrom('handoff_settings')
      .select(['routing_state', 'calendar'])
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Object.keys(settings.routing_state)).toEqual([teamId]);
    expect(settings.calendar.timeZone).toBe('UTC');
  });

  it('skips reps at capacity or out of office, and queues the lead in the team when nobody is left', async () => {
    const org = await createTestOrg(db);
    const { teamId, reps } = await teamWithReps(org, ['Cap', 'Away', 'Free']);
    const [cap, away, free] = reps as [UserId, UserId, UserId];
    await setRep(org, cap, { capacity: 1 });
    await setRep(org, away, { outOfOfficeUntil: '2026-03-09T00:00:00.000Z' });
    await setRep(org, free, { capacity: 1 });
    await saveRules(org, [{ kind: 'round_robin', teamId }]);
    await mqlLead(org, { ownerId: cap, teamId });

    expect(await route(org, await mqlLead(org))).toMatchObject({ ownerId: free, reason: 'routed' });
    const queued = await mqlLead(org);
    const outcome = await route(org, queued);
    expect(outcome).toMatchObject({ ownerId: null, teamId, reason: 'all_at_capacity', ruleKind: 'round_robin' });
    expect(await leadRow(org, queued)).toEqual({ owner_id: null, team_id: teamId });
    expect((await assignmentsOf(org, queued))[0]).toMatchObject({ user_id: null, team_id: teamId });

    // A week later the absence is over: the rep is back in the rotation.
    const later = await route(org, await mqlLead(org), new Date('2026-03-09T09:00:00.000Z'));
    expect(later).toMatchObject({ ownerId: away, reason: 'routed' });
  });

  it('routes concurrent MQLs of one org one after the other, so capacity holds', async () => {
    const org = await createTestOrg(db);
    const { teamId, reps } = await teamWithReps(org, ['Uno', 'Duo']);
    for (const rep of reps) await setRep(org, rep, { capacity: 2 });
    await saveRules(org, [{ kind: 'round_robin', teamId }]);
    const leads: LeadId[] = [];
    for (let i = 0; i < 5; i += 1) leads.push(await mqlLead(org));

    const outcomes = await Promise.all(leads.map((id) => route(org, id)));

    const owners = outcomes.map((o) => o.ownerId);
    expect(reps.map((rep) => owners.filter((o) => o === rep).length)).toEqual([2, 2]);
    expect(outcomes.filter((o) => o.reason === 'all_at_capacity')).toHaveLength(1);
  });

  it('keeps an owner who is active and in office, and routes the lead of one who is away', async () => {
    const org = await createTestOrg(db);
    const { teamId, reps } = await teamWithReps(org, ['Own', 'Other']);
    const [own, other] = reps as [UserId, UserId];
    await saveRules(org, [{ kind: 'round_robin', teamId }]);
    const kept = await route(org, await mqlLead(org, { ownerId: own }));
    expect(kept).toMatchObject({ ownerId: own, previousOwnerId: own, reason: 'manual', ruleId: null });

    await setRep(org, own, { outOfOfficeUntil: '2026-04-01T00:00:00.000Z' });
    const moved = await route(org, await mqlLead(org, { ownerId: own }));
    expect(moved).toMatchObject({ ownerId: other, previousOwnerId: own, reason: 'routed' });
    expect(moved.explanation).toMatch(/^owner Own is out of office, so the lead was routed; /);
  });

  it('without saved rules routes by account owner, then round-robin over all sales reps but managers', async () => {
    const org = await createTestOrg(db);
    const north = await teamWithReps(org, ['Nina']);
    const manager = await org.user('sales_manager', 'Manny', { teamId: north.teamId });
    const inactive = await org.user('sales_rep', 'Gone', { teamId: north.teamId });
    await db.updateTable('users').set({ active: false }).where('id', '=', inactive.userId).execute();

    const owned = await route(org, await mqlLead(org, { account: { ownerId: manager.userId } }));
    expect(owned).toMatchObject({ ownerId: manager.userId, ruleKind: 'account_owner', ruleId: null });
    const pooled = await route(org, await mqlLead(org, { account: { ownerId: inactive.userId } }));
    expect(pooled).toMatchObject({ ownerId: north.reps[0], teamId: north.teamId, ruleKind: 'round_robin' });
    expect(pooled.explanation).toBe(
      'account owner Gone is inactive; round-robin among all sales reps chose Nina (weight 1)',
    );

    await setRep(org, north.reps[0] as UserId, { weight: 0 });
    const nobody = await route(org, await mqlLead(org));
    expect(nobody).toMatchObject({ ownerId: null, teamId: null, reason: 'no_available_rep' });
    expect(nobody.explanation).toContain('the organisation-wide queue');
  });
});

describe('reassignOpenMqls', () => {
  it("routes a deactivated rep's open MQLs to others within capacity and leaves accepted leads", async () => {
    const org = await createTestOrg(db);
    const { teamId, reps } = await teamWithReps(org, ['Leaver', 'Stay', 'Full']);
    const [leaver, stay, full] = reps as [UserId, UserId, UserId];
    await setRep(org, full, { capacity: 0 });
    await setRep(org, stay, { capacity: 2 });
    await saveRules(org, [{ kind: 'round_robin', teamId }]);
    const open = [];
    for (let i = 0; i < 3; i += 1) open.push(await mqlLead(org, { ownerId: leaver, teamId }));
    const accepted = await mqlLead(org, { ownerId: leaver, teamId, stage: 'sal' });
    await db.updateTable('users').set({ active: false }).where('id', '=', leaver).execute();

    const outcomes = await db
      .transaction()
      .execute((trx) => reassignOpenMqls(trx, org.ctx(NOW), { id: leaver, name: 'Leaver' }, 'was deactivated'));

    expect(outcomes.map((o) => [o.leadId, o.previousOwnerId, o.ownerId, o.reason])).toEqual([
      [open[0], leaver, stay, 'reassigned_inactive'],
      [open[1], leaver, stay, 'reassigned_inactive'],
      [open[2], leaver, null, 'all_at_capacity'],
    ]);
    expect(outcomes[0]?.explanation).toMatch(/^Leaver was deactivated; round-robin in team 'Team Leaver Stay Full'/);
    expect(await leadRow(org, open[2] as LeadId)).toEqual({ owner_id: null, team_id: teamId });
    expect(await leadRow(org, accepted)).toEqual({ owner_id: leaver, team_id: teamId });
    const recorded = await assignmentsOf(org, open[0] as LeadId);
    expect(recorded.map((r) => [r.user_id, r.reason])).toEqual([[stay, 'reassigned_inactive']]);
    expect(
      await db
        .transaction()
        .execute((trx) => reassignOpenMqls(trx, org.ctx(NOW), { id: leaver, name: 'Leaver' }, 'was deactivated')),
    ).toEqual([]);
  });
});
