import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Brand, OrgId, UserId } from '../../shared/ids.ts';
import type { ImportStatus } from './imports.schema.ts';

export type ImportRunId = Brand<string, 'ImportRunId'>;

export interface ImportRunsTable {
  org_id: OrgId;
  id: ImportRunId;
  entity: string;
  file_name: string;
  status: ImportStatus;
  dry_run: boolean;
  preset: string | null;
  /** Baton field → the column it was read from. */
  mapping: JSONColumnType<Record<string, string>, string, string>;
  date_format: string | null;
  bytes_total: number;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  imported: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  created_owners: ColumnType<string[], string | undefined, string>;
  error: string | null;
  started_by: UserId;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
}

export interface ImportRunRejectsTable {
  org_id: OrgId;
  run_id: ImportRunId;
  /** The reject's place in the run's list, ordered by line. */
  position: number;
  line: number;
  field: string;
  reason: string;
}

export interface ImportTables {
  import_runs: ImportRunsTable;
  import_run_rejects: ImportRunRejectsTable;
}
