import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import type { Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedOrg } from '../src/demo/seed-demo.ts';
import { createLead } from '../src/lifecycle/create-lead.ts';
import { findLead, listLeadRows } from '../src/lifecycle/leads.store.ts';
import { LeadListQuery } from '../src/lifecycle/lifecycle.schema.ts';
import { createApiKey } from '../src/platform/create-user.ts';
import { SEES_ALL } from '../src/platform/visibility.ts';
import type { Actor } from '../src/shared/actor.ts';
import type { LeadId } from '../src/shared/ids.ts';
import { type BenchRow, percentile, report, round, scratchDatabase } from './support.ts';

// API latency and throughput at a stated number of leads on PostgreSQL. Baselines in the
// same run: a bare route answering a constant (HTTP floor) and the same store SQL run
// directly on a pool (database floor).
export async function apiBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      leads: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
    },
  });
  const leads = Number(values.leads);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const scratch = await scratchDatabase('baton_bench_api');
  let server: ChildProcess | undefined;
  try {
    const connection = await connect({ databaseUrl: scratch.url, poolSize: connections });
    await migrateToLatest(connection.db);
    const started = Date.now();
    const seeded = await seedOrg(connection.db, {
      slug: 'bench',
      leads,
      seed: 7,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    process.stdout.write(`seeded ${seeded.counts.leads} leads in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    await sql`analyze`.execute(connection.db);
    const key = await connection.db
      .transaction()
      .execute((trx) => createApiKey(trx, seeded.orgId, { name: 'bench', role: 'admin' }));
    const ids = (
      await connection.db
        .selectFrom('leads')
        .select('id')
        .where('org_id', '=', seeded.orgId)
        .orderBy('id')
        .limit(1000)
        .execute()
    ).map((r) => r.id);

    server = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts'], {
      env: { ...process.env, DATABASE_URL: scratch.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await listeningPort(server);
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' };
    const listPath = '/api/v1/leads?stage=mql&limit=50';
    let n = 0;
    const http = async (name: string, options: autocannon.Options): Promise<BenchRow> => {
      const result = await autocannon({ connections, duration, ...options });
      return {
        name,
        'req/s': round(result.requests.average, 0),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'non-2xx': result.non2xx,
        errors: result.errors,
      };
    };
    const rows: BenchRow[] = [];
    rows.push(await http('HTTP baseline: GET /healthz (constant)', { url: `${base}/healthz` }));
    rows.push(await http('GET /leads?stage=mql&limit=50', { url: `${base}${listPath}`, headers: auth }));
    rows.push(
      await http('GET /leads/:id', {
        url: base,
        headers: auth,
        requests: [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/leads/${ids[n++ % ids.length]}` }) },
        ],
      }),
    );
    rows.push(
      await http('POST /leads', {
        url: `${base}/api/v1/leads`,
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          firstName: 'Bench',
          lastName: 'Lead',
          email: 'bench@example.com',
          companyName: 'Bench Inc',
        }),
      }),
    );
    const actor = key.actor;
    const query = LeadListQuery.parse({ stage: 'mql', limit: 50 });
    rows.push(
      await direct('SQL baseline: list store query', duration, connections, () =>
        listLeadRows(connection.db, actor.orgId, query, null, SEES_ALL),
      ),
    );
    rows.push(
      await direct('SQL baseline: find lead', duration, connections, () =>
        findLead(connection.db, actor.orgId, ids[n++ % ids.length] as LeadId),
      ),
    );
    rows.push(
      await direct('SQL baseline: create lead command', duration, connections, () => create(connection.db, actor)),
    );
    await connection.close();
    report({
      bench: 'api',
      sizes: {
        leads: seeded.counts.leads,
        touchpoints: seeded.counts.touchpoints,
        durationSeconds: duration,
        connections,
      },
      rows,
      notes: [
        'Targets on PostgreSQL: filtered list p50 < 10 ms; lead creation > 1,000/s with every event and check in place.',
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

function create(db: Db, actor: Actor) {
  return db
    .transaction()
    .execute((trx) =>
      createLead(
        trx,
        { actor, now: new Date() },
        { firstName: 'Bench', lastName: 'Lead', email: 'bench@example.com', companyName: 'Bench Inc' },
      ),
    );
}

// Runs `work` from `concurrency` loops for `seconds`, timing each call.
async function direct(
  name: string,
  seconds: number,
  concurrency: number,
  work: () => Promise<unknown>,
): Promise<BenchRow> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const start = performance.now();
        await work();
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    name,
    'req/s': round(latencies.length / seconds, 0),
    'p50 ms': round(percentile(latencies, 50)),
    'p99 ms': round(percentile(latencies, 99)),
    'non-2xx': 0,
    errors: 0,
  };
}

export async function listeningPort(child: ChildProcess): Promise<number> {
  let buffer = '';
  for await (const chunk of child.stdout ?? []) {
    buffer += String(chunk);
    const match = /listening (\d+)/.exec(buffer);
    if (match) return Number(match[1]);
  }
  throw new Error('the bench server exited before listening');
}
