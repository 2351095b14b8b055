import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

// The audit trigger of the tables that bulk imports write, now fired only while the audit log
// is on. baton_audit (0002, 0005) returns at once when a transaction has set baton.audit to
// off, yet PostgreSQL still queued an event and called the PL/pgSQL function for every row
// written. A WHEN condition is checked as the row is written, so with the log off nothing is
// queued. It reads the same transaction-local setting as the function; with the log on, the
// same function records the same rows. Like 0001, this is history: written out literally.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger leads_audit on leads;
    create trigger leads_audit after insert or update or delete on leads
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', 'updated_at');
    drop trigger lead_stage_events_audit on lead_stage_events;
    create trigger lead_stage_events_audit after insert or update or delete on lead_stage_events
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', '');
    drop trigger touchpoints_audit on touchpoints;
    create trigger touchpoints_audit after insert or update or delete on touchpoints
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', '');
    drop trigger accounts_audit on accounts;
    create trigger accounts_audit after insert or update or delete on accounts
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', 'updated_at');
    drop trigger deals_audit on deals;
    create trigger deals_audit after insert or update or delete on deals
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', 'updated_at');
    drop trigger deal_stage_events_audit on deal_stage_events;
    create trigger deal_stage_events_audit after insert or update or delete on deal_stage_events
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', '');
    drop trigger activities_audit on activities;
    create trigger activities_audit after insert or update or delete on activities
      for each row when (current_setting('baton.audit', true) is distinct from 'off')
      execute function baton_audit('id', '');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger leads_audit on leads;
    create trigger leads_audit after insert or update or delete on leads
      for each row execute function baton_audit('id', 'updated_at');
    drop trigger lead_stage_events_audit on lead_stage_events;
    create trigger lead_stage_events_audit after insert or update or delete on lead_stage_events
      for each row execute function baton_audit('id', '');
    drop trigger touchpoints_audit on touchpoints;
    create trigger touchpoints_audit after insert or update or delete on touchpoints
      for each row execute function baton_audit('id', '');
    drop trigger accounts_audit on accounts;
    create trigger accounts_audit after insert or update or delete on accounts
      for each row execute function baton_audit('id', 'updated_at');
    drop trigger deals_audit on deals;
    create trigger deals_audit after insert or update or delete on deals
      for each row execute function baton_audit('id', 'updated_at');
    drop trigger deal_stage_events_audit on deal_stage_events;
    create trigger deal_stage_events_audit after insert or update or delete on deal_stage_events
      for each row execute function baton_audit('id', '');
    drop trigger activities_audit on activities;
    create trigger activities_audit after insert or update or delete on activities
      for each row execute function baton_audit('id', '');
  `,
  );
}
