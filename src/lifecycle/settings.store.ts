import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import type { DealStageDef, ReasonKind } from './constants.ts';

export function listReasonCodes(db: Executor, orgId: OrgId, kind?: ReasonKind) {
  let query = db.selectFrom('reason_codes').selectAll().where('org_id', '=', orgId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('kind').orderBy('position').orderBy('code').execute();
}

export async function activeReasonCodes(db: Executor, orgId: OrgId, kind: ReasonKind): Promise<string[]> {
  const rows = await db
    .selectFrom('reason_codes')
    .select('code')
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('active', '=', true)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.code);
}

export async function upsertReasonCode(
  db: Executor,
  orgId: OrgId,
  code: { kind: ReasonKind; code: string; label: string; active: boolean; position: number },
): Promise<void> {
  await db
    .insertInto('reason_codes')
    .values({ org_id: orgId, ...code })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'kind', 'code'])
        .doUpdateSet({ label: code.label, active: code.active, position: code.position }),
    )
    .execute();
}

export async function listDealStages(db: Executor, orgId: OrgId): Promise<DealStageDef[]> {
  return db
    .selectFrom('deal_stages')
    .select(['key', 'label', 'kind', 'probability'])
    .where('org_id', '=', orgId)
    .orderBy('position')
    .execute();
}

export async function replaceDealStages(db: Executor, orgId: OrgId, stages: readonly DealStageDef[]): Promise<void> {
  const keys = stages.map((s) => s.key);
  await db.deleteFrom('deal_stages').where('org_id', '=', orgId).where('key', 'not in', keys).execute();
  await db
    .insertInto('deal_stages')
    .values(stages.map((s, position) => ({ org_id: orgId, ...s, position })))
    .onConflict((oc) =>
      oc.columns(['org_id', 'key']).doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        kind: eb.ref('excluded.kind'),
        position: eb.ref('excluded.position'),
        probability: eb.ref('excluded.probability'),
      })),
    )
    .execute();
}

export function countDealsInStages(db: Executor, orgId: OrgId, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deals')
    .select(['stage', db.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('stage', 'in', keys)
    .groupBy('stage')
    .execute();
}

export function listCustomFieldDefs(db: Executor, orgId: OrgId, entity: 'lead' | 'account' | 'deal') {
  return db
    .selectFrom('custom_field_defs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .orderBy('key')
    .execute();
}
