import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { type TestClient, testClient } from '../../test/support/http.ts';
import { disableAudit, setAuditActor } from '../db/audit.ts';

// The audit trigger (migration 0002) on both databases, and the admin API that reads it.

let client: TestClient;
let org: TestOrg;

beforeAll(async () => {
  client = await testClient();
  org = await createTestOrg(client.connection.db);
});

function auditOf(orgId: string, entity: string, entityId: string) {
  return client.connection.db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId as TestOrg['orgId'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

describe('the audit trigger', () => {
  it('records who created and changed a lead, with only the changed fields as [before, after]', async () => {
    const rep = await org.user('sales_rep');
    const created = await client.request(rep.key, 'POST', '/api/v1/leads', { firstName: 'Ada', email: 'ada@x.test' });
    await client.request(rep.key, 'PATCH', `/api/v1/leads/${created.body.id}`, { firstName: 'Ada', title: 'CTO' });
    await client.request(rep.key, 'PATCH', `/api/v1/leads/${created.body.id}`, { firstName: 'Ada' });
    const rows = await auditOf(org.orgId, 'leads', created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update']);
    for (const row of rows) expect(row.actor_id).toBe(rep.userId);
    expect(rows[0]?.changes).toMatchObject({
      first_name: [null, 'Ada'],
      email: [null, 'ada@x.test'],
      stage: [null, 'inquiry'],
    });
    expect(rows[0]?.changes).not.toHaveProperty('last_name');
    expect(rows[0]?.changes).not.toHaveProperty('org_id');
    expect(rows[1]?.changes).toEqual({ title: [null, 'CTO'] });
  });

  it('names rows with composite keys by their key columns joined with a slash', async () => {
    await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/reject/audit_probe', { label: 'Probe' });
    await client.request(org.adminKey, 'PUT', '/api/v1/reason-codes/reject/audit_probe', { label: 'Probe 2' });
    const rows = await auditOf(org.orgId, 'reason_codes', 'reject/audit_probe');
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['insert', org.admin.userId],
      ['update', org.admin.userId],
    ]);
    expect(rows[1]?.changes).toEqual({ label: ['Probe', 'Probe 2'] });
  });

  it('records deletes with the values before', async () => {
    const campaign = await client.request(org.adminKey, 'POST', '/api/v1/campaigns', {
      name: 'Gone',
      channel: 'email',
    });
    await client.request(org.adminKey, 'PUT', `/api/v1/campaigns/${campaign.body.id}/spend/2026-02-01`, {
      amountMinor: 700,
    });
    await client.connection.db
      .deleteFrom('campaign_spend')
      .where('org_id', '=', org.orgId)
      .where('campaign_id', '=', campaign.body.id)
      .execute();
    const rows = await auditOf(org.orgId, 'campaign_spend', `${campaign.body.id}/2026-02-01`);
    expect(rows.map((r) => r.action)).toEqual(['insert', 'delete']);
    expect(rows[1]?.changes).toMatchObject({ amount_minor: [700, null] });
    // Outside a request nobody is named.
    expect(rows[1]?.actor_id).toBeNull();
  });

  it('never records secret, password or token hashes, nor key usage', async () => {
    const issued = await client.request(org.adminKey, 'POST', '/api/v1/api-keys', { name: 'audited', role: 'admin' });
    expect((await client.request(issued.body.secret, 'GET', '/api/v1/me')).status).toBe(200);
    const keyRows = await auditOf(org.orgId, 'api_keys', issued.body.id);
    expect(keyRows.map((r) => r.action)).toEqual(['insert']);
    expect(keyRows[0]?.changes).toHaveProperty('prefix');
    const everything = await sql<{ text: string }>`
      select changes::text as text from audit_log where org_id = ${org.orgId}`.execute(client.connection.db);
    const text = everything.rows.map((r) => r.text).join('\n');
    expect(text).not.toMatch(/_hash"/);
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('last_used_at');
  });

  it('writes nothing when a transaction turns the audit off, and names the actor a transaction sets', async () => {
    const { db } = client.connection;
    const names = ['Quiet', 'Loud'];
    await db.transaction().execute(async (trx) => {
      await disableAudit(trx);
      await trx
        .insertInto('teams')
        .values({ org_id: org.orgId, id: crypto.randomUUID() as never, name: names[0] ?? '', manager_id: null })
        .execute();
    });
    const loudId = crypto.randomUUID();
    await db.transaction().execute(async (trx) => {
      await setAuditActor(trx, org.admin.userId);
      await trx
        .insertInto('teams')
        .values({ org_id: org.orgId, id: loudId as never, name: names[1] ?? '', manager_id: null })
        .execute();
    });
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('entity', '=', 'teams')
      .execute();
    const named = rows.map((r) => r.changes.name?.[1]);
    expect(named).toContain('Loud');
    expect(named).not.toContain('Quiet');
    expect(rows.find((r) => r.entity_id === loudId)?.actor_id).toBe(org.admin.userId);
    // The setting is local to its transaction: the next one is audited again.
    await db
      .insertInto('teams')
      .values({ org_id: org.orgId, id: crypto.randomUUID() as never, name: 'After', manager_id: null })
      .execute();
    const after = await db.selectFrom('audit_log').select('changes').where('org_id', '=', org.orgId).execute();
    expect(after.map((r) => r.changes.name?.[1])).toContain('After');
  });
});

describe('GET /api/v1/audit-log', () => {
  it('is for admins only', async () => {
    for (const role of ['marketing', 'sales_manager', 'sales_rep'] as const) {
      const user = await org.user(role);
      expect((await client.request(user.key, 'GET', '/api/v1/audit-log')).status).toBe(403);
    }
  });

  it('lists newest first, filters by entity, id, actor and time, and pages without gaps', async () => {
    const own = await createTestOrg(client.connection.db);
    const rep = await own.user('sales_rep');
    const before = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.request(rep.key, 'POST', '/api/v1/leads', { firstName: `L${i}` })).body.id);
    }
    await client.request(rep.key, 'PATCH', `/api/v1/leads/${ids[0]}`, { lastName: 'Changed' });
    const byLead = await client.request(own.adminKey, 'GET', `/api/v1/audit-log?entity=leads&entityId=${ids[0]}`);
    expect(byLead.status).toBe(200);
    expect(byLead.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'insert']);
    expect(byLead.body.items[0]).toMatchObject({
      entity: 'leads',
      entityId: ids[0],
      actorId: rep.userId,
      changes: { last_name: [null, 'Changed'] },
    });
    const byActor = await client.request(own.adminKey, 'GET', `/api/v1/audit-log?actorId=${rep.userId}&entity=leads`);
    expect(byActor.body.items).toHaveLength(6);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-log?actorId=${rep.userId}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await client.request(own.adminKey, 'GET', url);
      expect(page.status).toBe(200);
      pages.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await client.request(own.adminKey, 'GET', `/api/v1/audit-log?actorId=${rep.userId}&limit=500`);
    expect(pages).toEqual(all.body.items.map((e: { id: string }) => e.id));
    const times = all.body.items.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const later = await client.request(
      own.adminKey,
      'GET',
      `/api/v1/audit-log?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.body.items).toEqual([]);
    const since = await client.request(own.adminKey, 'GET', `/api/v1/audit-log?from=${encodeURIComponent(before)}`);
    expect(since.body.items.length).toBeGreaterThanOrEqual(6);
    const bad = await client.request(own.adminKey, 'GET', '/api/v1/audit-log?entity=secrets');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('entity');
  });
});
