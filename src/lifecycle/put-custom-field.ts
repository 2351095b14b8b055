import type { Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { findCustomFieldDef, upsertCustomFieldDef } from './custom-fields.store.ts';
import type { CustomFieldDef, CustomFieldParams, CustomFieldPut } from './settings.schema.ts';
import { toCustomFieldDef } from './settings-queries.ts';

// Creates or changes one custom field definition. Its type is fixed once created: values
// already stored were checked against that type, and reports rely on it.
export async function putCustomField(
  trx: Trx,
  ctx: CommandContext,
  key: CustomFieldParams,
  input: CustomFieldPut,
): Promise<CustomFieldDef> {
  const { orgId } = ctx.actor;
  const options = input.options ?? null;
  if (input.type === 'select' && !options) {
    throw new AppError('validation_failed', 'options: a select field needs its list of options', 'options');
  }
  if (input.type !== 'select' && options) {
    throw new AppError(
      'validation_failed',
      `options: only a select field has options, not a ${input.type} field`,
      'options',
    );
  }
  if (options && new Set(options).size !== options.length) {
    throw new AppError('validation_failed', 'options: each option must be listed once', 'options');
  }
  const current = await findCustomFieldDef(trx, orgId, key.entity, key.key);
  if (current && current.type !== input.type) {
    throw new AppError(
      'conflict',
      `type: ${key.entity} field ${key.key} is a ${current.type} field and its type cannot change; add a new field instead`,
      'type',
    );
  }
  const row = await upsertCustomFieldDef(trx, orgId, { ...key, label: input.label, type: input.type, options });
  return toCustomFieldDef(row);
}
