import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

// The hand-off from marketing to sales (see docs/handoff.md): the shared MQL definition,
// routing, the two-way service-level agreement and what enforces it (SLA clocks, a jobs
// table, notifications), and marketing's monthly targets. Like every migration, history:
// lists are written out literally.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    -- One row per org: the agreement's clock settings and the round-robin position.
    create table handoff_settings (
      org_id uuid not null references orgs (org_id) on delete cascade,
      accept_sla_hours numeric(6, 2) not null default 8
        constraint handoff_settings_accept_check check (accept_sla_hours > 0),
      first_activity_sla_hours numeric(6, 2) not null default 8
        constraint handoff_settings_activity_check check (first_activity_sla_hours > 0),
      -- A WorkCalendar (src/handoff/work-calendar.ts): time zone, working intervals per ISO
      -- weekday, holidays.
      calendar jsonb not null,
      -- RoundRobinState (src/handoff/routing.ts), saved from each routing decision.
      routing_state jsonb not null default '{}',
      -- Off: captures and updates neither score nor qualify leads (MQLs are marked by hand),
      -- a lead moved to mql by hand is still routed and clocked.
      auto_qualify boolean not null default true,
      updated_at timestamptz not null default now(),
      constraint handoff_settings_pkey primary key (org_id)
    );

    -- The MQL definition is versioned: saving inserts a new version, and a lead that
    -- qualifies records the version in its stage event and on the lead.
    create table mql_definitions (
      org_id uuid not null references orgs (org_id) on delete cascade,
      version int not null,
      score_threshold int not null,
      required_fields text[] not null default '{}',
      conditions jsonb not null default '[]',
      scoring_rules jsonb not null default '[]',
      score_half_life_days int not null default 30
        constraint mql_definitions_half_life_check check (score_half_life_days > 0),
      created_by uuid,
      created_at timestamptz not null default now(),
      constraint mql_definitions_pkey primary key (org_id, version),
      constraint mql_definitions_created_by_fkey foreign key (org_id, created_by) references users (org_id, id)
    );
    alter table leads add column mql_version int;
    -- Routing counts each rep's open MQLs (capacity) on every decision: this keeps that count
    -- to the open MQLs instead of all of the org's leads in mql's stage index.
    create index leads_open_mql_owner_idx on leads (org_id, owner_id, id)
      where stage = 'mql' and merged_into_id is null and owner_id is not null;
    alter table lead_stage_events add column rule_version int;

    create table routing_rules (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      position int not null,
      kind text not null constraint routing_rules_kind_check
        check (kind in ('account_owner', 'territory', 'round_robin', 'fallback_queue')),
      name text not null,
      match jsonb not null default '{}',
      team_id uuid,
      created_at timestamptz not null default now(),
      constraint routing_rules_pkey primary key (org_id, id),
      constraint routing_rules_position_key unique (org_id, position),
      constraint routing_rules_team_fkey foreign key (org_id, team_id) references teams (org_id, id)
    );

    -- A rep's share of round-robin, capacity of open MQLs, and absence.
    create table routing_reps (
      org_id uuid not null references orgs (org_id) on delete cascade,
      user_id uuid not null,
      weight int not null default 1 constraint routing_reps_weight_check check (weight >= 0),
      capacity int constraint routing_reps_capacity_check check (capacity is null or capacity >= 0),
      out_of_office_until timestamptz,
      constraint routing_reps_pkey primary key (org_id, user_id),
      constraint routing_reps_user_fkey foreign key (org_id, user_id) references users (org_id, id)
    );

    -- Every routing decision, assigned or not, with the rule that fired and why.
    create table lead_assignments (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      lead_id uuid not null,
      user_id uuid,
      team_id uuid,
      rule_id uuid,
      rule_kind text,
      reason text not null constraint lead_assignments_reason_check check (reason in
        ('routed', 'reassigned_inactive', 'manual', 'all_at_capacity', 'no_available_rep', 'fallback_queue',
         'no_rule_matched')),
      explanation text not null,
      assigned_at timestamptz not null,
      actor_id uuid,
      constraint lead_assignments_pkey primary key (org_id, id),
      constraint lead_assignments_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id) on delete cascade,
      constraint lead_assignments_user_fkey foreign key (org_id, user_id) references users (org_id, id)
    );
    create index lead_assignments_lead_idx on lead_assignments (org_id, lead_id, assigned_at);

    -- One clock per obligation: 'accept' runs from assignment of an MQL to accept, reject or
    -- recycle; 'first_activity' from acceptance to the owner's first activity on the lead.
    create table sla_clocks (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      lead_id uuid not null,
      kind text not null constraint sla_clocks_kind_check check (kind in ('accept', 'first_activity')),
      owner_id uuid,
      team_id uuid,
      sla_hours numeric(6, 2) not null,
      started_at timestamptz not null,
      due_at timestamptz not null,
      stopped_at timestamptz,
      outcome text constraint sla_clocks_outcome_check check (outcome in
        ('accepted', 'rejected', 'recycled', 'activity', 'reassigned', 'closed')),
      -- Business minutes from start to stop, fixed when the clock stops.
      business_minutes int,
      warned_at timestamptz,
      breached_at timestamptz,
      escalated_to uuid,
      constraint sla_clocks_pkey primary key (org_id, id),
      constraint sla_clocks_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id) on delete cascade,
      constraint sla_clocks_owner_fkey foreign key (org_id, owner_id) references users (org_id, id),
      constraint sla_clocks_stop_check check ((stopped_at is null) = (outcome is null))
    );
    create unique index sla_clocks_running_key on sla_clocks (org_id, lead_id, kind) where stopped_at is null;
    create index sla_clocks_owner_idx on sla_clocks (org_id, owner_id, due_at) where stopped_at is null;
    create index sla_clocks_started_idx on sla_clocks (org_id, started_at);

    -- Background work. The worker claims due jobs of every org with FOR UPDATE SKIP LOCKED;
    -- each job then runs inside its own org. dedupe_key makes scheduling idempotent.
    create table jobs (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      kind text not null,
      run_at timestamptz not null,
      payload jsonb not null default '{}',
      dedupe_key text,
      attempts int not null default 0,
      locked_until timestamptz,
      last_error text,
      done_at timestamptz,
      created_at timestamptz not null default now(),
      constraint jobs_pkey primary key (org_id, id)
    );
    create unique index jobs_dedupe_key on jobs (org_id, kind, dedupe_key) where dedupe_key is not null;
    create index jobs_due_idx on jobs (run_at) where done_at is null;

    create table notifications (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      user_id uuid not null,
      kind text not null constraint notifications_kind_check check (kind in
        ('lead_assigned', 'sla_due_soon', 'sla_breached', 'sla_escalated', 'lead_rejected', 'lead_recycled')),
      lead_id uuid,
      title text not null,
      body text not null,
      dedupe_key text,
      created_at timestamptz not null,
      read_at timestamptz,
      emailed_at timestamptz,
      constraint notifications_pkey primary key (org_id, id),
      constraint notifications_user_fkey foreign key (org_id, user_id) references users (org_id, id),
      constraint notifications_lead_fkey foreign key (org_id, lead_id) references leads (org_id, id) on delete cascade
    );
    create unique index notifications_dedupe_key on notifications (org_id, user_id, dedupe_key)
      where dedupe_key is not null;
    create index notifications_user_idx on notifications (org_id, user_id, created_at, id);

    -- Marketing's side: MQLs per month per segment ('all', or a source channel), and the
    -- share of them sales should accept.
    create table marketing_targets (
      org_id uuid not null references orgs (org_id) on delete cascade,
      month date not null constraint marketing_targets_month_check check (extract(day from month) = 1),
      segment text not null,
      mql_target int not null constraint marketing_targets_mql_check check (mql_target >= 0),
      accept_rate_target numeric(5, 4)
        constraint marketing_targets_rate_check check (accept_rate_target between 0 and 1),
      constraint marketing_targets_pkey primary key (org_id, month, segment)
    );

    -- The points score is derived (recomputed on every capture and update, explained by
    -- GET /leads/:id/score), so a change of score alone is not an audited change of the lead.
    drop trigger leads_audit on leads;
    create trigger leads_audit after insert or update or delete on leads
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', 'updated_at,score');

    create trigger handoff_settings_audit after insert or update or delete on handoff_settings
      for each row execute function baton_audit('org_id', 'routing_state,updated_at');
    create trigger mql_definitions_audit after insert or update or delete on mql_definitions
      for each row execute function baton_audit('version', '');
    create trigger routing_rules_audit after insert or update or delete on routing_rules
      for each row execute function baton_audit('id', '');
    create trigger routing_reps_audit after insert or update or delete on routing_reps
      for each row execute function baton_audit('user_id', '');
    create trigger marketing_targets_audit after insert or update or delete on marketing_targets
      for each row execute function baton_audit('month,segment', '');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger leads_audit on leads;
    create trigger leads_audit after insert or update or delete on leads
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', 'updated_at');
    drop table marketing_targets;
    drop table notifications;
    drop table jobs;
    drop table sla_clocks;
    drop table lead_assignments;
    drop table routing_reps;
    drop table routing_rules;
    alter table lead_stage_events drop column rule_version;
    drop index leads_open_mql_owner_idx;
    alter table leads drop column mql_version;
    drop table mql_definitions;
    drop table handoff_settings;
  `,
  );
}
