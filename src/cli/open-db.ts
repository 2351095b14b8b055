import type { Config } from '../config.ts';
import { type Connection, connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Config): Promise<Connection> {
  const connection = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.BATON_DATA_DIR });
  await migrateToLatest(connection.db);
  return connection;
}
