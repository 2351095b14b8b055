import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSeededOrg } from '../../test/support/fixtures.ts';
import { testDb } from '../../test/support/test-db.ts';
import type { Db } from '../db/database.ts';
import { hashApiKey } from '../platform/api-keys.ts';
import { findActorByKeyHash } from '../platform/platform.store.ts';
import type { OrgId } from '../shared/ids.ts';
import { DEMO_KEY_NAME, ensureDemoOrg, seedOrg } from './seed-demo.ts';

async function countRows(db: Db, table: string, orgId: OrgId, where = sql`true`): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(table)} where org_id = ${orgId} and ${where}
  `.execute(db);
  return result.rows[0]?.n ?? -1;
}

describe('seedOrg', () => {
  it('writes history whose lead and deal stages equal their last events, in the counts it reports', async () => {
    const { db } = await testDb();
    const seeded = await createSeededOrg(db, { leads: 300, seed: 11 });
    const { orgId, counts } = seeded;

    const leadMismatches = await sql<{ id: string }>`
      select l.id from leads l
      left join lateral (
        select e.to_stage from lead_stage_events e
        where e.org_id = l.org_id and e.lead_id = l.id
        order by e.occurred_at desc, e.id desc limit 1
      ) last on true
      where l.org_id = ${orgId} and last.to_stage is distinct from l.stage
    `.execute(db);
    expect(leadMismatches.rows).toEqual([]);
    const dealMismatches = await sql<{ id: string }>`
      select d.id from deals d
      left join lateral (
        select e.to_stage, e.occurred_at from deal_stage_events e
        where e.org_id = d.org_id and e.deal_id = d.id
        order by e.occurred_at desc, e.id desc limit 1
      ) last on true
      where d.org_id = ${orgId}
        and (last.to_stage is distinct from d.stage or last.occurred_at is distinct from d.stage_changed_at)
    `.execute(db);
    expect(dealMismatches.rows).toEqual([]);

    expect(counts.leads).toBe(300);
    expect(await countRows(db, 'leads', orgId)).toBe(counts.leads);
    expect(await countRows(db, 'touchpoints', orgId)).toBe(counts.touchpoints);
    expect(await countRows(db, 'lead_stage_events', orgId)).toBe(counts.stageEvents);
    expect(await countRows(db, 'deals', orgId)).toBe(counts.deals);
    expect(await countRows(db, 'deal_stage_events', orgId)).toBe(counts.dealStageEvents);
    expect(await countRows(db, 'activities', orgId)).toBe(counts.activities);
    expect(await countRows(db, 'campaigns', orgId)).toBe(counts.campaigns);
    expect(await countRows(db, 'accounts', orgId)).toBe(counts.accounts);
    expect(await countRows(db, 'users', orgId, sql`not is_machine`)).toBe(counts.users);
    expect(counts.deals).toBeGreaterThan(0);
    expect(await countRows(db, 'campaign_spend', orgId)).toBeGreaterThan(100);
  });

  it('gives the org two managed sales teams of reps', async () => {
    const { db } = await testDb();
    const { orgId } = await createSeededOrg(db, { leads: 20, seed: 3 });
    const teams = await sql<{ name: string; role: string; reps: number }>`
      select t.name, m.role, (select count(*)::int from users u
        where u.org_id = t.org_id and u.team_id = t.id and u.role = 'sales_rep') as reps
      from teams t join users m on m.org_id = t.org_id and m.id = t.manager_id
      where t.org_id = ${orgId} order by t.name
    `.execute(db);
    expect(teams.rows.map((t) => t.name)).toEqual(['Enterprise', 'Mid-Market']);
    expect(teams.rows.every((t) => t.role === 'sales_manager' && t.reps >= 2)).toBe(true);
  });

  it('refuses a slug that is already taken and names it', async () => {
    const { db } = await testDb();
    const { slug } = await createSeededOrg(db, { leads: 5, seed: 1 });
    await expect(seedOrg(db, { slug, leads: 5, seed: 1 })).rejects.toThrow(slug);
  });
});

describe('ensureDemoOrg', () => {
  it('seeds the demo org once, then replaces its key on every call', async () => {
    const { db } = await testDb();
    const slug = `demo-${randomUUID()}`;
    const lines: string[] = [];
    const first = await ensureDemoOrg(db, { slug, leads: 40, log: (line) => lines.push(line) });
    expect(first).toMatchObject({ slug, created: true });
    expect(lines.join('\n')).toContain(slug);
    expect(await countRows(db, 'leads', first.orgId)).toBe(40);

    const second = await ensureDemoOrg(db, { slug, leads: 40 });
    expect(second).toMatchObject({ slug, orgId: first.orgId, created: false });
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(await countRows(db, 'leads', first.orgId)).toBe(40);
    expect(await findActorByKeyHash(db, hashApiKey(first.apiKey))).toBeUndefined();
    expect(await findActorByKeyHash(db, hashApiKey(second.apiKey))).toMatchObject({
      org_id: first.orgId,
      role: 'admin',
    });
    const live = await countRows(db, 'api_keys', first.orgId, sql`name = ${DEMO_KEY_NAME} and revoked_at is null`);
    expect(live).toBe(1);
    expect(second.users.map((u) => u.role).sort()).toEqual([
      'admin',
      'marketing',
      'sales_manager',
      'sales_rep',
      'sales_rep',
    ]);
    expect(second.password).not.toBe(first.password);
    expect(second.password.length).toBeGreaterThanOrEqual(12);
  });

  it('creates the demo org again when an earlier first start was interrupted while seeding', async () => {
    const { db } = await testDb();
    const slug = `demo-${randomUUID()}`;
    // A seeded org that never got its first-start key is what a Ctrl-C during seeding leaves.
    const partial = await seedOrg(db, { slug, leads: 10, seed: 1 });
    const lines: string[] = [];
    const demo = await ensureDemoOrg(db, { slug, leads: 30, log: (line) => lines.push(line) });
    expect(demo.created).toBe(true);
    expect(demo.orgId).not.toBe(partial.orgId);
    expect(lines.join('\n')).toContain('not fully created');
    expect(await countRows(db, 'leads', demo.orgId)).toBe(30);
    expect(await countRows(db, 'leads', partial.orgId)).toBe(0);
  });
});
