import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';

let client: TestClient;
let org: TestOrg;

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db, { timeZone: 'Europe/Berlin', currency: 'EUR' });
});

const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.test`;

describe('me and users API', () => {
  it('tells the caller who they are and in which organisation', async () => {
    const rep = await org.user('sales_rep', 'Rita Rep');
    const me = await client.request(rep.key, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      org: { id: org.orgId, name: `Test ${org.slug}`, slug: org.slug, timeZone: 'Europe/Berlin', currency: 'EUR' },
      user: { id: rep.userId, name: 'Rita Rep', email: expect.stringContaining('@'), role: 'sales_rep', teamId: null },
    });
  });

  it('lists people to every role, but not the machine users behind API keys', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep', 'Rep One');
    const users = await client.request(rep.key, 'GET', '/api/v1/users');
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([rep.userId]);
    expect(users.body.items[0]).toMatchObject({ name: 'Rep One', role: 'sales_rep', active: true, teamId: null });
  });

  it('lets an admin add a user, refusing a taken e-mail and a bad field', async () => {
    const address = email('nina');
    const created = await client.request(org.adminKey, 'POST', '/api/v1/users', {
      name: 'Nina',
      email: address,
      role: 'marketing',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Nina', email: address, role: 'marketing', active: true });
    const again = await client.request(org.adminKey, 'POST', '/api/v1/users', {
      name: 'Nina 2',
      email: address.toUpperCase(),
      role: 'marketing',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('email');
    for (const [body, field] of [
      [{ name: 'X', email: 'not-mail', role: 'admin' }, 'email'],
      [{ name: 'X', email: email('x'), role: 'owner' }, 'role'],
      [{ name: '', email: email('x'), role: 'admin' }, 'name'],
      [{ name: 'X', email: email('x'), role: 'admin', teamId: randomUUID() }, 'teamId'],
    ] as const) {
      const response = await client.request(org.adminKey, 'POST', '/api/v1/users', body);
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
  });

  it('changes a user, and deactivating them stops their API key', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep');
    const team = await client.request(own.adminKey, 'POST', '/api/v1/teams', { name: 'East' });
    const patched = await client.request(own.adminKey, 'PATCH', `/api/v1/users/${rep.userId}`, {
      name: 'Renamed',
      role: 'sales_manager',
      teamId: team.body.id,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Renamed', role: 'sales_manager', teamId: team.body.id });
    expect((await client.request(rep.key, 'GET', '/api/v1/me')).status).toBe(200);
    const off = await client.request(own.adminKey, 'PATCH', `/api/v1/users/${rep.userId}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await client.request(rep.key, 'GET', '/api/v1/me')).status).toBe(401);
    const badRole = await client.request(own.adminKey, 'PATCH', `/api/v1/users/${rep.userId}`, { role: 'boss' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.field).toBe('role');
  });

  it('answers unknown, machine and foreign user ids with 404 and changes nothing', async () => {
    expect((await client.request(org.adminKey, 'PATCH', `/api/v1/users/${randomUUID()}`, { name: 'X' })).status).toBe(
      404,
    );
    const machine = await client.request(org.adminKey, 'PATCH', `/api/v1/users/${org.admin.userId}`, { active: false });
    expect(machine.status).toBe(404);
    const other = await createTestOrg(client.connection.db);
    const theirRep = await other.user('sales_rep', 'Theirs');
    const foreign = await client.request(org.adminKey, 'PATCH', `/api/v1/users/${theirRep.userId}`, { active: false });
    expect(foreign.status).toBe(404);
    const theirMe = await client.request(theirRep.key, 'GET', '/api/v1/me');
    expect(theirMe.body.user).toMatchObject({ name: 'Theirs', role: 'sales_rep' });
  });

  it('keeps the last admin who can still act from being demoted or deactivated', async () => {
    const own = await createTestOrg(client.connection.db);
    const human = await own.user('admin', 'Only Admin');
    const keys = await client.request(human.key, 'GET', '/api/v1/api-keys');
    const machineKey = keys.body.items.find((k: { user: { machine: boolean } }) => k.user.machine);
    expect((await client.request(human.key, 'POST', `/api/v1/api-keys/${machineKey.id}/revoke`)).status).toBe(200);
    const demote = await client.request(human.key, 'PATCH', `/api/v1/users/${human.userId}`, { role: 'sales_rep' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.field).toBe('role');
    const deactivate = await client.request(human.key, 'PATCH', `/api/v1/users/${human.userId}`, { active: false });
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.error.field).toBe('active');
    const second = await client.request(human.key, 'POST', '/api/v1/users', {
      name: 'Second Admin',
      email: email('second'),
      role: 'admin',
    });
    const allowed = await client.request(human.key, 'PATCH', `/api/v1/users/${human.userId}`, { role: 'sales_rep' });
    expect(allowed.status).toBe(200);
    expect(second.body.role).toBe('admin');
  });

  it('lets only an admin add or change users', async () => {
    const manager = await org.user('sales_manager');
    const add = await client.request(manager.key, 'POST', '/api/v1/users', {
      name: 'Sneaky',
      email: email('sneaky'),
      role: 'admin',
    });
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe('forbidden');
    const promote = await client.request(manager.key, 'PATCH', `/api/v1/users/${manager.userId}`, { role: 'admin' });
    expect(promote.status).toBe(403);
    expect((await client.request(manager.key, 'GET', '/api/v1/me')).body.user.role).toBe('sales_manager');
    const users = await client.request(manager.key, 'GET', '/api/v1/users');
    expect(users.body.items.map((u: { name: string }) => u.name)).not.toContain('Sneaky');
  });
});

describe('teams API', () => {
  it('creates teams with a manager and lists them by name', async () => {
    const own = await createTestOrg(client.connection.db);
    const manager = await own.user('sales_manager');
    const west = await client.request(own.adminKey, 'POST', '/api/v1/teams', {
      name: 'West',
      managerId: manager.userId,
    });
    expect(west.status).toBe(201);
    expect(west.body).toMatchObject({ name: 'West', managerId: manager.userId });
    await client.request(own.adminKey, 'POST', '/api/v1/teams', { name: 'Central' });
    const listed = await client.request(manager.key, 'GET', '/api/v1/teams');
    expect(listed.body.items.map((t: { name: string }) => t.name)).toEqual(['Central', 'West']);
    const dup = await client.request(own.adminKey, 'POST', '/api/v1/teams', { name: 'west' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.field).toBe('name');
    const unnamed = await client.request(own.adminKey, 'POST', '/api/v1/teams', { name: ' ' });
    expect(unnamed.body.error.field).toBe('name');
  });

  it('refuses a manager from another organisation and a team from a non-admin', async () => {
    const own = await createTestOrg(client.connection.db);
    const other = await createTestOrg(client.connection.db);
    const theirs = await other.user('sales_manager');
    const foreign = await client.request(own.adminKey, 'POST', '/api/v1/teams', {
      name: 'X',
      managerId: theirs.userId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('managerId');
    const rep = await own.user('sales_rep');
    const forbidden = await client.request(rep.key, 'POST', '/api/v1/teams', { name: 'Mine' });
    expect(forbidden.status).toBe(403);
    expect((await client.request(own.adminKey, 'GET', '/api/v1/teams')).body.items).toEqual([]);
    const teamInOther = await client.request(other.adminKey, 'POST', '/api/v1/teams', { name: 'Theirs' });
    const rep2 = await own.user('sales_rep');
    const wrongTeam = await client.request(own.adminKey, 'PATCH', `/api/v1/users/${rep2.userId}`, {
      teamId: teamInOther.body.id,
    });
    expect(wrongTeam.status).toBe(400);
    expect(wrongTeam.body.error.field).toBe('teamId');
  });
});

describe('API keys API', () => {
  it('issues a key once, lists keys without secrets, and the key works', async () => {
    const own = await createTestOrg(client.connection.db);
    const created = await client.request(own.adminKey, 'POST', '/api/v1/api-keys', {
      name: 'Zapier',
      role: 'marketing',
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^baton_/);
    expect(created.body).toMatchObject({ name: 'Zapier', prefix: created.body.secret.slice(0, 12), revokedAt: null });
    expect(created.body.user).toMatchObject({ machine: true });
    const me = await client.request(created.body.secret, 'GET', '/api/v1/me');
    expect(me.body.user.role).toBe('marketing');
    // Only admins see the key list; the key itself proves it works and records its use.
    expect((await client.request(created.body.secret, 'GET', '/api/v1/api-keys')).status).toBe(403);
    const listed = await client.request(own.adminKey, 'GET', '/api/v1/api-keys');
    expect(listed.status).toBe(200);
    const entry = listed.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(entry.lastUsedAt).not.toBeNull();
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(created.body.secret);
    expect(text).not.toMatch(/hash/i);
    const users = await client.request(own.adminKey, 'GET', '/api/v1/users');
    expect(users.body.items).toEqual([]);
  });

  it('issues a key acting as a person, with their role', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep', 'Key Holder');
    const created = await client.request(own.adminKey, 'POST', '/api/v1/api-keys', {
      name: 'laptop',
      userId: rep.userId,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toEqual({ id: rep.userId, name: 'Key Holder', machine: false });
    const me = await client.request(created.body.secret, 'GET', '/api/v1/me');
    expect(me.body.user).toMatchObject({ id: rep.userId, role: 'sales_rep' });
  });

  it.each([
    [{ name: 'no role' }, 'role'],
    [{ name: 'bad role', role: 'root' }, 'role'],
    [{ name: '', role: 'admin' }, 'name'],
    [{ name: 'ghost', userId: randomUUID() }, 'userId'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await client.request(org.adminKey, 'POST', '/api/v1/api-keys', body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it("refuses a role that differs from the key user's, and another organisation's user", async () => {
    const rep = await org.user('sales_rep');
    const mismatch = await client.request(org.adminKey, 'POST', '/api/v1/api-keys', {
      name: 'x',
      userId: rep.userId,
      role: 'admin',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.field).toBe('role');
    const other = await createTestOrg(client.connection.db);
    const theirs = await other.user('sales_rep');
    const foreign = await client.request(org.adminKey, 'POST', '/api/v1/api-keys', {
      name: 'x',
      userId: theirs.userId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('userId');
  });

  it('revokes a key for good; revoking again keeps the first time', async () => {
    const own = await createTestOrg(client.connection.db);
    const created = await client.request(own.adminKey, 'POST', '/api/v1/api-keys', { name: 'temp', role: 'sales_rep' });
    const revoked = await client.request(own.adminKey, 'POST', `/api/v1/api-keys/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await client.request(created.body.secret, 'GET', '/api/v1/me')).status).toBe(401);
    const again = await client.request(own.adminKey, 'POST', `/api/v1/api-keys/${created.body.id}/revoke`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('answers unknown and foreign key ids with 404 and leaves the key working', async () => {
    expect((await client.request(org.adminKey, 'POST', `/api/v1/api-keys/${randomUUID()}/revoke`)).status).toBe(404);
    const malformed = await client.request(org.adminKey, 'POST', '/api/v1/api-keys/abc/revoke');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('id');
    const other = await createTestOrg(client.connection.db);
    const theirs = await client.request(other.adminKey, 'POST', '/api/v1/api-keys', { name: 'theirs', role: 'admin' });
    const foreign = await client.request(org.adminKey, 'POST', `/api/v1/api-keys/${theirs.body.id}/revoke`);
    expect(foreign.status).toBe(404);
    expect((await client.request(theirs.body.secret, 'GET', '/api/v1/me')).status).toBe(200);
    const mine = await client.request(org.adminKey, 'GET', '/api/v1/api-keys');
    expect(mine.body.items.map((k: { id: string }) => k.id)).not.toContain(theirs.body.id);
  });

  it('lets only an admin list, issue or revoke keys', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep');
    expect((await client.request(rep.key, 'GET', '/api/v1/api-keys')).status).toBe(403);
    const issue = await client.request(rep.key, 'POST', '/api/v1/api-keys', { name: 'mine', role: 'admin' });
    expect(issue.status).toBe(403);
    const adminKeyId = (await client.request(own.adminKey, 'GET', '/api/v1/api-keys')).body.items.find(
      (k: { user: { machine: boolean } }) => k.user.machine,
    ).id;
    const revoke = await client.request(rep.key, 'POST', `/api/v1/api-keys/${adminKeyId}/revoke`);
    expect(revoke.status).toBe(403);
    expect((await client.request(own.adminKey, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await client.request(own.adminKey, 'GET', '/api/v1/api-keys')).body.items).toHaveLength(2);
  });

  it('publishes every new route in the OpenAPI document', async () => {
    const doc = await client.request(null, 'GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/accounts/{id}',
        '/api/v1/campaigns/{id}/spend/{day}',
        '/api/v1/leads/{id}/touchpoints',
        '/api/v1/touchpoints',
        '/api/v1/activities/{id}/complete',
        '/api/v1/reason-codes/{kind}/{code}',
        '/api/v1/deal-stages',
        '/api/v1/custom-fields/{entity}/{key}',
        '/api/v1/me',
        '/api/v1/api-keys/{id}/revoke',
      ]),
    );
  });
});
