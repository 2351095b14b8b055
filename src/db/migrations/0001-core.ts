import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

// The core schema. Every table leads its primary key with org_id so the schema can be
// distributed by tenant (Citus) without changing a query. Check lists are written out
// literally: a migration is history and must not change when a constant does later.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table orgs (
      org_id uuid primary key,
      name text not null,
      slug text not null constraint orgs_slug_key unique,
      time_zone text not null default 'UTC',
      currency char(3) not null default 'USD',
      created_at timestamptz not null default now()
    );

    create table teams (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      name text not null,
      manager_id uuid,
      created_at timestamptz not null default now(),
      constraint teams_pkey primary key (org_id, id),
      constraint teams_name_key unique (org_id, name)
    );

    create table users (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      name text not null,
      email text not null,
      role text not null constraint users_role_check
        check (role in ('admin', 'marketing', 'sales_manager', 'sales_rep')),
      team_id uuid,
      active boolean not null default true,
      is_machine boolean not null default false,
      created_at timestamptz not null default now(),
      constraint users_pkey primary key (org_id, id),
      constraint users_team_fkey foreign key (org_id, team_id) references teams (org_id, id)
    );
    create unique index users_email_key on users (org_id, lower(email));
    alter table teams add constraint teams_manager_fkey
      foreign key (org_id, manager_id) references users (org_id, id);

    create table api_keys (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      user_id uuid not null,
      name text not null,
      prefix text not null,
      secret_hash text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      constraint api_keys_pkey primary key (org_id, id),
      constraint api_keys_user_fkey foreign key (org_id, user_id) references users (org_id, id)
    );
    -- Authentication looks a key up by its hash before the org is known.
    create unique index api_keys_secret_hash_key on api_keys (secret_hash);

    create table reason_codes (
      org_id uuid not null references orgs (org_id) on delete cascade,
      kind text not null constraint reason_codes_kind_check check (kind in ('reject', 'recycle', 'loss', 'win')),
      code text not null constraint reason_codes_code_check check (code ~ '^[a-z][a-z0-9_]{0,62}$'),
      label text not null,
      active boolean not null default true,
      position int not null default 0,
      constraint reason_codes_pkey primary key (org_id, kind, code)
    );

    create table deal_stages (
      org_id uuid not null references orgs (org_id) on delete cascade,
      key text not null constraint deal_stages_key_check check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      label text not null,
      kind text not null constraint deal_stages_kind_check check (kind in ('open', 'won', 'lost')),
      position int not null,
      probability int not null constraint deal_stages_probability_check check (probability between 0 and 100),
      constraint deal_stages_pkey primary key (org_id, key)
    );

    create table custom_field_defs (
      org_id uuid not null references orgs (org_id) on delete cascade,
      entity text not null constraint custom_field_defs_entity_check check (entity in ('lead', 'account', 'deal')),
      key text not null constraint custom_field_defs_key_check check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      label text not null,
      type text not null constraint custom_field_defs_type_check
        check (type in ('text', 'number', 'boolean', 'date', 'select')),
      options jsonb,
      constraint custom_field_defs_pkey primary key (org_id, entity, key)
    );

    create table accounts (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      name text not null,
      domain text,
      industry text,
      employee_count int constraint accounts_employee_count_check check (employee_count >= 0),
      country text,
      owner_id uuid,
      external_id text,
      custom jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint accounts_pkey primary key (org_id, id),
      constraint accounts_owner_fkey foreign key (org_id, owner_id) references users (org_id, id)
    );
    create unique index accounts_external_id_key on accounts (org_id, external_id) where external_id is not null;
    create unique index accounts_domain_key on accounts (org_id, domain) where domain is not null;

    create table campaigns (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      name text not null,
      channel text not null,
      utm_campaign text,
      starts_on date,
      ends_on date,
      budget_minor bigint constraint campaigns_budget_check check (budget_minor >= 0),
      currency char(3) not null,
      parent_id uuid,
      external_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint campaigns_pkey primary key (org_id, id),
      constraint campaigns_parent_fkey foreign key (org_id, parent_id) references campaigns (org_id, id),
      constraint campaigns_dates_check check (ends_on is null or starts_on is null or ends_on >= starts_on)
    );
    create unique index campaigns_utm_campaign_key on campaigns (org_id, lower(utm_campaign)) where utm_campaign is not null;
    create unique index campaigns_external_id_key on campaigns (org_id, external_id) where external_id is not null;

    create table campaign_spend (
      org_id uuid not null,
      campaign_id uuid not null,
      day date not null,
      amount_minor bigint not null constraint campaign_spend_amount_check check (amount_minor >= 0),
      currency char(3) not null,
      constraint campaign_spend_pkey primary key (org_id, campaign_id, day),
      constraint campaign_spend_campaign_fkey foreign key (org_id, campaign_id)
        references campaigns (org_id, id) on delete cascade
    );

    create table leads (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      first_name text,
      last_name text,
      email text,
      email_normalized text,
      phone text,
      title text,
      company_name text,
      account_id uuid,
      owner_id uuid,
      stage text not null constraint leads_stage_check check (stage in
        ('inquiry', 'mql', 'sal', 'sql', 'opportunity', 'won', 'disqualified', 'recycled', 'lost')),
      stage_changed_at timestamptz not null,
      source_channel text,
      first_campaign_id uuid,
      score int not null default 0,
      external_id text,
      custom jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint leads_pkey primary key (org_id, id),
      constraint leads_account_fkey foreign key (org_id, account_id) references accounts (org_id, id),
      constraint leads_owner_fkey foreign key (org_id, owner_id) references users (org_id, id),
      constraint leads_first_campaign_fkey foreign key (org_id, first_campaign_id) references campaigns (org_id, id)
    );
    create unique index leads_external_id_key on leads (org_id, external_id) where external_id is not null;
    create index leads_email_idx on leads (org_id, email_normalized) where email_normalized is not null;
    create index leads_created_idx on leads (org_id, created_at, id);
    create index leads_stage_created_idx on leads (org_id, stage, created_at, id);
    create index leads_owner_created_idx on leads (org_id, owner_id, created_at, id);
    create index leads_account_idx on leads (org_id, account_id) where account_id is not null;

    create table touchpoints (
      org_id uuid not null,
      id uuid not null,
      lead_id uuid not null,
      type text not null,
      occurred_at timestamptz not null,
      campaign_id uuid,
      channel text,
      utm_source text,
      utm_medium text,
      utm_campaign text,
      utm_term text,
      utm_content text,
      url text,
      referrer text,
      created_at timestamptz not null default now(),
      constraint touchpoints_pkey primary key (org_id, id),
      constraint touchpoints_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id) on delete cascade,
      constraint touchpoints_campaign_fkey foreign key (org_id, campaign_id) references campaigns (org_id, id)
    );
    create index touchpoints_lead_idx on touchpoints (org_id, lead_id, occurred_at);
    create index touchpoints_campaign_idx on touchpoints (org_id, campaign_id, occurred_at) where campaign_id is not null;

    create table lead_stage_events (
      org_id uuid not null,
      id uuid not null,
      lead_id uuid not null,
      from_stage text,
      to_stage text not null,
      occurred_at timestamptz not null,
      actor_id uuid,
      reason_code text,
      note text,
      constraint lead_stage_events_pkey primary key (org_id, id),
      constraint lead_stage_events_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id) on delete cascade,
      constraint lead_stage_events_actor_fkey foreign key (org_id, actor_id) references users (org_id, id)
    );
    create index lead_stage_events_lead_idx on lead_stage_events (org_id, lead_id, occurred_at, id);
    create index lead_stage_events_to_idx on lead_stage_events (org_id, to_stage, occurred_at);

    create table deals (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      name text not null,
      account_id uuid,
      lead_id uuid,
      owner_id uuid,
      amount_minor bigint not null default 0 constraint deals_amount_check check (amount_minor >= 0),
      currency char(3) not null,
      stage text not null,
      stage_changed_at timestamptz not null,
      expected_close_on date,
      closed_at timestamptz,
      outcome text constraint deals_outcome_check check (outcome in ('won', 'lost')),
      reason_code text,
      competitor text,
      external_id text,
      custom jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint deals_pkey primary key (org_id, id),
      constraint deals_account_fkey foreign key (org_id, account_id) references accounts (org_id, id),
      constraint deals_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id),
      constraint deals_owner_fkey foreign key (org_id, owner_id) references users (org_id, id),
      constraint deals_stage_fkey foreign key (org_id, stage) references deal_stages (org_id, key),
      constraint deals_closed_check check ((outcome is null) = (closed_at is null))
    );
    create unique index deals_external_id_key on deals (org_id, external_id) where external_id is not null;
    create index deals_stage_idx on deals (org_id, stage, created_at, id);
    create index deals_owner_idx on deals (org_id, owner_id, created_at, id);
    create index deals_lead_idx on deals (org_id, lead_id) where lead_id is not null;
    create index deals_account_idx on deals (org_id, account_id) where account_id is not null;

    create table deal_stage_events (
      org_id uuid not null,
      id uuid not null,
      deal_id uuid not null,
      from_stage text,
      to_stage text not null,
      occurred_at timestamptz not null,
      actor_id uuid,
      reason_code text,
      note text,
      constraint deal_stage_events_pkey primary key (org_id, id),
      constraint deal_stage_events_deal_fkey foreign key (org_id, deal_id) references deals (org_id, id) on delete cascade,
      constraint deal_stage_events_actor_fkey foreign key (org_id, actor_id) references users (org_id, id)
    );
    create index deal_stage_events_deal_idx on deal_stage_events (org_id, deal_id, occurred_at, id);

    create table activities (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      type text not null constraint activities_type_check check (type in ('call', 'email', 'meeting', 'note', 'task')),
      occurred_at timestamptz not null,
      subject text,
      body text,
      direction text constraint activities_direction_check check (direction in ('inbound', 'outbound')),
      origin text not null constraint activities_origin_check
        check (origin in ('manual', 'api', 'email', 'calendar', 'import')),
      user_id uuid,
      lead_id uuid,
      deal_id uuid,
      account_id uuid,
      due_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      constraint activities_pkey primary key (org_id, id),
      constraint activities_user_fkey foreign key (org_id, user_id) references users (org_id, id),
      constraint activities_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id) on delete cascade,
      constraint activities_deal_fkey foreign key (org_id, deal_id) references deals (org_id, id) on delete cascade,
      constraint activities_account_fkey foreign key (org_id, account_id) references accounts (org_id, id),
      constraint activities_subject_check check (lead_id is not null or deal_id is not null or account_id is not null)
    );
    create index activities_lead_idx on activities (org_id, lead_id, occurred_at) where lead_id is not null;
    create index activities_deal_idx on activities (org_id, deal_id, occurred_at) where deal_id is not null;
    create index activities_account_idx on activities (org_id, account_id, occurred_at) where account_id is not null;
    create index activities_user_idx on activities (org_id, user_id, occurred_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table activities, deal_stage_events, deals, lead_stage_events, touchpoints, leads,
      campaign_spend, campaigns, accounts, custom_field_defs, deal_stages, reason_codes,
      api_keys, users, teams, orgs cascade
  `.execute(db);
}
