import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

// Lead merges. A merged lead is kept, not deleted: it points at its survivor through
// leads.merged_into_id and is hidden from lists, reads and the duplicates view, so its own
// stage history stays true and an undo can bring it back exactly. lead_merges records each
// merge with a snapshot (the merged lead's row, the survivor's fields the merge changed, and
// the ids of the child rows it moved) that the undo replays in reverse.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table leads add column merged_into_id uuid;
    alter table leads add constraint leads_merged_into_fkey
      foreign key (org_id, merged_into_id) references leads (org_id, id);
    alter table leads add constraint leads_merged_into_check check (merged_into_id is null or merged_into_id <> id);
    create index leads_merged_into_idx on leads (org_id, merged_into_id) where merged_into_id is not null;

    create table lead_merges (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      survivor_id uuid not null,
      merged_id uuid not null,
      merged_at timestamptz not null,
      merged_by uuid not null,
      undone_at timestamptz,
      undone_by uuid,
      snapshot jsonb not null,
      constraint lead_merges_pkey primary key (org_id, id),
      constraint lead_merges_survivor_fkey foreign key (org_id, survivor_id) references leads (org_id, id),
      constraint lead_merges_merged_fkey foreign key (org_id, merged_id) references leads (org_id, id),
      constraint lead_merges_merged_by_fkey foreign key (org_id, merged_by) references users (org_id, id),
      constraint lead_merges_undone_by_fkey foreign key (org_id, undone_by) references users (org_id, id),
      constraint lead_merges_distinct_check check (survivor_id <> merged_id),
      constraint lead_merges_undone_check check ((undone_at is null) = (undone_by is null))
    );
    create index lead_merges_survivor_idx on lead_merges (org_id, survivor_id, merged_at);
    create index lead_merges_merged_idx on lead_merges (org_id, merged_id, merged_at);

    create trigger lead_merges_audit after insert or update or delete on lead_merges
      for each row execute function baton_audit('id', 'snapshot');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table lead_merges`.execute(db);
  await executeScript(
    db,
    `
    drop index leads_merged_into_idx;
    alter table leads drop column merged_into_id;
  `,
  );
}
