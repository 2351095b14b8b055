import { type Kysely, sql } from 'kysely';

// The audit trigger of 0002 built both row images as jsonb before it read baton.audit, so a
// bulk load with the audit log off still paid for two to_jsonb calls per row. The same
// function, with the switch read first; what it records is unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement: the function body has semicolons inside its dollar quotes.
  await sql
    .raw(`
    create or replace function baton_audit() returns trigger language plpgsql as $fn$
    declare
      before_row jsonb;
      after_row jsonb;
      any_row jsonb;
      skipped text[];
      diff jsonb;
      row_key text;
    begin
      if current_setting('baton.audit', true) = 'off' then
        return null;
      end if;
      before_row := case when tg_op <> 'INSERT' then to_jsonb(old) end;
      after_row := case when tg_op <> 'DELETE' then to_jsonb(new) end;
      any_row := coalesce(after_row, before_row);
      skipped := string_to_array(coalesce(nullif(tg_argv[1], ''), '-'), ',');
      select jsonb_object_agg(f.key, jsonb_build_array(before_row -> f.key, after_row -> f.key))
        into diff
        from jsonb_object_keys(any_row) as f(key)
        where f.key <> 'org_id'
          and f.key <> all (skipped)
          and right(f.key, 5) <> '_hash'
          and coalesce(before_row -> f.key, 'null'::jsonb) is distinct from coalesce(after_row -> f.key, 'null'::jsonb);
      if diff is null then
        return null;
      end if;
      select string_agg(any_row ->> k.name, '/' order by k.position)
        into row_key
        from unnest(string_to_array(tg_argv[0], ',')) with ordinality as k(name, position);
      insert into audit_log (org_id, id, occurred_at, actor_id, entity, entity_id, action, changes)
      values (
        (any_row ->> 'org_id')::uuid,
        gen_random_uuid(),
        clock_timestamp(),
        nullif(current_setting('baton.actor_id', true), '')::uuid,
        tg_table_name,
        coalesce(row_key, ''),
        lower(tg_op),
        diff
      );
      return null;
    end
    $fn$
  `)
    .execute(db);
}

// The earlier body records exactly the same rows, so there is nothing to undo.
export async function down(): Promise<void> {}
