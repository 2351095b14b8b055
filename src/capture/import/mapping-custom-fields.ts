import type { Executor } from '../../db/database.ts';
import { getCustomFields } from '../../lifecycle/settings-queries.ts';
import { AppError } from '../../shared/app-error.ts';
import type { OrgId } from '../../shared/ids.ts';
import type { MappingPlan } from './import-entities.ts';
import { CUSTOM_FIELD_ENTITY, type CustomFieldEntity, type ImportEntity } from './mapping.ts';

export interface DefinedCustomField {
  readonly key: string;
  readonly type: string;
}

const ENTITY_OF: Partial<Record<ImportEntity, CustomFieldEntity>> = CUSTOM_FIELD_ENTITY;

// The import driver stops at a mapping that fills a custom field the organisation lacks and
// nobody declared (import-custom-fields.ts). Checked here before anything starts, so the
// caller gets a 400 naming the field rather than a failed run. Answers the organisation's
// custom fields of the entity, which a mapping may fill.
export async function checkCustomFields(
  db: Executor,
  orgId: OrgId,
  entity: ImportEntity,
  plan: MappingPlan,
): Promise<DefinedCustomField[]> {
  const customEntity = ENTITY_OF[entity];
  if (!customEntity) return [];
  const defined = (await getCustomFields(db, orgId, customEntity)).items.map((d) => ({ key: d.key, type: d.type }));
  const known = new Set(defined.map((d) => d.key));
  for (const field of plan.resolved.columns.keys()) {
    const key = field.startsWith('custom.') ? field.slice('custom.'.length) : null;
    if (key === null || known.has(key) || plan.resolved.declaredCustom[key] !== undefined) continue;
    throw new AppError(
      'validation_failed',
      `mapping.${field}: ${customEntity} has no custom field ${key}; define it in Settings, or give its type ` +
        `in customFields (text, number, boolean or date) and the import defines it`,
      `mapping.${field}`,
    );
  }
  return defined;
}
