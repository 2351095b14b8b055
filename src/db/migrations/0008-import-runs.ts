import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

// CSV imports started from the web app or the API. A run is written while it goes: the
// counts and the bytes read after each batch, and a heartbeat every few seconds, so a page
// can show progress and a run whose process died can be told from one still going.
//
// The entity has no CHECK: the importable entities grow with the import engine
// (mapping.ts's IMPORT_ENTITIES), and the API refuses any other name before a row exists.
//
// Rejected rows live in a child table rather than a jsonb array on the run: a file can
// reject as many rows as it has, and rows let the rejects CSV be streamed page by page and
// the run be read with only its first rejects, instead of loading and rewriting one huge value.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table import_runs (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      entity text not null,
      file_name text not null,
      status text not null,
      dry_run boolean not null,
      preset text,
      mapping jsonb not null,
      date_format text,
      bytes_total bigint not null,
      bytes_read bigint not null default 0,
      rows_read int not null default 0,
      imported int not null default 0,
      updated int not null default 0,
      unchanged int not null default 0,
      rejected int not null default 0,
      created_owners jsonb not null default '[]',
      error text,
      started_by uuid not null,
      started_at timestamptz not null,
      heartbeat_at timestamptz not null,
      finished_at timestamptz,
      constraint import_runs_pkey primary key (org_id, id),
      constraint import_runs_started_by_fkey foreign key (org_id, started_by) references users (org_id, id),
      constraint import_runs_status_check check (status in ('running', 'succeeded', 'failed')),
      constraint import_runs_finished_check check ((status = 'running') = (finished_at is null)),
      constraint import_runs_error_check check ((status = 'failed') = (error is not null))
    );
    create index import_runs_started_idx on import_runs (org_id, started_at, id);
    create index import_runs_running_idx on import_runs (heartbeat_at) where status = 'running';

    create table import_run_rejects (
      org_id uuid not null,
      run_id uuid not null,
      position int not null,
      line int not null,
      field text not null,
      reason text not null,
      constraint import_run_rejects_pkey primary key (org_id, run_id, position),
      constraint import_run_rejects_run_fkey foreign key (org_id, run_id)
        references import_runs (org_id, id) on delete cascade
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_run_rejects`.execute(db);
  await sql`drop table import_runs`.execute(db);
}
