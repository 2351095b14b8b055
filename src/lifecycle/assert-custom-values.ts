import type { Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { checkCustomValues } from './custom-fields.ts';
import type { CustomValues } from './lifecycle.tables.ts';
import { listCustomFieldDefs } from './settings.store.ts';

/** Refuses custom values that the org's field definitions do not allow, naming the field. */
export async function assertCustomValues(
  trx: Trx,
  ctx: CommandContext,
  values: CustomValues,
  entity: 'lead' | 'account' | 'deal' = 'lead',
): Promise<void> {
  const defs = await listCustomFieldDefs(trx, ctx.actor.orgId, entity);
  const problem = checkCustomValues(defs, values);
  if (problem) throw new AppError('validation_failed', `${problem.field}: ${problem.message}`, problem.field);
}
