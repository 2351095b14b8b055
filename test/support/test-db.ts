import { afterAll, inject } from 'vitest';
import { type Connection, connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

let shared: Promise<Connection> | undefined;

// Registered when a test file imports this module, so it runs at the end of that file.
afterAll(async () => {
  if (shared) await (await shared).close();
  shared = undefined;
});

// One connection per test file: the run's server database when DATABASE_URL is set,
// otherwise a fresh in-memory PGlite migrated from empty.
export function testDb(): Promise<Connection> {
  shared ??= (async () => {
    const databaseUrl = inject('databaseUrl');
    const connection = await connect(databaseUrl ? { databaseUrl, poolSize: 4 } : { dataDir: 'memory://' });
    if (!databaseUrl) await migrateToLatest(connection.db);
    return connection;
  })();
  return shared;
}
