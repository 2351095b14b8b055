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
// and none of the reading, checking, matching and channel work. The import cannot be faster
// than this on the same machine; the gap between the two is what Baton's own code costs.

/** What the written tables need to exist first; loaded before the clock starts. */
const PARENT_TABLES = ['orgs', 'users', 'accounts', 'campaigns'] as const;
/** The import's writes, in the order the import makes them. */
const WRITTEN_TABLES = ['leads', 'lead_stage_events', 'touchpoints'] as const;

export async function copyIntoBatonTables(
  sourceUrl: string,
  orgId: string,
  dir: string,
  rows: number,
): Promise<BenchRow & { rate: number }> {
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
      await client.query('commit');
      const started = performance.now();
      await begin();
      for (const table of WRITTEN_TABLES) await load(table);
      await client.query('commit');
      const seconds = (performance.now() - started) / 1000;
      const rate = rows / seconds;
      return {
        name: "COPY into Baton's tables (PostgreSQL)",
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
