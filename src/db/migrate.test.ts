import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { type Connection, connect } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

const databaseUrl = inject('databaseUrl');

// A database that starts empty: a fresh in-memory PGlite, or a fresh database on the server.
async function emptyDatabase(): Promise<{ open: () => Promise<Connection>; drop: () => Promise<void> }> {
  if (!databaseUrl) {
    const connection = await connect({ dataDir: 'memory://' });
    return { open: async () => connection, drop: () => connection.close() };
  }
  const name = `baton_migrate_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const opened: Connection[] = [];
  return {
    open: async () => {
      const connection = await connect({ databaseUrl: url.toString(), poolSize: 2 });
      opened.push(connection);
      return connection;
    },
    drop: async () => {
      for (const connection of opened) await connection.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

describe('migrateToLatest', () => {
  it('builds the whole schema from empty, then has nothing left to apply', async () => {
    const database = await emptyDatabase();
    try {
      const { db } = await database.open();
      expect((await migrateToLatest(db)).applied).toEqual([
        '0001-core',
        '0002-identity',
        '0003-capture',
        '0004-merges',
        '0005-audit-bulk-exit',
        '0006-bulk-audit',
        '0007-import-keys',
        '0008-import-runs',
        '0009-handoff',
        '0010-routing-staffing',
      ]);
      expect((await migrateToLatest(db)).applied).toEqual([]);
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_name not like 'kysely%' order by table_name`.execute(db);
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'accounts',
        'activities',
        'api_keys',
        'audit_log',
        'campaign_spend',
        'campaigns',
        'channel_overrides',
        'custom_field_defs',
        'deal_stage_events',
        'deal_stages',
        'deals',
        'forms',
        'handoff_settings',
        'idempotency_keys',
        'import_run_rejects',
        'import_runs',
        'invitations',
        'jobs',
        'lead_assignments',
        'lead_merges',
        'lead_stage_events',
        'leads',
        'marketing_targets',
        'mql_definitions',
        'notifications',
        'orgs',
        'reason_codes',
        'routing_reps',
        'routing_rules',
        'sessions',
        'sla_clocks',
        'teams',
        'touchpoints',
        'users',
      ]);
      // Every table leads its primary key with org_id, so the schema distributes by tenant.
      const keys = await sql<{ table_name: string; first: string }>`
        select c.relname as table_name, a.attname as first
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
        where i.indisprimary and n.nspname = current_schema() and c.relname not like 'kysely%'`.execute(db);
      expect(keys.rows.length).toBe(tables.rows.length);
      for (const row of keys.rows) expect(`${row.table_name}.${row.first}`).toBe(`${row.table_name}.org_id`);
    } finally {
      await database.drop();
    }
  });

  it.runIf(databaseUrl)('applies each migration once when two processes start together', async () => {
    const database = await emptyDatabase();
    try {
      const [a, b] = [await database.open(), await database.open()];
      const results = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
      expect(results.flatMap((r) => r.applied)).toEqual([
        '0001-core',
        '0002-identity',
        '0003-capture',
        '0004-merges',
        '0005-audit-bulk-exit',
        '0006-bulk-audit',
        '0007-import-keys',
        '0008-import-runs',
        '0009-handoff',
        '0010-routing-staffing',
      ]);
    } finally {
      await database.drop();
    }
  });
});
