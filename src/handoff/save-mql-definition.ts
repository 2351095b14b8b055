import type { Executor, Trx } from '../db/database.ts';
import { getCustomFields } from '../lifecycle/settings-queries.ts';
import { invalid } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { OrgId } from '../shared/ids.ts';
import type { MqlDefinition, MqlDefinitionInput } from './mql.schema.ts';
import { insertNextMqlDefinition } from './mql.store.ts';
import { currentMqlDefinition, fromRow, toMqlDefinitionView } from './mql-current.ts';
import type { MqlRules } from './mql-definition.ts';

// Saving never changes a version: it adds the next one, so every MQL event keeps pointing
// at the definition it qualified under. The default (version 1) is written first when the
// org never had a definition, so the first save is version 2.
export async function saveMqlDefinition(
  trx: Trx,
  ctx: CommandContext,
  input: MqlDefinitionInput,
): Promise<MqlDefinition> {
  await assertDefinitionReferences(trx, ctx.actor.orgId, input);
  await currentMqlDefinition(trx, ctx);
  const row = await insertNextMqlDefinition(trx, ctx.actor.orgId, input, ctx.actor.userId, ctx.now);
  return toMqlDefinitionView(fromRow(row));
}

// What the schema cannot know: custom fields must be the org's lead custom fields, and a
// field is required once. Errors name the definition's own path ("conditions.2.key").
export async function assertDefinitionReferences(db: Executor, orgId: OrgId, input: MqlRules): Promise<void> {
  const keys = new Set((await getCustomFields(db, orgId, 'lead')).items.map((f) => f.key));
  const known = [...keys].join(', ') || 'none are defined';
  const check = (key: string, field: string) => {
    if (!keys.has(key))
      throw invalid(field, `${key} is not a lead custom field of this organisation (known: ${known})`);
  };
  const customKey = (path: string) => (path.startsWith('custom.') ? path.slice('custom.'.length) : null);
  input.requiredFields.forEach((field, i) => {
    if (input.requiredFields.indexOf(field) !== i) throw invalid(`requiredFields.${i}`, `${field} is listed twice`);
    const key = customKey(field);
    if (key !== null) check(key, `requiredFields.${i}`);
  });
  input.scoringRules.forEach((rule, i) => {
    const key = rule.kind === 'field' ? customKey(rule.field) : null;
    if (key !== null) check(key, `scoringRules.${i}.field`);
  });
  input.conditions.forEach((condition, i) => {
    if (condition.kind === 'custom') check(condition.key, `conditions.${i}.key`);
  });
}
