import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import type { ReasonKind } from './constants.ts';
import { listAllCustomFieldDefs } from './custom-fields.store.ts';
import type { CustomFieldDefsTable, ReasonCodesTable } from './lifecycle.tables.ts';
import type { CustomFieldDef, DealStageList, ReasonCodeView } from './settings.schema.ts';
import { listDealStages, listReasonCodes } from './settings.store.ts';

export async function getReasonCodes(
  db: Executor,
  orgId: OrgId,
  kind?: ReasonKind,
): Promise<{ items: ReasonCodeView[] }> {
  return { items: (await listReasonCodes(db, orgId, kind)).map(toReasonCode) };
}

export async function getDealStages(db: Executor, orgId: OrgId): Promise<DealStageList> {
  return { stages: await listDealStages(db, orgId) };
}

export async function getCustomFields(
  db: Executor,
  orgId: OrgId,
  entity?: CustomFieldDef['entity'],
): Promise<{ items: CustomFieldDef[] }> {
  return { items: (await listAllCustomFieldDefs(db, orgId, entity)).map(toCustomFieldDef) };
}

export function toReasonCode(row: Selectable<ReasonCodesTable>): ReasonCodeView {
  return { kind: row.kind, code: row.code, label: row.label, active: row.active, position: row.position };
}

export function toCustomFieldDef(row: Selectable<CustomFieldDefsTable>): CustomFieldDef {
  return { entity: row.entity, key: row.key, label: row.label, type: row.type, options: row.options };
}
