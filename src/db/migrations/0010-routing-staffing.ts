import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

// Routing reads the org's rules and reps in the statement that moves a lead into mql and
// locks the routing row (handoff_settings), so its snapshot may predate the lock. The one
// change it must not miss is a person leaving sales (deactivated, or given another role),
// whose open MQLs are re-routed under the same lock: that bumps staffing_version, and a
// routing that finds the locked row's version ahead of what its snapshot saw reads again
// (src/handoff/route-mql.ts). Like the round-robin state, the counter is not audited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table handoff_settings add column staffing_version bigint not null default 0;
    drop trigger handoff_settings_audit on handoff_settings;
    create trigger handoff_settings_audit after insert or update or delete on handoff_settings
      for each row execute function baton_audit('org_id', 'routing_state,updated_at,staffing_version');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger handoff_settings_audit on handoff_settings;
    create trigger handoff_settings_audit after insert or update or delete on handoff_settings
      for each row execute function baton_audit('org_id', 'routing_state,updated_at');
    alter table handoff_settings drop column staffing_version;
  `,
  );
}
