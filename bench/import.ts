import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { csvLine } from '../src/capture/import/csv-writer.ts';
import { DEFAULT_LEAD_BATCH_SIZE, runImport } from '../src/capture/import/run-import.ts';
import { connect } from '../src/db/connect.ts';
import type { Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrg } from '../src/platform/create-org.ts';
import { createApiKey } from '../src/platform/create-user.ts';
import { seededRandom } from '../src/shared/random.ts';
import { copyIntoBatonTables } from './import-ceiling.ts';
import { type BenchRow, report, round, scratchDatabase } from './support.ts';

const HEADER = [
  'external_id',
  'email',
  'first_name',
  'last_name',
  'company',
  'stage',
  'created_at',
  'url',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
];

const SOURCES: readonly (readonly [string | null, string | null, string | null])[] = [
  ['google', 'cpc', 'https://www.google.com/'],
  ['linkedin', 'paid_social', 'https://www.linkedin.com/'],
  ['newsletter', 'email', null],
  [null, null, 'https://www.google.com/'],
  [null, null, 'https://news.ycombinator.com/'],
  [null, null, null],
  ['facebook', 'cpc', 'https://facebook.com/'],
  ['partner', 'affiliate', null],
];
const FIRST = ['Ana', 'Bo', 'Cleo', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kemal', 'Lea'];
const LAST = ['Novak', 'Smith', 'Garcia', 'Okafor', 'Ivanova', 'Chen', 'Müller', 'Rossi', 'Kowalski', 'Haddad'];
const FREE = ['gmail.com', 'outlook.com', 'yahoo.com'];
const STAGES = ['inquiry', 'inquiry', 'inquiry', 'inquiry', 'mql', 'mql', 'sal', 'sql'];

// N leads with one touch each, e-mails unique so the COPY baseline's unique index holds;
// 40% at free-mail domains, the rest at 20,000 companies; 200 campaigns.
async function writeLeadsCsv(path: string, rows: number): Promise<void> {
  const random = seededRandom(11);
  const out = createWriteStream(path);
  const start = Date.UTC(2025, 0, 1);
  out.write(csvLine(HEADER));
  for (let i = 0; i < rows; i++) {
    const [source, medium, referrer] = random.pick(SOURCES);
    const company = random.int(0, 19_999);
    const free = random.chance(0.4);
    const domain = free ? random.pick(FREE) : `company${company}.example`;
    const campaign = source ? `campaign-${random.int(0, 199)}` : null;
    const url = `https://baton.example/${random.pick(['pricing', 'demo', 'blog/post', 'webinar'])}${
      source ? `?utm_source=${source}&utm_medium=${medium}&utm_campaign=${campaign}` : ''
    }`;
    const line = csvLine([
      `L${i}`,
      `lead${i}@${domain}`,
      random.pick(FIRST),
      random.pick(LAST),
      free ? null : `Company ${company}`,
      random.pick(STAGES),
      new Date(start + random.int(0, 364 * 86_400_000)).toISOString(),
      url,
      referrer,
      source,
      medium,
      campaign,
    ]);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
    },
  };
}

async function importInto(
  db: Db,
  file: string,
  batchSize: number,
  label: string,
): Promise<BenchRow & { rate: number; orgId: string }> {
  const { orgId, actor } = await db.transaction().execute(async (trx) => {
    const id = await createOrg(trx, { name: `Import bench ${label}`, slug: `import-bench-${label}-${Date.now()}` });
    const key = await createApiKey(trx, id, { name: 'bench', role: 'admin' });
    return { orgId: id, actor: key.actor };
  });
  global.gc?.();
  const rssAtStart = Math.round(process.memoryUsage().rss / 2 ** 20);
  const rss = peakRss();
  const started = performance.now();
  let lastLog = started;
  const run = await runImport(
    db,
    { actor, now: new Date() },
    {
      entity: 'leads',
      source: createReadStream(file, { highWaterMark: 256 * 1024 }),
      batchSize,
      onProgress: (p) => {
        if (performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        process.stdout.write(`  ${label}: ${p.rows.toLocaleString('en')} rows\n`);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  if (run.rejected.length > 0) throw new Error(`bench rows rejected: ${JSON.stringify(run.rejected.slice(0, 3))}`);
  const counts = await db
    .selectFrom('touchpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const rate = run.rows / seconds;
  return {
    name: `baton import (${label})`,
    rows: run.rows,
    leads: run.imported,
    touchpoints: Number(counts.n),
    seconds: round(seconds, 1),
    'rows/s': Math.round(rate),
    'RSS at start MB': rssAtStart,
    'peak RSS MB': peak,
    rate,
    orgId,
  };
}

const BASELINE_TABLE = `create table import_baseline (
  external_id text primary key, email text not null, first_name text, last_name text, company text, stage text,
  created_at timestamptz, url text, referrer text, utm_source text, utm_medium text, utm_campaign text)`;
const BASELINE_INDEX = 'create unique index import_baseline_email_key on import_baseline (lower(trim(email)))';

async function copyBaseline(url: string, file: string, rows: number): Promise<BenchRow & { rate: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(BASELINE_TABLE);
    await client.query(BASELINE_INDEX);
    const rssAtStart = Math.round(process.memoryUsage().rss / 2 ** 20);
    const rss = peakRss();
    const started = performance.now();
    await pipeline(
      createReadStream(file),
      client.query(copyFrom(`copy import_baseline (${HEADER.join(', ')}) from stdin with (format csv, header true)`)),
    );
    const seconds = (performance.now() - started) / 1000;
    const peak = rss.stop();
    const rate = rows / seconds;
    return {
      name: 'COPY baseline (PostgreSQL)',
      rows,
      seconds: round(seconds, 1),
      'rows/s': Math.round(rate),
      'RSS at start MB': rssAtStart,
      'peak RSS MB': peak,
      rate,
    };
  } finally {
    await client.end();
  }
}

// The same baseline in its own PGlite data directory: the file handed to COPY as a blob,
// which is how PGlite reads COPY input.
async function copyBaselinePglite(dataDir: string, file: string, rows: number): Promise<BenchRow & { rate: number }> {
  const pglite = await PGlite.create(dataDir);
  try {
    await pglite.query(BASELINE_TABLE);
    await pglite.query(BASELINE_INDEX);
    const blob = new Blob([readFileSync(file)]);
    const rssAtStart = Math.round(process.memoryUsage().rss / 2 ** 20);
    const rss = peakRss();
    const started = performance.now();
    await pglite.query(
      `copy import_baseline (${HEADER.join(', ')}) from '/dev/blob' with (format csv, header true)`,
      [],
      {
        blob,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const peak = rss.stop();
    const rate = rows / seconds;
    return {
      name: 'COPY baseline (PGlite)',
      rows,
      seconds: round(seconds, 1),
      'rows/s': Math.round(rate),
      'RSS at start MB': rssAtStart,
      'peak RSS MB': peak,
      rate,
    };
  } finally {
    await pglite.close();
  }
}

// `npm run bench -- import [--rows N] [--pglite-rows N] [--batch N]`: the CSV lead import on
// PostgreSQL against COPY of the same file into a plain table with a primary key and a
// unique index on the normalised e-mail, and against COPY of the rows it wrote into Baton's
// own tables (import-ceiling.ts); then the import and the plain COPY on PGlite.
export async function importBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string', default: '1000000' },
      'pglite-rows': { type: 'string', default: '100000' },
      batch: { type: 'string', default: String(DEFAULT_LEAD_BATCH_SIZE) },
    },
  });
  const rows = Number(values.rows);
  const pgliteRows = Math.min(rows, Number(values['pglite-rows']));
  const batch = Number(values.batch);
  const dir = mkdtempSync(join(tmpdir(), 'baton-import-bench-'));
  const file = join(dir, 'leads.csv');
  const results: (BenchRow & { rate: number })[] = [];
  try {
    let t = performance.now();
    await writeLeadsCsv(file, rows);
    process.stdout.write(
      `generated ${rows.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
    const scratch = await scratchDatabase('baton_bench_import');
    try {
      const connection = await connect({ databaseUrl: scratch.url, poolSize: 2 });
      let imported: Awaited<ReturnType<typeof importInto>>;
      try {
        await migrateToLatest(connection.db);
        imported = await importInto(connection.db, file, batch, 'PostgreSQL');
      } finally {
        await connection.close();
      }
      const { orgId, ...importRow } = imported;
      results.push(importRow);
      results.push(await copyBaseline(scratch.url, file, rows));
      results.push(...(await copyIntoBatonTables(scratch.url, orgId, dir, rows)));
    } finally {
      await scratch.drop();
    }
    const small = join(dir, 'leads-pglite.csv');
    t = performance.now();
    await writeLeadsCsv(small, pgliteRows);
    const lite = await connect({ dataDir: join(dir, 'pglite') });
    try {
      await migrateToLatest(lite.db);
      const { orgId: _orgId, ...liteRow } = await importInto(lite.db, small, batch, 'PGlite');
      results.push(liteRow);
    } finally {
      await lite.close();
    }
    results.push(await copyBaselinePglite(join(dir, 'pglite-copy'), small, pgliteRows));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const [baton, copy, ceiling, bare, batonLite, copyLite] = results;
  const percent = (a?: { rate: number }, b?: { rate: number }) =>
    a && b ? `${((a.rate / b.rate) * 100).toFixed(1)}%` : 'n/a';
  report({
    bench: 'import',
    sizes: { rows, pgliteRows, batch },
    rows: results.map(({ rate: _rate, ...row }) => row),
    notes: [
      `baton import / COPY baseline on PostgreSQL: ${percent(baton, copy)} (target ≥ 40%)`,
      `COPY into Baton's tables / COPY baseline: ${percent(ceiling, copy)} (the writes alone, through one connection)`,
      `baton import / COPY into Baton's tables: ${percent(baton, ceiling)}`,
      `COPY into bare tables + indexes, FKs / COPY baseline: ${percent(bare, copy)} (the bound of any loading strategy for this schema)`,
      `baton import / COPY baseline on PGlite: ${percent(batonLite, copyLite)}`,
      "COPY into Baton's tables loads the rows the import wrote (leads, stage events, touchpoints) into the same tables of a fresh database: every index, constraint and trigger the import pays for, and none of its reading, checking and matching. The bare variant loads them without foreign keys and secondary indexes and then builds and validates those in one pass each.",
      'The import writes per row a lead, its stage events up to the stated stage, and a touchpoint with channel and campaign; it also matches existing leads by external id, e-mail or phone, and links company domains to accounts.',
      `PGlite ran on ${pgliteRows.toLocaleString('en')} rows in an on-disk data directory; its RSS includes the PostgreSQL run before it, and PGlite's own memory, which it keeps once grown.`,
    ],
  });
}
