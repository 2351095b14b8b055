import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type BenchRow, round, scratchDatabase } from './support.ts';

// What PostgreSQL itself needs to store an import: the rows Baton wrote for one organisation
// (its leads, stage events and touchpoints), copied out and loaded with COPY into the same
// tables of a fresh database, with every index, constraint and trigger the import pays for,
// and none of the reading, checking, matching and channel work. An import through one
// connection cannot be faster than this on the same machine; the gap between the two is what
// Baton's own code costs.
//
// A second load bounds any loading strategy for this schema: the same COPY into the tables
// stripped of their foreign keys and secondary indexes, which are then built from the loaded
// rows and validated in one pass each. A live table shared by every organisation cannot be
// stripped like that (dropping an index locks it for all of them): a bound, not a way.

/** What the written tables need to exist first; loaded before the clock starts. */
const PARENT_TABLES = ['orgs', 'users', 'accounts', 'campaigns'] as const;
/** The import's writes, in the order the import makes them. */
const WRITTEN_TABLES = ['leads', 'lead_stage_events', 'touchpoints'] as const;

export async function copyIntoBatonTables(
  sourceUrl: string,
  orgId: string,
  dir: string,
  rows: number,
): Promise<(BenchRow & { rate: number })[]> {
  if (!/^[0-9a-f-]{36}$/.test(orgId)) throw new Error(`not an org id: ${orgId}`);
  const fileOf = (table: string) => join(dir, `${table}.copy`);
  const source = new pg.Client({ connectionString: sourceUrl });
  await source.connect();
  try {
    for (const table of [...PARENT_TABLES, ...WRITTEN_TABLES]) {
      await pipeline(
        source.query(copyTo(`copy (select * from ${table} where org_id = '${orgId}') to stdout`)),
        createWriteStream(fileOf(table)),
      );
    }
  } finally {
    await source.end();
  }

  return [await loadInto(fileOf, rows, { bare: false }), await loadInto(fileOf, rows, { bare: true })];
}

async function loadInto(
  fileOf: (table: string) => string,
  rows: number,
  { bare }: { bare: boolean },
): Promise<BenchRow & { rate: number }> {
  const scratch = await scratchDatabase('baton_bench_import_ceiling');
  try {
    const connection = await connect({ databaseUrl: scratch.url, poolSize: 1 });
    try {
      await migrateToLatest(connection.db);
    } finally {
      await connection.close();
    }
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const load = (table: string) =>
        pipeline(createReadStream(fileOf(table)), client.query(copyFrom(`copy ${table} from stdin`)));
      // Like an import batch: the audit log off and a commit that does not wait for the disk.
      const begin = async () => {
        await client.query('begin');
        await client.query(
          "select set_config('baton.audit', 'off', true), set_config('synchronous_commit', 'off', true)",
        );
      };
      await begin();
      for (const table of PARENT_TABLES) await load(table);
      const rebuild = bare ? await stripWrittenTables(client) : [];
      await client.query('commit');
      const started = performance.now();
      await begin();
      for (const table of WRITTEN_TABLES) await load(table);
      for (const statement of rebuild) await client.query(statement);
      await client.query('commit');
      const seconds = (performance.now() - started) / 1000;
      const rate = rows / seconds;
      return {
        name: bare ? 'COPY into bare tables + indexes, FKs (PostgreSQL)' : "COPY into Baton's tables (PostgreSQL)",
        rows,
        seconds: round(seconds, 1),
        'rows/s': Math.round(rate),
        rate,
      };
    } finally {
      await client.end();
    }
  } finally {
    await scratch.drop();
  }
}

/** Drops the written tables' foreign keys and secondary indexes; returns the statements that make them again. */
async function stripWrittenTables(client: pg.Client): Promise<string[]> {
  const tables = WRITTEN_TABLES.map((t) => `'${t}'`).join(', ');
  const indexes = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i where i.indrelid::regclass::text in (${tables}) and not i.indisprimary`,
  );
  const keys = await client.query<{ table: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
     from pg_constraint where contype = 'f' and conrelid::regclass::text in (${tables})`,
  );
  for (const k of keys.rows) await client.query(`alter table ${k.table} drop constraint ${k.name}`);
  for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
  return [
    ...indexes.rows.map((i) => i.definition),
    ...keys.rows.map((k) => `alter table ${k.table} add constraint ${k.name} ${k.definition}`),
  ];
}
