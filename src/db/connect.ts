import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './database.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Connection {
  readonly db: Db;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// The one place where driver differences are normalised: pg returns int8 and numeric as
// strings and PGlite int8 as a number; both return `date` as a local-midnight Date. Baton
// reads int8/numeric as numbers (money is minor units, well inside 2^53) and dates as
// 'YYYY-MM-DD' strings, which is what a calendar date is.
const PARSERS: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [NUMERIC]: (value) => Number(value),
  [DATE]: (value) => value,
};

export interface ConnectOptions {
  /** A PostgreSQL server URL; when absent, the embedded PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data directory, or `memory://` for a throwaway database. */
  readonly dataDir?: string | undefined;
  readonly poolSize?: number;
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client can be cut by the server (restart, dropped database); the pool replaces
    // it on next use, so the error is reported, not thrown from an event emitter.
    pool.on('error', (error) => process.stderr.write(`baton: idle database connection lost: ${error.message}\n`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(resolve(dataDir), { recursive: true });
  const pglite = await PGlite.create(dataDir.startsWith('memory://') ? dataDir : resolve(dataDir), {
    parsers: PARSERS,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
