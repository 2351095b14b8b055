import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrg } from '../src/platform/create-org.ts';
import { createApiKey } from '../src/platform/create-user.ts';
import { listeningPort } from './api.ts';
import { type BenchRow, report, round, scratchDatabase } from './support.ts';

// The cost of the hand-off on ingest: leads arriving through POST /leads/ingest on
// PostgreSQL, into two organisations set up alike (a team of reps, the same MQL definition)
// except that one has automatic qualification switched off (the baseline: ingest without
// the hand-off work) and the other scores, qualifies, routes, starts the accept clock,
// schedules its jobs and notifies the rep for every lead that qualifies — half of them.
// Rounds alternate between the two so that drift of the machine hits both alike.
export async function handoffBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      leads: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
    },
  });
  const leads = Number(values.leads);
  const rounds = Math.max(1, Number(values.rounds));
  const connections = Number(values.connections);
  const perRound = Math.ceil(leads / rounds);
  const scratch = await scratchDatabase('baton_bench_handoff');
  let server: ChildProcess | undefined;
  try {
    const connection = await connect({ databaseUrl: scratch.url, poolSize: 2 });
    await migrateToLatest(connection.db);
    const keys = await connection.db.transaction().execute(async (trx) => {
      const made: Record<Mode, string> = { without: '', with: '' };
      for (const mode of MODES) {
        const slug = `bench-handoff-${mode}`;
        const orgId = await createOrg(trx, { name: slug, slug });
        made[mode] = (await createApiKey(trx, orgId, { name: 'bench', role: 'admin' })).secret;
      }
      return made;
    });
    await connection.close();

    server = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts'], {
      env: { ...process.env, DATABASE_URL: scratch.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const base = `http://127.0.0.1:${await listeningPort(server)}`;
    for (const mode of MODES) await setUp(base, keys[mode], mode);

    const results: Record<Mode, autocannon.Result[]> = { without: [], with: [] };
    let n = 0;
    for (let r = 0; r < rounds; r++) {
      for (const mode of MODES) {
        const result = await autocannon({
          url: `${base}/api/v1/leads/ingest`,
          connections,
          amount: perRound,
          headers: { authorization: `Bearer ${keys[mode]}`, 'content-type': 'application/json' },
          requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: ingestBody(n++) }) }],
        });
        results[mode].push(result);
        process.stdout.write(
          `  round ${r + 1} ${mode} hand-off: ${round(result.requests.average, 0)} req/s, p50 ${result.latency.p50} ms\n`,
        );
      }
    }
    const rows: BenchRow[] = MODES.map((mode) => summary(mode, results[mode]));
    const stats = await handoffStats(scratch.url);
    const without = Number(rows[0]?.['leads/s']);
    const withHandoff = Number(rows[1]?.['leads/s']);
    const cost = 1 - withHandoff / without;
    report({
      bench: 'handoff',
      sizes: { leadsPerMode: perRound * rounds, rounds, connections },
      rows,
      notes: [
        `with the hand-off: ${stats.mqls} MQLs, ${stats.assigned} assigned by routing, ${stats.clocks} accept clocks, ${stats.notifications} notifications`,
        `hand-off cost: ${(cost * 100).toFixed(1)}% of ingest throughput (target < 30%)`,
      ],
    });
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await scratch.drop();
  }
}

const MODES = ['without', 'with'] as const;
type Mode = (typeof MODES)[number];

const DEFINITION = {
  scoreThreshold: 20,
  requiredFields: ['email'],
  conditions: [{ kind: 'free_mail', mode: 'exclude' }],
  scoringRules: [
    { kind: 'touch', touchType: 'form_fill', points: 20 },
    { kind: 'touch', touchType: 'web_visit', points: 2 },
    { kind: 'field', field: 'title', match: { op: 'contains', value: 'VP' }, points: 10 },
  ],
  scoreHalfLifeDays: 30,
};

// A team of five reps under round-robin, the definition above, and for the baseline the
// automatic qualification switched off, all through the API as an admin would.
async function setUp(base: string, key: string, mode: Mode): Promise<void> {
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const team = await call('POST', '/teams', { name: 'Inside sales' });
  for (let i = 1; i <= 5; i++) {
    await call('POST', '/users', {
      name: `Rep ${i}`,
      email: `rep${i}@${mode}.example`,
      role: 'sales_rep',
      teamId: team.id,
    });
  }
  await call('PUT', '/handoff/mql-definition', DEFINITION);
  if (mode === 'without') {
    const settings = await fetch(`${base}/api/v1/handoff/sla-settings`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const current = (await settings.json()) as Record<string, unknown>;
    await call('PUT', '/handoff/sla-settings', {
      acceptSlaHours: current.acceptSlaHours,
      firstActivitySlaHours: current.firstActivitySlaHours,
      calendar: current.calendar,
      autoQualify: false,
    });
  }
}

// Every other lead fills a form (20 points: an MQL); the rest only visit (2 points).
function ingestBody(i: number): string {
  return JSON.stringify({
    lead: { email: `p${i}@c${i % 5000}.example`, firstName: `P${i}`, company: `Company ${i % 5000}` },
    touchpoint: {
      type: i % 2 === 0 ? 'form_fill' : 'web_visit',
      url: `https://site.example/demo?utm_source=google&utm_medium=cpc&utm_campaign=c${i % 10}`,
    },
  });
}

function summary(mode: Mode, results: readonly autocannon.Result[]): BenchRow {
  const seconds = results.reduce((s, r) => s + r.duration, 0);
  const requests = results.reduce((s, r) => s + r.requests.total, 0);
  const worst = (pick: (r: autocannon.Result) => number) => Math.max(...results.map(pick));
  return {
    name: mode === 'without' ? 'ingest, hand-off off (baseline)' : 'ingest with qualification and routing',
    leads: requests,
    'leads/s': round(requests / seconds, 0),
    'p50 ms (worst round)': worst((r) => r.latency.p50),
    'p99 ms (worst round)': worst((r) => r.latency.p99),
    'non-2xx': results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
  };
}

// What the hand-off wrote, over the scratch database's two organisations (the baseline's
// writes none of these rows). The jobs worker does not run here: the jobs are scheduled
// by ingest and left for `baton serve` to work, so ingest's cost is measured alone.
async function handoffStats(url: string) {
  const connection = await connect({ databaseUrl: url, poolSize: 1 });
  try {
    const count = async (table: 'lead_assignments' | 'sla_clocks' | 'notifications') =>
      Number(
        (
          await connection.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const mqls = await connection.db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('stage', '=', 'mql')
      .executeTakeFirst();
    const assigned = await connection.db
      .selectFrom('lead_assignments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('reason', '=', 'routed')
      .executeTakeFirst();
    return {
      mqls: Number(mqls?.n),
      assigned: Number(assigned?.n),
      clocks: await count('sla_clocks'),
      notifications: await count('notifications'),
    };
  } finally {
    await connection.close();
  }
}
