import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

// Capture: lead identity for duplicate detection (normalised phone, country), per-org
// channel overrides, idempotency keys for the ingest API, and web forms. Like 0001, this is
// history: lists are written out literally.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table leads add column phone_normalized text;
    alter table leads add column country text;
    create index leads_phone_idx on leads (org_id, phone_normalized) where phone_normalized is not null;

    -- Checked in order before GA4's default channel rules; the first match wins.
    create table channel_overrides (
      org_id uuid not null references orgs (org_id) on delete cascade,
      position int not null,
      source text,
      medium text,
      campaign_pattern text,
      channel text not null constraint channel_overrides_channel_check check (channel in (
        'organic_search', 'paid_search', 'paid_social', 'organic_social', 'email', 'referral', 'display',
        'affiliates', 'direct', 'cross_network', 'paid_shopping', 'paid_video', 'paid_other',
        'organic_shopping', 'organic_video', 'audio', 'sms', 'mobile_push_notifications', 'unassigned',
        'events', 'partner', 'outbound', 'other')),
      constraint channel_overrides_pkey primary key (org_id, position),
      constraint channel_overrides_criteria_check
        check (source is not null or medium is not null or campaign_pattern is not null)
    );

    -- The first answer to a request sent with an Idempotency-Key header. Rows older than
    -- 24 hours may be purged (purgeIdempotencyKeys); a key reused after that runs again.
    create table idempotency_keys (
      org_id uuid not null references orgs (org_id) on delete cascade,
      key text not null,
      request_hash text not null,
      status int,
      response jsonb,
      created_at timestamptz not null,
      constraint idempotency_keys_pkey primary key (org_id, key)
    );
    create index idempotency_keys_created_idx on idempotency_keys (created_at);

    create table forms (
      org_id uuid not null references orgs (org_id) on delete cascade,
      id uuid not null,
      key text not null,
      name text not null,
      fields jsonb not null,
      campaign_id uuid,
      redirect_url text,
      honeypot_field text,
      active boolean not null default true,
      actor_id uuid not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint forms_pkey primary key (org_id, id),
      constraint forms_campaign_fkey foreign key (org_id, campaign_id)
        references campaigns (org_id, id) on delete set null (campaign_id),
      constraint forms_actor_fkey foreign key (org_id, actor_id) references users (org_id, id)
    );
    -- A public submission names only the key, before the organisation is known.
    create unique index forms_key_key on forms (key);
    create index forms_created_idx on forms (org_id, created_at, id);

    create trigger channel_overrides_audit after insert or update or delete on channel_overrides
      for each row execute function baton_audit('position', '');
    create trigger forms_audit after insert or update or delete on forms
      for each row execute function baton_audit('id', 'updated_at');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table forms, idempotency_keys, channel_overrides`.execute(db);
  await executeScript(
    db,
    `
    drop index leads_phone_idx;
    alter table leads drop column country, drop column phone_normalized;
  `,
  );
}
