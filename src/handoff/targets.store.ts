import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';

// SQL of marketing's monthly targets. `month` is the first day of the month ('YYYY-MM-01').

export function findOrgTimeZone(db: Executor, orgId: OrgId) {
  return db.selectFrom('orgs').select('time_zone').where('org_id', '=', orgId).executeTakeFirstOrThrow();
}

export function listTargetRows(db: Executor, orgId: OrgId, monthStart: string) {
  return db
    .selectFrom('marketing_targets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('month', '=', monthStart)
    .orderBy('segment')
    .execute();
}

export function upsertTargetRow(
  db: Executor,
  orgId: OrgId,
  row: { month: string; segment: string; mql_target: number; accept_rate_target: number | null },
) {
  return db
    .insertInto('marketing_targets')
    .values({ ...row, org_id: orgId })
    .onConflict((oc) =>
      oc.constraint('marketing_targets_pkey').doUpdateSet((eb) => ({
        mql_target: eb.ref('excluded.mql_target'),
        accept_rate_target: eb.ref('excluded.accept_rate_target'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
