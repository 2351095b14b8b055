import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg, type TestUser } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import type { TeamId } from '../shared/ids.ts';

// Row scoping by role (platform/visibility.ts): who sees which leads and deals, and the
// role rules commands enforce on top (marketing qualifies but does not accept; reps do
// not assign work to others).

let client: TestClient;
let org: TestOrg;
let east: TeamId;
let west: TeamId;
let manager: TestUser;
let rep: TestUser;
let teammate: TestUser;
let westRep: TestUser;
let marketing: TestUser;
const lead: Record<string, string> = {};

async function createLead(name: string, body: Record<string, unknown>): Promise<void> {
  const response = await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: name, ...body });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  lead[name] = response.body.id;
}

async function listed(key: string, path = '/api/v1/leads?limit=500'): Promise<string[]> {
  const response = await client.request(key, 'GET', path);
  expect(response.status).toBe(200);
  const names = new Map(Object.entries(lead).map(([name, id]) => [id, name]));
  return response.body.items.map((l: { id: string }) => names.get(l.id) ?? l.id).sort();
}

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db);
  east = await org.team('East');
  west = await org.team('West');
  manager = await org.user('sales_manager', 'East Manager', { teamId: east });
  rep = await org.user('sales_rep', 'East Rep', { teamId: east });
  teammate = await org.user('sales_rep', 'East Teammate', { teamId: east });
  westRep = await org.user('sales_rep', 'West Rep', { teamId: west });
  marketing = await org.user('marketing', 'Marketer');
  await createLead('mine', { ownerId: rep.userId });
  await createLead('teammates', { ownerId: teammate.userId });
  await createLead('eastQueue', { teamId: east });
  await createLead('westQueue', { teamId: west });
  await createLead('westOwned', { ownerId: westRep.userId });
  await createLead('unrouted', {});
});

describe('lead visibility', () => {
  it('shows a rep their own leads and their team queue, nothing else', async () => {
    expect(await listed(rep.key)).toEqual(['eastQueue', 'mine']);
    expect(await listed(westRep.key)).toEqual(['westOwned', 'westQueue']);
  });

  it("answers 404 to a rep for another rep's lead, on every read and write", async () => {
    const id = lead.teammates;
    for (const path of ['', '/events', '/timeline']) {
      expect((await client.request(rep.key, 'GET', `/api/v1/leads/${id}${path}`)).status).toBe(404);
    }
    expect((await client.request(rep.key, 'PATCH', `/api/v1/leads/${id}`, { title: 'x' })).status).toBe(404);
    const move = await client.request(rep.key, 'POST', `/api/v1/leads/${id}/transitions`, { to: 'mql' });
    expect(move.status).toBe(404);
    expect((await client.request(org.adminKey, 'GET', `/api/v1/leads/${id}`)).body.stage).toBe('inquiry');
  });

  it('shows a manager the leads of their team and its queue', async () => {
    expect(await listed(manager.key)).toEqual(['eastQueue', 'mine', 'teammates']);
  });

  it('shows marketing and admins every lead', async () => {
    const all = ['eastQueue', 'mine', 'teammates', 'unrouted', 'westOwned', 'westQueue'];
    expect(await listed(marketing.key)).toEqual(all);
    expect(await listed(org.adminKey)).toEqual(all);
  });

  it('lets a rep take a lead from their queue, which moves it out of the queue for others', async () => {
    await createLead('claimable', { teamId: east });
    expect(await listed(teammate.key)).toContain('claimable');
    const taken = await client.request(rep.key, 'PATCH', `/api/v1/leads/${lead.claimable}`, { ownerId: rep.userId });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ ownerId: rep.userId, teamId: east });
    expect(await listed(teammate.key)).not.toContain('claimable');
    const back = await client.request(rep.key, 'PATCH', `/api/v1/leads/${lead.claimable}`, { ownerId: null });
    expect(back.body).toMatchObject({ ownerId: null, teamId: east });
    expect(await listed(teammate.key)).toContain('claimable');
  });

  it('does not let a rep hand a lead to someone else or another team; a manager may reassign', async () => {
    const handOff = await client.request(rep.key, 'PATCH', `/api/v1/leads/${lead.mine}`, { ownerId: teammate.userId });
    expect(handOff.status).toBe(403);
    expect(handOff.body.error.field).toBe('ownerId');
    const reroute = await client.request(rep.key, 'PATCH', `/api/v1/leads/${lead.mine}`, { teamId: west });
    expect(reroute.status).toBe(403);
    expect(reroute.body.error.field).toBe('teamId');
    await createLead('reassigned', { ownerId: rep.userId });
    const reassigned = await client.request(manager.key, 'PATCH', `/api/v1/leads/${lead.reassigned}`, {
      ownerId: westRep.userId,
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.teamId).toBe(west);
    expect(await listed(westRep.key)).toContain('reassigned');
  });

  it('files a lead a rep creates as their own, and one a manager creates in their queue', async () => {
    const byRep = await client.request(rep.key, 'POST', '/api/v1/leads', { firstName: 'Walk-in' });
    expect(byRep.body).toMatchObject({ ownerId: rep.userId, teamId: east });
    const byManager = await client.request(manager.key, 'POST', '/api/v1/leads', { firstName: 'Referral' });
    expect(byManager.body).toMatchObject({ ownerId: null, teamId: east });
  });
});

describe('marketing and lead stages', () => {
  it('lets marketing qualify an inquiry or a recycled lead as MQL, but not accept or reject it', async () => {
    await createLead('campaignLead', {});
    const id = lead.campaignLead;
    const mql = await client.request(marketing.key, 'POST', `/api/v1/leads/${id}/transitions`, { to: 'mql' });
    expect(mql.status).toBe(201);
    for (const body of [
      { to: 'sal' },
      { to: 'disqualified', reasonCode: 'bad_fit' },
      { to: 'recycled', reasonCode: 'timing' },
    ]) {
      const refused = await client.request(marketing.key, 'POST', `/api/v1/leads/${id}/transitions`, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'to' });
    }
    await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, {
      to: 'recycled',
      reasonCode: 'timing',
    });
    const again = await client.request(marketing.key, 'POST', `/api/v1/leads/${id}/transitions`, { to: 'mql' });
    expect(again.status).toBe(201);
    const accepted = await client.request(org.adminKey, 'POST', `/api/v1/leads/${id}/transitions`, { to: 'sal' });
    expect(accepted.status).toBe(201);
  });

  it('does not let marketing edit a lead', async () => {
    const response = await client.request(marketing.key, 'PATCH', `/api/v1/leads/${lead.mine}`, { title: 'x' });
    expect(response.status).toBe(403);
  });
});

describe('deal visibility', () => {
  it('shows reps their own deals, managers their team’s, marketing all; others answer 404', async () => {
    const mine = await client.request(org.adminKey, 'POST', '/api/v1/deals', { name: 'Mine', ownerId: rep.userId });
    const west = await client.request(org.adminKey, 'POST', '/api/v1/deals', { name: 'West', ownerId: westRep.userId });
    const names = async (key: string) =>
      (await client.request(key, 'GET', '/api/v1/deals?limit=500')).body.items
        .map((d: { name: string }) => d.name)
        .sort();
    expect(await names(rep.key)).toEqual(['Mine']);
    expect(await names(manager.key)).toEqual(['Mine']);
    expect(await names(westRep.key)).toEqual(['West']);
    expect(await names(marketing.key)).toEqual(['Mine', 'West']);
    expect((await client.request(westRep.key, 'GET', `/api/v1/deals/${mine.body.id}`)).status).toBe(404);
    expect((await client.request(westRep.key, 'GET', `/api/v1/deals/${mine.body.id}/events`)).status).toBe(404);
    const move = await client.request(westRep.key, 'POST', `/api/v1/deals/${mine.body.id}/transitions`, { to: 'demo' });
    expect(move.status).toBe(404);
    expect((await client.request(rep.key, 'PATCH', `/api/v1/deals/${west.body.id}`, { name: 'x' })).status).toBe(404);
    expect((await client.request(marketing.key, 'PATCH', `/api/v1/deals/${mine.body.id}`, { name: 'x' })).status).toBe(
      403,
    );
  });
});

describe('activity and touchpoint visibility', () => {
  it("keeps another rep's lead activities and touches from a rep", async () => {
    const note = await client.request(org.adminKey, 'POST', '/api/v1/activities', {
      type: 'note',
      subject: 'pricing call notes',
      leadId: lead.teammates,
    });
    expect(note.status).toBe(201);
    const byLead = await client.request(rep.key, 'GET', `/api/v1/activities?leadId=${lead.teammates}`);
    expect(byLead.status).toBe(404);
    expect((await client.request(rep.key, 'GET', `/api/v1/activities/${note.body.id}`)).status).toBe(404);
    const unfiltered = await client.request(rep.key, 'GET', '/api/v1/activities?limit=500');
    expect(unfiltered.body.items.map((a: { id: string }) => a.id)).not.toContain(note.body.id);
    const logOnTheirs = await client.request(rep.key, 'POST', '/api/v1/activities', {
      type: 'call',
      subject: 'x',
      leadId: lead.teammates,
    });
    expect(logOnTheirs.status).toBe(400);
    expect(logOnTheirs.body.error.field).toBe('leadId');
    const mineNote = await client.request(rep.key, 'POST', '/api/v1/activities', {
      type: 'call',
      subject: 'intro call',
      leadId: lead.mine,
    });
    expect(mineNote.status).toBe(201);
    const own = await client.request(rep.key, 'GET', `/api/v1/activities?leadId=${lead.mine}`);
    expect(own.body.items.map((a: { id: string }) => a.id)).toContain(mineNote.body.id);
    // The manager of the team sees the teammate's lead, so its activities too.
    const managerView = await client.request(manager.key, 'GET', `/api/v1/activities?leadId=${lead.teammates}`);
    expect(managerView.body.items.map((a: { id: string }) => a.id)).toContain(note.body.id);
  });

  it('lets a manager list touches one visible lead at a time', async () => {
    const all = await client.request(manager.key, 'GET', '/api/v1/touchpoints');
    expect(all.status).toBe(400);
    expect(all.body.error.field).toBe('leadId');
    const otherTeam = await client.request(manager.key, 'GET', `/api/v1/touchpoints?leadId=${lead.westOwned}`);
    expect(otherTeam.status).toBe(404);
    const team = await client.request(manager.key, 'GET', `/api/v1/touchpoints?leadId=${lead.teammates}`);
    expect(team.status).toBe(200);
    expect((await client.request(marketing.key, 'GET', '/api/v1/touchpoints')).status).toBe(200);
  });
});
