import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

// Activities imported from another system keep that system's id, so importing the same file
// again (or finishing an interrupted run) matches them instead of logging them twice. Like
// the other keys of imported records, it is unique per organisation where it is set.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table activities add column external_id text;
    create unique index activities_external_id_key on activities (org_id, external_id) where external_id is not null;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activities drop column external_id`.execute(db);
}
