import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { disableAudit } from '../src/db/audit.ts';
import type { Db } from '../src/db/database.ts';
import type { MqlDefinitionInput } from '../src/handoff/mql.schema.ts';
import { DEFAULT_MQL_RULES } from '../src/handoff/mql-definition.ts';
import { previewMqlDefinition } from '../src/handoff/preview-mql-definition.ts';
import { createOrg } from '../src/platform/create-org.ts';
import { createApiKey } from '../src/platform/create-user.ts';
import type { CommandContext } from '../src/shared/context.ts';
import { type BenchRow, onEachDatabase, percentile, report, round } from './support.ts';

// The MQL definition preview over an org whose every lead was created in the last 30 days
// (the worst case: the whole org is in the window), on PGlite and PostgreSQL. The baseline
// is a plain count of the window's leads joined to their touchpoints, in the same run.
export async function mqlPreviewBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { leads: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' } },
  });
  const leads = Number(values.leads);
  const rounds = Number(values.rounds);
  const rows: BenchRow[] = [];
  await onEachDatabase('baton_bench_mql', async (kind, connection) => {
    const ctx = await generate(connection.db, leads);
    const cases: [string, () => Promise<unknown>][] = [
      ['baseline: count window leads and touches', () => baseline(connection.db, ctx)],
      ['preview: default definition', () => previewMqlDefinition(connection.db, ctx, DEFAULT_MQL_RULES)],
      ['preview: every condition kind, 12 rules', () => previewMqlDefinition(connection.db, ctx, BROAD)],
    ];
    for (const [name, run] of cases) {
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      rows.push({
        name: `${kind}: ${name}`,
        'median ms': round(percentile(times, 50), 0),
        'max ms': round(times.at(-1) ?? 0, 0),
      });
    }
  });
  report({
    bench: 'mql-preview',
    sizes: { leads, touchpoints: leads * 3, rounds },
    rows,
    notes: ['Every lead was created in the last 30 days, so the preview window holds the whole org.'],
  });
}

const BROAD: MqlDefinitionInput = {
  scoreThreshold: 25,
  requiredFields: ['email', 'companyName', 'country'],
  conditions: [
    { kind: 'country', mode: 'include', values: ['DE', 'AT', 'CH', 'US'] },
    { kind: 'company_size', mode: 'exclude', min: null, max: 10 },
    { kind: 'free_mail', mode: 'exclude' },
    { kind: 'competitor', domains: ['rival.com', 'other-rival.io'] },
    { kind: 'email_domain', mode: 'exclude', values: ['blocked.io'] },
  ],
  scoringRules: [
    { kind: 'touch', touchType: 'form_fill', points: 10, cap: 30 },
    { kind: 'touch', touchType: 'webinar', points: 15, cap: 30 },
    { kind: 'touch', touchType: 'web_visit', points: 1, cap: 5 },
    { kind: 'touch', touchType: 'email_click', points: 2, cap: 10 },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'director' }, points: 5 },
    { kind: 'field', field: 'title', match: { op: 'in', values: ['ceo', 'cto'] }, points: 10 },
    { kind: 'field', field: 'country', match: { op: 'in', values: ['de', 'at'] }, points: 3 },
    { kind: 'field', field: 'account.employeeCount', match: { op: 'at_least', value: 200 }, points: 8 },
    { kind: 'field', field: 'account.industry', match: { op: 'equals', value: 'software' }, points: 4 },
    { kind: 'field', field: 'emailDomain', match: { op: 'equals', value: 'gmail.com' }, points: -10 },
    { kind: 'field', field: 'companyName', match: { op: 'contains', value: 'inc' }, points: 1 },
    { kind: 'field', field: 'account.employeeCount', match: { op: 'below', value: 10 }, points: -5 },
  ],
  scoreHalfLifeDays: 14,
};

async function baseline(db: Db, ctx: CommandContext): Promise<void> {
  await sql`select count(distinct l.id)::int, count(t.id)::int from leads l
    left join touchpoints t on t.org_id = l.org_id and t.lead_id = l.id
    where l.org_id = ${ctx.actor.orgId} and l.created_at >= ${new Date(ctx.now.getTime() - 30 * 86_400_000)}`.execute(
    db,
  );
}

// Set-based generation: accounts, leads spread over the last 30 days, three touches each,
// and the stage events of the fifth that became MQLs (some of them recycled since).
async function generate(db: Db, leads: number): Promise<CommandContext> {
  const now = new Date();
  const ctx = await db.transaction().execute(async (trx) => {
    const slug = `bench-mql-${Date.now()}`;
    const orgId = await createOrg(trx, { name: slug, slug });
    const key = await createApiKey(trx, orgId, { name: 'bench', role: 'admin' });
    return { actor: key.actor, now };
  });
  const org = ctx.actor.orgId;
  await db.transaction().execute(async (trx) => {
    // Generated rows are nobody's edit: keep them out of the audit log, as the demo seed does.
    await disableAudit(trx);
    await sql`insert into accounts (org_id, id, name, domain, industry, employee_count, created_at, updated_at)
      select ${org}, gen_random_uuid(), 'Account ' || i, 'acct' || i || '.example',
        (array['software', 'healthcare', 'retail', null])[1 + i % 4], (array[5, 50, 250, 1200, null])[1 + i % 5],
        ${now}, ${now}
      from generate_series(0, 1999) as i`.execute(trx);
    await sql`with acc as (select id, (row_number() over (order by id))::int - 1 as n from accounts where org_id = ${org})
      insert into leads (org_id, id, first_name, email, email_normalized, title, company_name, country, account_id,
        stage, stage_changed_at, created_at, updated_at)
      select ${org}, gen_random_uuid(), 'P' || i, x.e, x.e,
        (array['CEO', 'IT Director', 'Engineer', null])[1 + i % 4], (array['Acme Inc', 'Beta', null])[1 + i % 3],
        (array['DE', 'AT', 'US', 'FR', null])[1 + i % 5], case when i % 7 = 0 then null else acc.id end,
        'inquiry', x.c, x.c, x.c
      from generate_series(1, ${leads}) as i
      join acc on acc.n = i % 2000,
      lateral (select 'p' || i || '@' || (array['acme.io', 'gmail.com', 'rival.com', 'beta.org'])[1 + i % 4] as e,
        ${now}::timestamptz - (i % 43200) * interval '1 minute' as c) as x`.execute(trx);
    await sql`insert into touchpoints (org_id, id, lead_id, type, occurred_at, created_at)
      select l.org_id, gen_random_uuid(), l.id,
        (array['form_fill', 'webinar', 'web_visit', 'email_click'])[1 + (k + length(l.first_name)) % 4],
        l.created_at + (${now}::timestamptz - l.created_at) * k / 3.0, l.created_at
      from leads l, generate_series(0, 2) as k where l.org_id = ${org}`.execute(trx);
    await sql`insert into lead_stage_events (org_id, id, lead_id, from_stage, to_stage, occurred_at)
      select l.org_id, gen_random_uuid(), l.id, 'inquiry', 'mql', l.created_at
      from leads l where l.org_id = ${org} and l.email like 'p%5@%'`.execute(trx);
    await sql`insert into lead_stage_events (org_id, id, lead_id, from_stage, to_stage, occurred_at)
      select l.org_id, gen_random_uuid(), l.id, 'mql', 'recycled', l.created_at + interval '1 hour'
      from leads l where l.org_id = ${org} and l.email like 'p%25@%'`.execute(trx);
  });
  await sql`analyze`.execute(db);
  return ctx;
}
