import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import * as core from './migrations/0001-core.ts';
import * as identity from './migrations/0002-identity.ts';
import * as capture from './migrations/0003-capture.ts';
import * as merges from './migrations/0004-merges.ts';
import * as auditBulkExit from './migrations/0005-audit-bulk-exit.ts';
import * as bulkAudit from './migrations/0006-bulk-audit.ts';
import * as importKeys from './migrations/0007-import-keys.ts';
import * as importRuns from './migrations/0008-import-runs.ts';
import * as handoff from './migrations/0009-handoff.ts';
import * as routingStaffing from './migrations/0010-routing-staffing.ts';

// Migrations are listed here, in order, rather than discovered on disk: no directory magic.
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-identity': identity,
  '0003-capture': capture,
  '0004-merges': merges,
  '0005-audit-bulk-exit': auditBulkExit,
  '0006-bulk-audit': bulkAudit,
  '0007-import-keys': importKeys,
  '0008-import-runs': importRuns,
  '0009-handoff': handoff,
  '0010-routing-staffing': routingStaffing,
};

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export interface MigrateResult {
  readonly applied: string[];
}

// Kysely's migrator takes a PostgreSQL advisory lock inside its transaction, so several
// processes starting at once apply each migration exactly once.
export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  // Migrations are written against no particular table types.
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const name = failed ? ` ${failed.migrationName}` : '';
    throw new Error(`migration${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
