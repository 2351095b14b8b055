import type { Executor, Trx } from '../../db/database.ts';
import type { CustomFieldDef } from '../../lifecycle/custom-fields.ts';
import type { CommandContext } from '../../shared/context.ts';
import type { BatchInput, ImportResult } from './import-result.ts';
import type { CustomFieldEntity, DeclarableCustomType, ResolvedMapping } from './mapping.ts';
import { insertCustomFieldDefs, listCustomFieldDefRows } from './related.store.ts';

/** An importer as the import driver (run-import.ts) runs it: prepare without the database, apply in a transaction. */
export interface BatchImporter {
  prepare(ctx: CommandContext, input: BatchInput): unknown;
  apply(trx: Trx, ctx: CommandContext, prepared: unknown): Promise<ImportResult>;
}

interface Declared {
  readonly key: string;
  readonly type: DeclarableCustomType;
}

// Custom values are checked against the organisation's field definitions, as the API checks
// them (lifecycle/custom-fields.ts), so the rows' values are typed by what the field is, and
// a mapping that fills a field the organisation does not have stops before any row is
// written. A mapping may declare the fields it fills (the presets do): those the
// organisation lacks are defined by the import, with the declared type, in its first batch.
export async function checkingCustomFields(
  db: Executor,
  ctx: CommandContext,
  entity: CustomFieldEntity,
  importer: BatchImporter,
): Promise<BatchImporter> {
  const known = new Map<string, CustomFieldDef>(
    (await listCustomFieldDefRows(db, ctx.actor.orgId, entity)).map((d) => [d.key, d]),
  );
  return {
    prepare: async (c, input) => {
      const { mapping, declared } = withDefinitions(input.mapping, known, entity);
      return { declared, inner: await importer.prepare(c, { ...input, mapping }) };
    },
    apply: async (trx, c, prepared) => {
      const { declared, inner } = prepared as { declared: readonly Declared[]; inner: unknown };
      await insertCustomFieldDefs(
        trx,
        c.actor.orgId,
        entity,
        declared.map((d) => ({ ...d, label: labelOf(d.key) })),
      );
      return importer.apply(trx, c, inner);
    },
  };
}

/** The mapping with the definitions its custom fields are checked against, and the declared ones to create. */
export function withDefinitions(
  mapping: ResolvedMapping,
  known: ReadonlyMap<string, CustomFieldDef>,
  entity: CustomFieldEntity,
): { mapping: ResolvedMapping; declared: Declared[] } {
  const defs = new Map(known);
  const declared: Declared[] = [];
  const unknown: string[] = [];
  for (const field of mapping.columns.keys()) {
    if (!field.startsWith('custom.')) continue;
    const key = field.slice('custom.'.length);
    if (defs.has(key)) continue;
    const type = mapping.declaredCustom[key];
    if (type === undefined) {
      unknown.push(key);
      continue;
    }
    defs.set(key, { key, type, options: null });
    declared.push({ key, type });
  }
  if (unknown.length > 0) {
    const names = [...known.keys()].join(', ') || 'none are defined';
    throw new Error(
      `mapping: ${unknown.map((k) => `custom.${k}`).join(', ')}: not a custom ${entity} field of this organisation ` +
        `(known: ${names}); define it first (PUT /api/v1/custom-fields/${entity}/<key>) ` +
        'or declare its type under customFields in the mapping file',
    );
  }
  return { mapping: { ...mapping, customFields: defs }, declared };
}

function labelOf(key: string): string {
  const words = key.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
