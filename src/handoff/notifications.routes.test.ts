import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestClient, testClient } from '../../test/support/http.ts';
import { createSlaWorld, type SlaWorld } from '../../test/support/sla-world.ts';
import type { LeadId, UserId } from '../shared/ids.ts';
import { findJobs } from './jobs.store.ts';
import { scopeOf } from './jobs-core.ts';
import { notify } from './notifications.ts';
import { mailerFor, smtpMailer } from './notifications-email.ts';

let client: TestClient;
let w: SlaWorld;
let lead: LeadId;

beforeAll(async () => {
  client = await testClient();
  w = await createSlaWorld(client.connection.db);
  lead = await w.lead();
});

async function tell(world: SlaWorld, userId: UserId, iso: string, title: string) {
  const row = await world.db.transaction().execute((trx) =>
    notify(trx, scopeOf(world.at(iso)), {
      userId,
      kind: 'lead_assigned',
      leadId: world === w ? lead : null,
      title,
      body: `${title}.`,
      dedupeKey: title,
    }),
  );
  if (!row) throw new Error(`${title} was not created`);
  return row;
}

describe('GET /api/v1/notifications', () => {
  it('lists my own notifications newest first, with my unread count, a cursor and an unread filter', async () => {
    const world = await createSlaWorld(client.connection.db);
    const rows = [];
    for (let i = 1; i <= 5; i++) rows.push(await tell(world, world.rep.userId, `2026-01-05T09:0${i}:00Z`, `note ${i}`));
    await tell(world, world.manager.userId, '2026-01-05T09:30:00Z', 'for the manager');
    const first = await client.request(world.rep.key, 'POST', `/api/v1/notifications/${rows[1]?.id}/read`);
    expect(first.status).toBe(200);

    const page = await client.request(world.rep.key, 'GET', '/api/v1/notifications?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items.map((n: { title: string }) => n.title)).toEqual(['note 5', 'note 4']);
    expect(page.body.unreadCount).toBe(4);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const all = await client.collectPages(world.rep.key, '/api/v1/notifications?x=1', 2);
    expect(all.map((n) => n.title)).toEqual(['note 5', 'note 4', 'note 3', 'note 2', 'note 1']);
    expect(all[0]).toMatchObject({ kind: 'lead_assigned', leadId: null, body: 'note 5.', readAt: null });

    const unread = await client.collectPages(world.rep.key, '/api/v1/notifications?unread=true', 2);
    expect(unread.map((n) => n.title)).toEqual(['note 5', 'note 4', 'note 3', 'note 1']);
    const read = await client.request(world.rep.key, 'GET', '/api/v1/notifications?unread=false');
    expect(read.body.items.map((n: { title: string }) => n.title)).toEqual(['note 2']);

    const managers = await client.request(world.manager.key, 'GET', '/api/v1/notifications');
    expect(managers.body.items.map((n: { title: string }) => n.title)).toEqual(['for the manager']);
    expect(managers.body.unreadCount).toBe(1);
  });

  it('names the field of a bad query', async () => {
    const response = await client.request(w.rep.key, 'GET', '/api/v1/notifications?unread=maybe');
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('unread');
    const cursor = await client.request(w.rep.key, 'GET', '/api/v1/notifications?cursor=nonsense');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.field).toBe('cursor');
  });

  it('is for everyone signed in, whatever the role, and nobody else', async () => {
    for (const key of [w.rep.key, w.manager.key, w.marketing[0]?.key ?? '', w.org.adminKey]) {
      expect((await client.request(key, 'GET', '/api/v1/notifications')).status).toBe(200);
    }
    expect((await client.request(null, 'GET', '/api/v1/notifications')).status).toBe(401);
    expect((await client.request(null, 'POST', '/api/v1/notifications/read-all')).status).toBe(401);
  });
});

describe('marking notifications read', () => {
  it("marks one of mine read once, keeps the first read time, and treats someone else's as not found", async () => {
    const row = await tell(w, w.rep.userId, '2026-01-06T09:00:00Z', 'read me');
    const first = await client.request(w.rep.key, 'POST', `/api/v1/notifications/${row.id}/read`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: row.id, title: 'read me', readAt: expect.any(String) });
    const again = await client.request(w.rep.key, 'POST', `/api/v1/notifications/${row.id}/read`);
    expect(again.body.readAt).toBe(first.body.readAt);
    const theirs = await client.request(w.manager.key, 'POST', `/api/v1/notifications/${row.id}/read`);
    expect(theirs.status).toBe(404);
    const bad = await client.request(w.rep.key, 'POST', '/api/v1/notifications/not-an-id/read');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('id');
  });

  it('marks all of mine read, and only mine', async () => {
    await tell(w, w.manager.userId, '2026-01-06T10:00:00Z', 'manager one');
    await tell(w, w.manager.userId, '2026-01-06T10:01:00Z', 'manager two');
    await tell(w, w.rep.userId, '2026-01-06T10:02:00Z', 'rep one');
    const done = await client.request(w.manager.key, 'POST', '/api/v1/notifications/read-all');
    expect(done.status).toBe(200);
    expect(done.body.updated).toBeGreaterThanOrEqual(2);
    const list = await client.request(w.manager.key, 'GET', '/api/v1/notifications');
    expect(list.body.unreadCount).toBe(0);
    expect((await client.request(w.manager.key, 'POST', '/api/v1/notifications/read-all')).body.updated).toBe(0);
    const rep = await client.request(w.rep.key, 'GET', '/api/v1/notifications?unread=true');
    expect(rep.body.items.map((n: { title: string }) => n.title)).toContain('rep one');
  });
});

describe('notify', () => {
  it('notifies a person once per dedupe key, and a deactivated person not at all', async () => {
    const row = await tell(w, w.rep.userId, '2026-01-07T09:00:00Z', 'only once');
    const twice = await w.db.transaction().execute((trx) =>
      notify(trx, scopeOf(w.at('2026-01-07T09:05:00Z')), {
        userId: w.rep.userId,
        kind: 'lead_assigned',
        leadId: lead,
        title: 'only once, again',
        body: '',
        dedupeKey: 'only once',
      }),
    );
    expect(twice).toBeNull();
    expect(await findJobs(w.db, w.org.orgId, { kind: 'send_email', dedupeKey: row.id })).toHaveLength(1);
    const gone = await w.org.user('sales_rep', 'Gone Rep');
    await w.db
      .updateTable('users')
      .set({ active: false })
      .where('org_id', '=', w.org.orgId)
      .where('id', '=', gone.userId)
      .execute();
    const none = await w.db.transaction().execute((trx) =>
      notify(trx, scopeOf(w.at('2026-01-07T09:05:00Z')), {
        userId: gone.userId,
        kind: 'lead_assigned',
        leadId: lead,
        title: 'x',
        body: '',
        dedupeKey: 'x',
      }),
    );
    expect(none).toBeNull();
  });
});

interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

// A real SMTP server on a free port, as the e-mail's other end.
async function startSmtp(): Promise<{ url: string; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the e-mail of a notification', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('is sent over SMTP to the person, with the title as subject, once', async () => {
    const world = await createSlaWorld(client.connection.db);
    const id = await world.lead();
    await world.move(world.at('2026-01-05T09:00:00Z'), id, { to: 'mql' });
    const mailer = smtpMailer(smtp.url, 'Baton <baton@example.test>');
    try {
      await world.drainJobs('2026-01-05T09:00:01Z', mailer);
      const mine = smtp.received.filter((m) => m.to.includes(world.rep.email));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.from).toBe('baton@example.test');
      expect(mine[0]?.raw).toMatch(/^Subject: \[Baton\] New MQL for you: Lena Lead \(Acme\)/m);
      expect(mine[0]?.raw).toMatch(new RegExp(`^To: ${world.rep.email.replace('.', '\\.')}`, 'm'));
      const [notification] = await world.notifications(world.rep.userId);
      expect(notification?.emailed_at).toEqual(new Date('2026-01-05T09:00:01Z'));
      await world.drainJobs('2026-01-05T10:00:00Z', mailer);
      expect(smtp.received.filter((m) => m.to.includes(world.rep.email))).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });

  it('is retried when the SMTP server cannot be reached, and sent once it can', async () => {
    const world = await createSlaWorld(client.connection.db);
    const id = await world.lead();
    await world.move(world.at('2026-01-05T09:00:00Z'), id, { to: 'mql' });
    const down = await startSmtp();
    await down.stop();
    const unreachable = smtpMailer(down.url, 'baton@example.test');
    const round = await world.runJobs('2026-01-05T09:00:01Z', unreachable);
    unreachable.close();
    expect(round.failed).toHaveLength(1);
    const [job] = await findJobs(world.db, world.org.orgId, { kind: 'send_email' });
    expect(job).toMatchObject({ attempts: 1, done_at: null, run_at: new Date('2026-01-05T09:00:11Z') });
    expect(job?.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect((await world.notifications(world.rep.userId))[0]?.emailed_at).toBeNull();

    const mailer = smtpMailer(smtp.url, 'baton@example.test');
    try {
      await world.drainJobs('2026-01-05T09:00:11Z', mailer);
    } finally {
      mailer.close();
    }
    expect(smtp.received.filter((m) => m.to.includes(world.rep.email))).toHaveLength(1);
    expect((await world.notifications(world.rep.userId))[0]?.emailed_at).not.toBeNull();
  });

  it('is written to the log, whole, when SMTP_URL is not set', async () => {
    const lines: Record<string, unknown>[] = [];
    const mailer = mailerFor(
      { smtpUrl: undefined, from: 'baton@example.test' },
      { info: (fields) => lines.push(fields), error: () => {} },
    );
    expect(mailer.kind).toBe('log');
    await mailer.send({ to: 'ray@example.test', subject: 'Breached: x', text: 'The whole body.' });
    expect(lines).toEqual([{ to: 'ray@example.test', subject: 'Breached: x', body: 'The whole body.' }]);
  });
});
