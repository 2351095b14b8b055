import type { CustomFieldType } from './constants.ts';
import type { CustomValues } from './lifecycle.tables.ts';

export interface CustomFieldDef {
  readonly key: string;
  readonly type: CustomFieldType;
  readonly options: readonly string[] | null;
}

export type CustomFieldProblem = { readonly field: string; readonly message: string };

// Custom values are typed by the org's field definitions: an unknown key or a value of the
// wrong type is refused and named, rather than stored as noise nobody can report on.
export function checkCustomValues(defs: readonly CustomFieldDef[], values: CustomValues): CustomFieldProblem | null {
  for (const [key, value] of Object.entries(values)) {
    const field = `custom.${key}`;
    const def = defs.find((d) => d.key === key);
    if (!def) {
      const known = defs.map((d) => d.key).join(', ') || 'none are defined';
      return { field, message: `${key} is not a custom field of this organisation (known: ${known})` };
    }
    if (value === null) continue;
    switch (def.type) {
      case 'text':
        if (typeof value !== 'string') return { field, message: 'must be text' };
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return { field, message: 'must be a number' };
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return { field, message: 'must be true or false' };
        break;
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
          return { field, message: 'must be a date as YYYY-MM-DD' };
        }
        break;
      case 'select':
        if (typeof value !== 'string' || !(def.options ?? []).includes(value)) {
          return { field, message: `must be one of ${(def.options ?? []).join(', ')}` };
        }
        break;
    }
  }
  return null;
}
