import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

const NOW = new Date('2026-05-04T09:30:00.000Z');
let client: TestClient;
let org: TestOrg;
let leadId: string;

beforeAll(async () => {
  client = await testClient({ clock: () => NOW });
  org = await createTestOrg(client.connection.db);
  leadId = (await client.request(org.adminKey, 'POST', '/api/v1/leads', { firstName: 'Ada' })).body.id;
});

const log = (key: string, body: object) => client.request(key, 'POST', '/api/v1/activities', body);

describe('activities API', () => {
  it('logs a call against a lead, by the caller, now, from the API', async () => {
    const rep = await org.user('sales_rep');
    // A rep logs on leads they can open: this one is theirs.
    await client.request(org.adminKey, 'PATCH', `/api/v1/leads/${leadId}`, { ownerId: rep.userId });
    const created = await log(rep.key, { type: 'call', leadId, subject: 'Intro call', direction: 'outbound' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'call',
      leadId,
      dealId: null,
      accountId: null,
      userId: rep.userId,
      origin: 'api',
      direction: 'outbound',
      occurredAt: NOW.toISOString(),
      completedAt: null,
    });
    const read = await client.request(org.adminKey, 'GET', `/api/v1/activities/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const timeline = await client.request(org.adminKey, 'GET', `/api/v1/leads/${leadId}/timeline`);
    expect(timeline.body.items.map((i: { kind: string }) => i.kind)).toContain('activity');
  });

  it('attaches an activity to a deal or an account, by another user, from another origin', async () => {
    const account = await client.request(org.adminKey, 'POST', '/api/v1/accounts', { name: 'Acme' });
    const deal = await client.request(org.adminKey, 'POST', '/api/v1/deals', { name: 'Acme deal' });
    const rep = await org.user('sales_rep');
    const created = await log(org.adminKey, {
      type: 'meeting',
      dealId: deal.body.id,
      accountId: account.body.id,
      userId: rep.userId,
      origin: 'calendar',
      occurredAt: '2026-05-01T15:00:00+02:00',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      dealId: deal.body.id,
      accountId: account.body.id,
      userId: rep.userId,
      origin: 'calendar',
      occurredAt: '2026-05-01T13:00:00.000Z',
    });
  });

  it.each([
    [{ type: 'note' }, 'leadId'],
    [{ type: 'tweet', leadId: 'LEAD' }, 'type'],
    [{ type: 'call', leadId: 'LEAD', direction: 'sideways' }, 'direction'],
    [{ type: 'call', leadId: 'LEAD', dueAt: '2026-05-05T10:00:00Z' }, 'dueAt'],
    [{ type: 'call', leadId: 'LEAD', origin: 'fax' }, 'origin'],
    [{ type: 'call', leadId: randomUUID() }, 'leadId'],
    [{ type: 'call', dealId: randomUUID() }, 'dealId'],
    [{ type: 'call', accountId: randomUUID() }, 'accountId'],
    [{ type: 'call', leadId: 'LEAD', userId: randomUUID() }, 'userId'],
    [{ type: 'call', leadId: 'LEAD', body: 'x'.repeat(10_001) }, 'body'],
  ])('refuses %j with a 400 naming %s', async (input, field) => {
    const body = { ...input, ...('leadId' in input && input.leadId === 'LEAD' ? { leadId } : {}) };
    const response = await log(org.adminKey, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
  });

  it("refuses another organisation's lead, deal, account or user and records nothing", async () => {
    const other = await createTestOrg(client.connection.db);
    const theirLead = await client.request(other.adminKey, 'POST', '/api/v1/leads', { firstName: 'Zed' });
    const theirDeal = await client.request(other.adminKey, 'POST', '/api/v1/deals', { name: 'Z deal' });
    const theirAccount = await client.request(other.adminKey, 'POST', '/api/v1/accounts', { name: 'Z corp' });
    const theirRep = await other.user('sales_rep');
    const own = await createTestOrg(client.connection.db);
    const myLead = await client.request(own.adminKey, 'POST', '/api/v1/leads', { firstName: 'Me' });
    for (const [field, body] of [
      ['leadId', { leadId: theirLead.body.id }],
      ['dealId', { dealId: theirDeal.body.id }],
      ['accountId', { accountId: theirAccount.body.id }],
      ['userId', { leadId: myLead.body.id, userId: theirRep.userId }],
    ] as const) {
      const response = await log(own.adminKey, { type: 'note', ...body });
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
    const listed = await client.request(own.adminKey, 'GET', '/api/v1/activities?limit=10');
    expect(listed.body.items).toEqual([]);
  });

  it('answers unknown and foreign activity ids with 404 and changes nothing', async () => {
    const missing = randomUUID();
    expect((await client.request(org.adminKey, 'GET', `/api/v1/activities/${missing}`)).status).toBe(404);
    expect(
      (await client.request(org.adminKey, 'PATCH', `/api/v1/activities/${missing}`, { subject: 'x' })).status,
    ).toBe(404);
    expect((await client.request(org.adminKey, 'POST', `/api/v1/activities/${missing}/complete`)).status).toBe(404);
    const other = await createTestOrg(client.connection.db);
    const theirLead = await client.request(other.adminKey, 'POST', '/api/v1/leads', { firstName: 'Zed' });
    const theirs = await log(other.adminKey, { type: 'task', leadId: theirLead.body.id, subject: 'Theirs' });
    const id = theirs.body.id;
    expect((await client.request(org.adminKey, 'GET', `/api/v1/activities/${id}`)).status).toBe(404);
    expect((await client.request(org.adminKey, 'PATCH', `/api/v1/activities/${id}`, { subject: 'Mine' })).status).toBe(
      404,
    );
    expect((await client.request(org.adminKey, 'POST', `/api/v1/activities/${id}/complete`)).status).toBe(404);
    expect((await client.request(other.adminKey, 'GET', `/api/v1/activities/${id}`)).body).toEqual(theirs.body);
  });

  it('completes tasks, lists open ones, and reopens one on request', async () => {
    const own = await createTestOrg(client.connection.db);
    const lead = await client.request(own.adminKey, 'POST', '/api/v1/leads', { firstName: 'Task' });
    const task = await log(own.adminKey, {
      type: 'task',
      leadId: lead.body.id,
      subject: 'Send pricing',
      dueAt: '2026-05-06T12:00:00Z',
    });
    expect(task.body.dueAt).toBe('2026-05-06T12:00:00.000Z');
    const call = await log(own.adminKey, { type: 'call', leadId: lead.body.id });
    const open = async () =>
      (await client.request(own.adminKey, 'GET', '/api/v1/activities?open=true')).body.items.map(
        (a: { id: string }) => a.id,
      );
    expect(await open()).toEqual([task.body.id]);
    const done = await client.request(own.adminKey, 'POST', `/api/v1/activities/${task.body.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.completedAt).toBe(NOW.toISOString());
    expect(await open()).toEqual([]);
    const again = await client.request(own.adminKey, 'POST', `/api/v1/activities/${task.body.id}/complete`);
    expect(again.body).toEqual(done.body);
    const completed = await client.request(own.adminKey, 'GET', '/api/v1/activities?open=false');
    expect(completed.body.items.map((a: { id: string }) => a.id)).toEqual([task.body.id]);
    const notATask = await client.request(own.adminKey, 'POST', `/api/v1/activities/${call.body.id}/complete`);
    expect(notATask.status).toBe(422);
    expect(notATask.body.error.field).toBe('type');
    const reopened = await client.request(own.adminKey, 'PATCH', `/api/v1/activities/${task.body.id}`, {
      completedAt: null,
    });
    expect(reopened.body.completedAt).toBeNull();
    expect(await open()).toEqual([task.body.id]);
    const badOpen = await client.request(own.adminKey, 'GET', '/api/v1/activities?open=maybe');
    expect(badOpen.status).toBe(400);
    expect(badOpen.body.error.field).toBe('open');
  });

  it('updates what an activity says and when, within the rules for tasks', async () => {
    const call = await log(org.adminKey, { type: 'call', leadId, subject: 'Draft' });
    const patched = await client.request(org.adminKey, 'PATCH', `/api/v1/activities/${call.body.id}`, {
      subject: 'Discovery call',
      body: 'Budget confirmed.',
      occurredAt: '2026-05-03T10:00:00Z',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      subject: 'Discovery call',
      body: 'Budget confirmed.',
      occurredAt: '2026-05-03T10:00:00.000Z',
      leadId,
    });
    const dueOnCall = await client.request(org.adminKey, 'PATCH', `/api/v1/activities/${call.body.id}`, {
      dueAt: '2026-05-05T10:00:00Z',
    });
    expect(dueOnCall.status).toBe(400);
    expect(dueOnCall.body.error.field).toBe('dueAt');
    const task = await log(org.adminKey, { type: 'task', leadId });
    const future = await client.request(org.adminKey, 'PATCH', `/api/v1/activities/${task.body.id}`, {
      completedAt: '2026-06-01T00:00:00Z',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.field).toBe('completedAt');
    const moveLead = await client.request(org.adminKey, 'PATCH', `/api/v1/activities/${task.body.id}`, {
      leadId: randomUUID(),
    });
    expect(moveLead.status).toBe(400);
    expect(moveLead.body.error.field).toBe('leadId');
  });

  it('filters by lead, deal, account, user and type', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep');
    const lead = (await client.request(own.adminKey, 'POST', '/api/v1/leads', { firstName: 'F' })).body;
    const deal = (await client.request(own.adminKey, 'POST', '/api/v1/deals', { name: 'D', ownerId: rep.userId })).body;
    const account = (await client.request(own.adminKey, 'POST', '/api/v1/accounts', { name: 'A' })).body;
    const a = (await log(own.adminKey, { type: 'call', leadId: lead.id, occurredAt: '2026-05-01T10:00:00Z' })).body;
    const b = (await log(rep.key, { type: 'email', dealId: deal.id, occurredAt: '2026-05-01T11:00:00Z' })).body;
    const c = (
      await log(own.adminKey, {
        type: 'note',
        accountId: account.id,
        leadId: lead.id,
        occurredAt: '2026-05-01T12:00:00Z',
      })
    ).body;
    const ids = async (query: string) =>
      (await client.request(own.adminKey, 'GET', `/api/v1/activities?order=asc&${query}`)).body.items.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids(`leadId=${lead.id}`)).toEqual([a.id, c.id]);
    expect(await ids(`dealId=${deal.id}`)).toEqual([b.id]);
    expect(await ids(`accountId=${account.id}`)).toEqual([c.id]);
    expect(await ids(`userId=${rep.userId}`)).toEqual([b.id]);
    expect(await ids('type=note')).toEqual([c.id]);
    const bad = await client.request(own.adminKey, 'GET', '/api/v1/activities?type=fax');
    expect(bad.body.error.field).toBe('type');
  });

  it('pages through every activity once, in time order, including activities at the same instant', async () => {
    const own = await createTestOrg(client.connection.db);
    const lead = (await client.request(own.adminKey, 'POST', '/api/v1/leads', { firstName: 'P' })).body;
    const hours = [4, 1, 4, 2, 4, 3, 1, 5, 4, 2, 6, 1];
    for (const h of hours) {
      const at = new Date(Date.UTC(2026, 4, 1, h)).toISOString();
      expect((await log(own.adminKey, { type: 'note', leadId: lead.id, occurredAt: at })).status).toBe(201);
    }
    for (const order of ['asc', 'desc']) {
      const items = await client.collectPages(own.adminKey, `/api/v1/activities?order=${order}`, 5);
      expect(new Set(items.map((a) => a.id)).size).toBe(hours.length);
      const at = items.map((a) => a.occurredAt);
      expect(at).toEqual([...at].sort((x, y) => (order === 'asc' ? x.localeCompare(y) : y.localeCompare(x))));
    }
  });
});
