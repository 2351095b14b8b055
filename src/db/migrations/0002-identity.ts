import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

// Identity and the audit log: passwords, sessions, invitations, a team queue on leads, and
// one trigger function that records every change to a domain table. Like 0001, this is
// history: names and lists are written out literally.
const AUDIT_FUNCTION = `
    -- One row per changed row, with only the changed fields as {field: [before, after]}.
    -- Arguments: the key columns that name the row (comma-separated, org_id implied), then
    -- the columns never to record or compare. Columns ending in _hash are never recorded.
    -- The actor is what the command transaction set with set_config('baton.actor_id');
    -- bulk loads set baton.audit to off for their transaction.
    create function baton_audit() returns trigger language plpgsql as $fn$
    declare
      before_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
      after_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
      any_row jsonb := coalesce(after_row, before_row);
      skipped text[] := string_to_array(coalesce(nullif(tg_argv[1], ''), '-'), ',');
      diff jsonb;
      row_key text;
    begin
      if current_setting('baton.audit', true) = 'off' then
        return null;
      end if;
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
    $fn$;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table users add column password_hash text;
    alter table users add column password_changed_at timestamptz;
    -- Sign-in knows only an e-mail address, not the organisation (see sign-in.ts).
    create index users_email_lookup_idx on users (lower(email));

    -- The team whose queue a lead is in. An unowned lead with a team is visible to that
    -- team's reps; assigning an owner sets it to the owner's team.
    alter table leads add column team_id uuid;
    alter table leads add constraint leads_team_fkey foreign key (org_id, team_id) references teams (org_id, id);
    create index leads_team_queue_idx on leads (org_id, team_id, created_at, id) where owner_id is null;
    update leads l set team_id = u.team_id
      from users u
      where u.org_id = l.org_id and u.id = l.owner_id and u.team_id is not null;

    create table sessions (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      user_id uuid not null,
      token_hash text not null,
      csrf_token_hash text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      user_agent text,
      ip text,
      constraint sessions_pkey primary key (org_id, id),
      constraint sessions_user_fkey foreign key (org_id, user_id) references users (org_id, id) on delete cascade
    );
    -- A session is looked up by its token's hash before the organisation is known.
    create unique index sessions_token_hash_key on sessions (token_hash);
    create index sessions_user_idx on sessions (org_id, user_id) where revoked_at is null;

    create table invitations (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      email text not null,
      role text not null constraint invitations_role_check
        check (role in ('admin', 'marketing', 'sales_manager', 'sales_rep')),
      team_id uuid,
      token_hash text not null,
      invited_by uuid not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      constraint invitations_pkey primary key (org_id, id),
      constraint invitations_team_fkey foreign key (org_id, team_id) references teams (org_id, id) on delete cascade,
      constraint invitations_invited_by_fkey foreign key (org_id, invited_by)
        references users (org_id, id) on delete cascade
    );
    create unique index invitations_token_hash_key on invitations (token_hash);

    -- Append-only and without foreign keys: the log outlives the rows it describes.
    create table audit_log (
      org_id uuid not null,
      id uuid not null,
      occurred_at timestamptz not null,
      actor_id uuid,
      entity text not null,
      entity_id text not null,
      action text not null constraint audit_log_action_check check (action in ('insert', 'update', 'delete')),
      changes jsonb not null,
      constraint audit_log_pkey primary key (org_id, id)
    );
    create index audit_log_time_idx on audit_log (org_id, occurred_at desc, id);
    create index audit_log_entity_idx on audit_log (org_id, entity, entity_id);
  `,
  );
  // A PL/pgSQL body holds semicolons, so it is one statement of its own.
  await sql.raw(AUDIT_FUNCTION).execute(db);
  await executeScript(
    db,
    `
    create trigger orgs_audit after insert or update or delete on orgs
      for each row execute function baton_audit('org_id', '');
    create trigger teams_audit after insert or update or delete on teams
      for each row execute function baton_audit('id', '');
    create trigger users_audit after insert or update or delete on users
      for each row execute function baton_audit('id', 'password_hash');
    create trigger api_keys_audit after insert or update or delete on api_keys
      for each row execute function baton_audit('id', 'secret_hash,last_used_at');
    create trigger reason_codes_audit after insert or update or delete on reason_codes
      for each row execute function baton_audit('kind,code', '');
    create trigger deal_stages_audit after insert or update or delete on deal_stages
      for each row execute function baton_audit('key', '');
    create trigger custom_field_defs_audit after insert or update or delete on custom_field_defs
      for each row execute function baton_audit('entity,key', '');
    create trigger accounts_audit after insert or update or delete on accounts
      for each row execute function baton_audit('id', 'updated_at');
    create trigger campaigns_audit after insert or update or delete on campaigns
      for each row execute function baton_audit('id', 'updated_at');
    create trigger campaign_spend_audit after insert or update or delete on campaign_spend
      for each row execute function baton_audit('campaign_id,day', '');
    create trigger leads_audit after insert or update or delete on leads
      for each row execute function baton_audit('id', 'updated_at');
    create trigger touchpoints_audit after insert or update or delete on touchpoints
      for each row execute function baton_audit('id', '');
    create trigger lead_stage_events_audit after insert or update or delete on lead_stage_events
      for each row execute function baton_audit('id', '');
    create trigger deals_audit after insert or update or delete on deals
      for each row execute function baton_audit('id', 'updated_at');
    create trigger deal_stage_events_audit after insert or update or delete on deal_stage_events
      for each row execute function baton_audit('id', '');
    create trigger activities_audit after insert or update or delete on activities
      for each row execute function baton_audit('id', '');
    create trigger invitations_audit after insert or update or delete on invitations
      for each row execute function baton_audit('id', 'token_hash');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop function baton_audit() cascade;
    drop table audit_log, invitations, sessions;
    drop index leads_team_queue_idx;
    alter table leads drop column team_id;
    drop index users_email_lookup_idx;
    alter table users drop column password_changed_at, drop column password_hash;
  `,
  );
}
