import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { type Connection, connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export interface BenchRow {
  readonly name: string;
  readonly [metric: string]: string | number;
}

export interface BenchReport {
  readonly bench: string;
  readonly sizes: Record<string, number>;
  readonly rows: BenchRow[];
  readonly notes?: string[];
}

// Every benchmark prints a table and writes its figures, sizes and the machine to
// bench-results/<name>.json (ignored by git), so numbers in notes can be traced.
export function report(result: BenchReport): void {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  process.stdout.write(
    `\n== ${result.bench} (${Object.entries(result.sizes)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}; ${machine.cpus} CPUs)\n`,
  );
  console.table(result.rows);
  for (const note of result.notes ?? []) process.stdout.write(`${note}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    `bench-results/${result.bench}.json`,
    `${JSON.stringify({ ...result, machine, at: new Date().toISOString() }, null, 2)}\n`,
  );
  process.stdout.write(`wrote bench-results/${result.bench}.json\n`);
}

export function serverUrl(): string {
  return process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
}

/** Creates a scratch database on the PostgreSQL server and returns its URL and a drop function. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${serverUrl()}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: `${serverUrl()}/${name}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: `${serverUrl()}/postgres` });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/**
 * Runs a bench's work on a migrated embedded PGlite (in memory), then on a migrated scratch
 * database of the PostgreSQL server, closing each connection and dropping the scratch
 * database afterwards, also when the work fails.
 */
export async function onEachDatabase(
  prefix: string,
  work: (kind: string, connection: Connection) => Promise<void>,
): Promise<void> {
  const scratch = await scratchDatabase(prefix);
  try {
    for (const [kind, open] of [
      ['PGlite (memory)', () => connect({ dataDir: 'memory://' })],
      ['PostgreSQL', () => connect({ databaseUrl: scratch.url, poolSize: 2 })],
    ] as const) {
      const connection = await open();
      try {
        await migrateToLatest(connection.db);
        await work(kind, connection);
      } finally {
        await connection.close();
      }
    }
  } finally {
    await scratch.drop();
  }
}
