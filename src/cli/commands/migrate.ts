import type { Config } from '../../config.ts';
import { connect } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';

export async function migrateCommand(_args: string[], config: Config): Promise<void> {
  const connection = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.BATON_DATA_DIR });
  try {
    const { applied } = await migrateToLatest(connection.db);
    process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'the database is up to date\n');
  } finally {
    await connection.close();
  }
}
