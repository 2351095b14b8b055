import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import type { CustomFieldType } from './constants.ts';

type Entity = 'lead' | 'account' | 'deal';

export function listAllCustomFieldDefs(db: Executor, orgId: OrgId, entity?: Entity) {
  let query = db.selectFrom('custom_field_defs').selectAll().where('org_id', '=', orgId);
  if (entity) query = query.where('entity', '=', entity);
  return query.orderBy('entity').orderBy('key').execute();
}

export function findCustomFieldDef(db: Executor, orgId: OrgId, entity: Entity, key: string) {
  return db
    .selectFrom('custom_field_defs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst();
}

export function upsertCustomFieldDef(
  db: Executor,
  orgId: OrgId,
  def: { entity: Entity; key: string; label: string; type: CustomFieldType; options: string[] | null },
) {
  const options = def.options ? JSON.stringify(def.options) : null;
  return db
    .insertInto('custom_field_defs')
    .values({ org_id: orgId, ...def, options })
    .onConflict((oc) =>
      oc.columns(['org_id', 'entity', 'key']).doUpdateSet({ label: def.label, type: def.type, options }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
