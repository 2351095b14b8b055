import { createReadStream, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../../test/support/fixtures.ts';
import { testDb } from '../../../test/support/test-db.ts';
import type { Db } from '../../db/database.ts';
import type { ImportEntity } from './mapping.ts';
import { runImport } from './run-import.ts';

const MAVEN = '/work/shared/data/maven-crm-sales-opportunities';
const SALVIRT = '/work/shared/data/salvirt-b2b-sales/Salvirt_B2B_ML_dataset_HF.csv';

function importFile(db: Db, org: TestOrg, entity: ImportEntity, path: string) {
  return runImport(db, org.ctx(), { entity, source: createReadStream(path) });
}

/** The file's data rows split naively: these files have no quoted cells. */
function dataRows(path: string, delimiter: string): string[][] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  return lines.slice(1).map((l) => l.split(delimiter));
}

async function count(db: Db, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n ?? 0);
}

describe('importing the Maven CRM pipeline', () => {
  it('gives the counts its README describes', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const teams = await importFile(db, org, 'users', `${MAVEN}/sales_teams.csv`);
    expect(teams.preset).toBe('maven-sales-teams');
    expect(teams).toMatchObject({ rows: 35, imported: 35, rejected: [] });
    const accounts = await importFile(db, org, 'accounts', `${MAVEN}/accounts.csv`);
    expect(accounts).toMatchObject({ preset: 'maven-accounts', imported: 85, rejected: [] });
    const deals = await importFile(db, org, 'deals', `${MAVEN}/sales_pipeline.csv`);
    expect(deals).toMatchObject({ preset: 'maven-sales-pipeline', rows: 8800, imported: 8800, rejected: [] });
    expect(deals.createdOwners).toEqual([]);

    const rows = dataRows(`${MAVEN}/sales_pipeline.csv`, ',');
    const byStage = (s: string) => rows.filter((r) => r[4] === s).length;
    const o = org.orgId;
    const dealCount = (where: ReturnType<typeof sql>) =>
      count(db, sql<{ n: number }>`select count(*)::int as n from deals where org_id = ${o} and ${where}`);
    expect(await dealCount(sql`outcome = 'won'`)).toBe(byStage('Won'));
    expect(await dealCount(sql`outcome = 'lost'`)).toBe(byStage('Lost'));
    expect(await dealCount(sql`stage = 'demo'`)).toBe(byStage('Engaging'));
    expect(await dealCount(sql`stage = 'discovery'`)).toBe(byStage('Prospecting'));
    expect(await dealCount(sql`account_id is null`)).toBe(rows.filter((r) => r[3] === '').length);
    expect(await dealCount(sql`account_id is null`)).toBeGreaterThan(0);
    // The GTXPro spelling is read as products.csv's GTX Pro.
    expect(await dealCount(sql`custom->>'product' = 'GTXPro'`)).toBe(0);
    expect(await dealCount(sql`custom->>'product' = 'GTX Pro'`)).toBe(rows.filter((r) => r[2] === 'GTXPro').length);
    // Won revenue in minor units equals the file's sum.
    const wonValue = rows.filter((r) => r[4] === 'Won').reduce((sum, r) => sum + Number(r[7]) * 100, 0);
    expect(
      await count(
        db,
        sql<{ n: number }>`select sum(amount_minor)::bigint as n from deals where org_id = ${o} and outcome = 'won'`,
      ),
    ).toBe(wonValue);
    // Every deal's stage is the fold of its events: the last event goes to the current stage.
    expect(
      await count(
        db,
        sql<{ n: number }>`select count(*)::int as n from deals d where d.org_id = ${o} and d.stage <> (
          select e.to_stage from deal_stage_events e where e.org_id = d.org_id and e.deal_id = d.id
          order by e.occurred_at desc, e.id desc limit 1)`,
      ),
    ).toBe(0);
    // Five agents have no opportunities.
    expect(
      await count(
        db,
        sql<{ n: number }>`select count(*)::int as n from users u where u.org_id = ${o} and u.role = 'sales_rep'
          and not u.is_machine and not exists (select 1 from deals d where d.org_id = u.org_id and d.owner_id = u.id)`,
      ),
    ).toBe(5);
    const managers = new Set(dataRows(`${MAVEN}/sales_teams.csv`, ',').map((r) => r[1]));
    expect(
      await count(
        db,
        sql<{ n: number }>`select count(*)::int as n from users where org_id = ${o} and role = 'sales_manager'`,
      ),
    ).toBe(managers.size);
    expect(
      await count(
        db,
        sql<{ n: number }>`select count(*)::int as n from teams where org_id = ${o} and manager_id is not null`,
      ),
    ).toBe(3);

    // Running the same files again creates nothing new.
    const again = await importFile(db, org, 'deals', `${MAVEN}/sales_pipeline.csv`);
    expect(again).toMatchObject({ imported: 0, unchanged: 8800, rejected: [] });
    expect((await importFile(db, org, 'accounts', `${MAVEN}/accounts.csv`)).imported).toBe(0);
    expect((await importFile(db, org, 'users', `${MAVEN}/sales_teams.csv`)).imported).toBe(0);
    expect(await dealCount(sql`true`)).toBe(8800);
    expect(await count(db, sql<{ n: number }>`select count(*)::int as n from accounts where org_id = ${o}`)).toBe(85);
  });
});

describe('importing the Salvirt opportunities', () => {
  it('reads the semicolons and CRLF and imports every row as a won or lost deal', async () => {
    const { db } = await testDb();
    const org = await createTestOrg(db);
    const run = await importFile(db, org, 'deals', SALVIRT);
    expect(run).toMatchObject({ preset: 'salvirt-b2b', rows: 448, imported: 448, rejected: [] });
    // Sellers are not users of the organisation: they become inactive reps, reported.
    const rows = dataRows(SALVIRT, ';');
    expect(new Set(run.createdOwners)).toEqual(new Set(rows.map((r) => r[1])));
    const o = org.orgId;
    const byOutcome = await sql<{ outcome: string; n: number }>`
      select outcome, count(*)::int as n from deals where org_id = ${o} group by outcome order by outcome`.execute(db);
    expect(byOutcome.rows).toEqual([
      { outcome: 'lost', n: rows.filter((r) => r[22] === 'Lost').length },
      { outcome: 'won', n: rows.filter((r) => r[22] === 'Won').length },
    ]);
    const referral = rows.filter((r) => r[13] === 'Referral').length;
    expect(
      await count(
        db,
        sql<{
          n: number;
        }>`select count(*)::int as n from deals where org_id = ${o} and custom->>'channel' = 'referral'`,
      ),
    ).toBe(referral);
    expect(
      await count(
        db,
        sql<{
          n: number;
        }>`select count(*)::int as n from users where org_id = ${o} and role = 'sales_rep' and not active`,
      ),
    ).toBe(new Set(rows.map((r) => r[1])).size);

    const again = await importFile(db, org, 'deals', SALVIRT);
    expect(again).toMatchObject({ imported: 0, unchanged: 448, createdOwners: [] });
    expect(await count(db, sql<{ n: number }>`select count(*)::int as n from deals where org_id = ${o}`)).toBe(448);
  });
});
