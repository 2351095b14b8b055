import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, TEST_PASSWORD, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import { csrfTokenFor, hashToken } from './session-tokens.ts';
import { setUserPassword } from './set-user-password.ts';

let client: TestClient;
let org: TestOrg;
let now = new Date();

beforeAll(async () => {
  client = await testClient({ clock: () => now });
  org = await createTestOrg(client.connection.db);
});

const HOUR = 3600_000;

function setCookieOf(headers: Record<string, unknown>): string {
  const value = headers['set-cookie'];
  return Array.isArray(value) ? value.join('\n') : String(value ?? '');
}

async function signInRaw(body: unknown, headers: Record<string, string> = {}) {
  const response = await client.app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: body as object,
    headers,
  });
  return { status: response.statusCode, body: JSON.parse(response.body), setCookie: setCookieOf(response.headers) };
}

describe('signing in', () => {
  it('answers the user, the organisation and a CSRF token, and sets an HttpOnly SameSite=Lax cookie', async () => {
    const team = await org.team('Inbound');
    const rep = await org.user('sales_rep', 'Sam Session', { teamId: team, password: TEST_PASSWORD });
    const signed = await signInRaw({ email: rep.email.toUpperCase(), password: TEST_PASSWORD });
    expect(signed.status).toBe(201);
    expect(signed.body).toEqual({
      user: { id: rep.userId, name: 'Sam Session', email: rep.email, role: 'sales_rep', teamId: team },
      org: expect.objectContaining({ id: org.orgId, slug: org.slug }),
      csrfToken: expect.any(String),
    });
    expect(signed.setCookie).toMatch(/^baton_session=[A-Za-z0-9_-]{43};/);
    expect(signed.setCookie).toContain('HttpOnly');
    expect(signed.setCookie).toContain('SameSite=Lax');
    expect(signed.setCookie).toContain('Path=/');
    expect(signed.setCookie).toContain(`Max-Age=${12 * 3600}`);
    expect(signed.setCookie).not.toContain('Secure');
    // Only hashes are stored: neither the token nor the CSRF token is in the database.
    const token = /^baton_session=([^;]+)/.exec(signed.setCookie)?.[1] ?? '';
    const rows = await client.connection.db
      .selectFrom('sessions')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('user_id', '=', rep.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect(rows[0]?.csrf_token_hash).toBe(hashToken(signed.body.csrfToken));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(signed.body.csrfToken).toBe(csrfTokenFor(token));
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const proxied = await testClient({ trustProxy: true });
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const response = await proxied.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: rep.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(201);
    expect(setCookieOf(response.headers)).toContain('Secure');
  });

  it('gives the same 401 for an unknown e-mail and a wrong password', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const wrong = await signInRaw({ email: rep.email, password: 'not the password' });
    const unknown = await signInRaw({ email: `nobody.${randomUUID()}@example.test`, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toMatchObject({ code: 'unauthenticated', field: 'password' });
    expect(wrong.setCookie).toBe('');
  });

  it('refuses people without a password, machine users and inactive people alike', async () => {
    const noPassword = await org.user('sales_rep');
    expect((await signInRaw({ email: noPassword.email, password: TEST_PASSWORD })).status).toBe(401);
    const leaver = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    await client.request(org.adminKey, 'PATCH', `/api/v1/users/${leaver.userId}`, { active: false });
    expect((await signInRaw({ email: leaver.email, password: TEST_PASSWORD })).status).toBe(401);
  });

  it('names org when the password opens accounts in several organisations, and signs in to the one named', async () => {
    const email = `twin.${randomUUID().slice(0, 8)}@example.test`;
    const other = await createTestOrg(client.connection.db);
    for (const o of [org, other]) {
      const created = await client.request(o.adminKey, 'POST', '/api/v1/users', { name: 'Twin', email, role: 'admin' });
      await client.connection.db
        .transaction()
        .execute((trx) => setUserPassword(trx, o.orgId, created.body.id, TEST_PASSWORD));
    }
    const ambiguous = await signInRaw({ email, password: TEST_PASSWORD });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.field).toBe('org');
    const named = await signInRaw({ email, password: TEST_PASSWORD, org: other.slug });
    expect(named.status).toBe(201);
    expect(named.body.org.id).toBe(other.orgId);
    const badSlug = await signInRaw({ email, password: TEST_PASSWORD, org: 'no-such-org' });
    expect(badSlug.status).toBe(401);
  });

  it('limits sign-in attempts per address and e-mail with 429 rate_limited', async () => {
    const email = `target.${randomUUID().slice(0, 8)}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signInRaw({ email, password: `guess number ${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await signInRaw({ email, password: 'one more guess' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // Another e-mail from the same address is counted on its own.
    expect((await signInRaw({ email: `other.${email}`, password: 'a guess' })).status).toBe(401);
  });

  it('names the field of a malformed sign-in', async () => {
    const response = await signInRaw({ email: 'not-an-email', password: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('email');
  });
});

describe('a signed-in session', () => {
  it('answers /me with the CSRF token, which API-key callers do not get', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const session = await client.signIn(rep.email, TEST_PASSWORD);
    const me = await client.request(session, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(session.csrfToken);
    expect(me.body.user.id).toBe(rep.userId);
    const byKey = await client.request(rep.key, 'GET', '/api/v1/me');
    expect(byKey.body.csrfToken).toBeUndefined();
    expect((await client.request(null, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the right x-csrf-token, but not an API-key write', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const session = await client.signIn(rep.email, TEST_PASSWORD);
    for (const headers of [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': csrfTokenFor('another session') }]) {
      const response = await client.app.inject({
        method: 'POST',
        url: '/api/v1/leads',
        headers: { cookie: session.cookie, ...headers },
        payload: { firstName: 'Forged' },
      });
      expect(response.statusCode).toBe(403);
      expect(JSON.parse(response.body).error).toMatchObject({ code: 'forbidden', field: 'x-csrf-token' });
    }
    const leads = await client.request(org.adminKey, 'GET', '/api/v1/leads?q=Forged');
    expect(leads.body.items).toEqual([]);
    expect((await client.request(session, 'POST', '/api/v1/leads', { firstName: 'Real' })).status).toBe(201);
    expect((await client.request(rep.key, 'POST', '/api/v1/leads', { firstName: 'Keyed' })).status).toBe(201);
  });

  it('signs out: the session stops working and its cookie is cleared', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const session = await client.signIn(rep.email, TEST_PASSWORD);
    const withoutCsrf = await client.app.inject({
      method: 'DELETE',
      url: '/api/v1/sessions/current',
      headers: { cookie: session.cookie },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const out = await client.request(session, 'DELETE', '/api/v1/sessions/current');
    expect(out.status).toBe(204);
    expect(setCookieOf(out.headers)).toMatch(/baton_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await client.request(session, 'GET', '/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.field).toBe('baton_session');
    expect(setCookieOf(after.headers)).toContain('baton_session=;');
    const byKey = await client.request(rep.key, 'DELETE', '/api/v1/sessions/current');
    expect(byKey.status).toBe(400);
    expect(byKey.body.error.field).toBe('baton_session');
  });

  it('expires after 12 idle hours, slides while used, and ends after 7 days whatever happens', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const start = new Date();
    now = start;
    try {
      const idle = await client.signIn(rep.email, TEST_PASSWORD);
      const busy = await client.signIn(rep.email, TEST_PASSWORD);
      let at = start.getTime();
      // The busy session is used every 11 hours for 6.5 days: it keeps sliding.
      while (at + 11 * HOUR < start.getTime() + 7 * 24 * HOUR - HOUR) {
        at += 11 * HOUR;
        now = new Date(at);
        const used = await client.request(busy, 'GET', '/api/v1/me');
        expect(used.status).toBe(200);
        expect(setCookieOf(used.headers)).toMatch(/baton_session=.*Max-Age=\d+/);
      }
      expect((await client.request(idle, 'GET', '/api/v1/me')).status).toBe(401);
      now = new Date(start.getTime() + 7 * 24 * HOUR + 1000);
      expect((await client.request(busy, 'GET', '/api/v1/me')).status).toBe(401);
    } finally {
      now = new Date();
    }
  });

  it('stops working at once when the user is deactivated, and follows a role change', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const session = await client.signIn(rep.email, TEST_PASSWORD);
    expect((await client.request(session, 'GET', '/api/v1/audit-log')).status).toBe(403);
    await client.request(org.adminKey, 'PATCH', `/api/v1/users/${rep.userId}`, { role: 'admin' });
    expect((await client.request(session, 'GET', '/api/v1/audit-log')).status).toBe(200);
    await client.request(org.adminKey, 'PATCH', `/api/v1/users/${rep.userId}`, { active: false });
    expect((await client.request(session, 'GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('changing a password', () => {
  it('checks the current password, then signs out the other sessions but keeps this one', async () => {
    const rep = await org.user('sales_rep', undefined, { password: TEST_PASSWORD });
    const here = await client.signIn(rep.email, TEST_PASSWORD);
    const elsewhere = await client.signIn(rep.email, TEST_PASSWORD);
    const wrong = await client.request(here, 'POST', '/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('currentPassword');
    const short = await client.request(here, 'POST', '/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('newPassword');
    const changed = await client.request(here, 'POST', '/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(204);
    expect((await client.request(here, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await client.request(elsewhere, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await signInRaw({ email: rep.email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await signInRaw({ email: rep.email, password: 'a brand new password' })).status).toBe(201);
    const audit = await client.connection.db
      .selectFrom('audit_log')
      .select(['changes', 'actor_id'])
      .where('org_id', '=', org.orgId)
      .where('entity', '=', 'users')
      .where('entity_id', '=', rep.userId)
      .where('action', '=', 'update')
      .execute();
    expect(audit.map((a) => Object.keys(a.changes))).toContainEqual(['password_changed_at']);
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });
});

describe('invitations', () => {
  it('lets an admin invite by link; accepting creates the user and signs them in, once', async () => {
    const team = await org.team();
    const email = `invitee.${randomUUID().slice(0, 8)}@example.test`;
    const invited = await client.request(org.adminKey, 'POST', '/api/v1/invitations', {
      email,
      role: 'sales_manager',
      teamId: team,
    });
    expect(invited.status).toBe(201);
    expect(invited.body.url).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(invited.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * HOUR);
    const token = invited.body.url.replace('/invite/', '');
    const accept = await client.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, name: 'Ivy Invitee', password: 'invited password' },
    });
    expect(accept.statusCode).toBe(201);
    const body = JSON.parse(accept.body);
    expect(body.user).toMatchObject({ name: 'Ivy Invitee', email, role: 'sales_manager', teamId: team });
    expect(setCookieOf(accept.headers)).toMatch(/^baton_session=/);
    const again = await client.request(null, 'POST', '/api/v1/invitations/accept', {
      token,
      name: 'Ivy Again',
      password: 'invited password',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.field).toBe('token');
    expect((await signInRaw({ email, password: 'invited password' })).status).toBe(201);
    const taken = await client.request(org.adminKey, 'POST', '/api/v1/invitations', { email, role: 'sales_rep' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('email');
  });

  it('refuses an expired invitation and a non-admin inviter', async () => {
    const rep = await org.user('sales_rep');
    const refused = await client.request(rep.key, 'POST', '/api/v1/invitations', {
      email: 'x@example.test',
      role: 'admin',
    });
    expect(refused.status).toBe(403);
    const invited = await client.request(org.adminKey, 'POST', '/api/v1/invitations', {
      email: `late.${randomUUID().slice(0, 8)}@example.test`,
      role: 'marketing',
    });
    now = new Date(Date.now() + 8 * 24 * HOUR);
    try {
      const late = await client.request(null, 'POST', '/api/v1/invitations/accept', {
        token: invited.body.url.replace('/invite/', ''),
        name: 'Late',
        password: 'invited password',
      });
      expect(late.status).toBe(404);
    } finally {
      now = new Date();
    }
  });
});

describe('security headers', () => {
  it('sends CSP, nosniff, referrer and framing headers on answers and errors alike', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/no-such-route', '/docs']) {
      const response = await client.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('still refuses a body over 1 MiB', async () => {
    const response = await client.request(org.adminKey, 'POST', '/api/v1/leads', {
      firstName: 'x'.repeat(1024 * 1024 + 10),
    });
    expect(response.status).toBe(413);
  });
});
