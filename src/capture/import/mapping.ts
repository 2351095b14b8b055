import type { CustomFieldDef } from '../../lifecycle/custom-fields.ts';
import { detectPreset } from './presets.ts';

export const IMPORT_ENTITIES = [
  'leads',
  'accounts',
  'deals',
  'users',
  'activities',
  'touchpoints',
  'campaign-spend',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** Entities whose rows carry custom fields, and the entity their field definitions name. */
export const CUSTOM_FIELD_ENTITY = { leads: 'lead', accounts: 'account', deals: 'deal' } as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITY)[keyof typeof CUSTOM_FIELD_ENTITY];

/** Custom field types a mapping may declare; a select field needs its options, so it is defined first. */
export const DECLARABLE_CUSTOM_TYPES = ['text', 'number', 'boolean', 'date'] as const;
export type DeclarableCustomType = (typeof DECLARABLE_CUSTOM_TYPES)[number];

/** The Baton fields each entity reads; `custom.<name>` is accepted for leads, accounts and deals. */
export const ENTITY_FIELDS: Record<ImportEntity, readonly string[]> = {
  leads: [
    'external_id',
    'email',
    'first_name',
    'last_name',
    'full_name',
    'phone',
    'title',
    'company',
    'country',
    'stage',
    'created_at',
    'touch_type',
    'occurred_at',
    'url',
    'referrer',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_term',
    'utm_content',
  ],
  accounts: ['external_id', 'name', 'domain', 'industry', 'employee_count', 'country', 'owner'],
  deals: [
    'external_id',
    'name',
    'account',
    'lead',
    'owner',
    'stage',
    'amount',
    'currency',
    'created_at',
    'closed_at',
    'expected_close_on',
    'outcome',
    'competitor',
  ],
  users: ['name', 'email', 'role', 'team', 'manager'],
  activities: [
    'external_id',
    'type',
    'subject',
    'body',
    'direction',
    'occurred_at',
    'due_at',
    'completed_at',
    'completed',
    'user',
    'lead',
    'deal',
    'account',
  ],
  touchpoints: [
    'lead',
    'type',
    'occurred_at',
    'url',
    'referrer',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_term',
    'utm_content',
  ],
  'campaign-spend': ['campaign', 'date', 'amount', 'currency'],
};

export interface Mapping {
  /** Baton field → the column it is read from. */
  readonly fields: Readonly<Record<string, string>>;
  /** Per field, raw values replaced before parsing (a file's stage names, a misspelt product). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** For files without ids: the external id is this prefix and the row's line number. */
  readonly externalIdFromLine?: string;
  /** Custom fields the mapping fills, by key, defined with this type when the organisation has no such field. */
  readonly customFields?: Readonly<Record<string, DeclarableCustomType>>;
}

export interface ResolvedMapping {
  /** Baton field → column index. */
  readonly columns: ReadonlyMap<string, number>;
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly externalIdFromLine: string | null;
  readonly preset: string | null;
  /** The mapping's declared custom fields (see Mapping.customFields). */
  readonly declaredCustom: Readonly<Record<string, DeclarableCustomType>>;
  /**
   * The definitions custom values are checked against, by key; attached by the import driver
   * (import-custom-fields.ts). Null only where no driver loaded them.
   */
  readonly customFields: ReadonlyMap<string, CustomFieldDef> | null;
}

export type MappingResult = { ok: true; mapping: ResolvedMapping } | { ok: false; errors: string[] };

// Explicit `--map` entries win over a mapping file, which wins over a detected preset; with
// none of them, a column named like a field (case, spaces and dashes aside) maps to it.
export function resolveMapping(
  entity: ImportEntity,
  header: readonly string[],
  explicit: { file?: Mapping; maps?: Readonly<Record<string, string>> } = {},
): MappingResult {
  const preset = detectPreset(entity, header);
  const base: Mapping = explicit.file ?? preset?.mapping ?? { fields: sameNamed(entity, header) };
  const fields = { ...base.fields, ...explicit.maps };
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const columns = new Map<string, number>();
  const errors: string[] = [];
  for (const [field, column] of Object.entries(fields)) {
    if (!isField(entity, field)) {
      const custom = entity in CUSTOM_FIELD_ENTITY ? ', custom.<name>' : '';
      errors.push(`${field}: not a ${entity} field (${ENTITY_FIELDS[entity].join(', ')}${custom})`);
      continue;
    }
    const at = index.get(column);
    if (at === undefined) errors.push(`${field}: the file has no column ${column}`);
    else columns.set(field, at);
  }
  for (const [key, type] of Object.entries(base.customFields ?? {})) {
    if (!isField(entity, `custom.${key}`)) errors.push(`customFields.${key}: not a custom ${entity} field key`);
    else if (!DECLARABLE_CUSTOM_TYPES.includes(type)) {
      errors.push(`customFields.${key}: ${type} is not one of ${DECLARABLE_CUSTOM_TYPES.join(', ')}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    mapping: {
      columns,
      values: base.values ?? {},
      externalIdFromLine: base.externalIdFromLine ?? null,
      preset: explicit.file ? null : (preset?.name ?? null),
      declaredCustom: base.customFields ?? {},
      customFields: null,
    },
  };
}

/** `--map column=field` arguments as field → column. */
export function parseMapArguments(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.lastIndexOf('=');
    if (eq <= 0 || eq === arg.length - 1) throw new Error(`--map: ${arg} is not column=field`);
    out[arg.slice(eq + 1).trim()] = arg.slice(0, eq).trim();
  }
  return out;
}

function isField(entity: ImportEntity, field: string): boolean {
  if (field.startsWith('custom.')) return entity in CUSTOM_FIELD_ENTITY && /^custom\.[a-z][a-z0-9_]{0,62}$/.test(field);
  return ENTITY_FIELDS[entity].includes(field);
}

function sameNamed(entity: ImportEntity, header: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of header) {
    const key = column
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (ENTITY_FIELDS[entity].includes(key)) out[key] = column.trim();
  }
  return out;
}

/** The row's value of a field after the mapping's value replacements; null when empty or unmapped. */
export function cellOf(mapping: ResolvedMapping, cells: readonly string[], field: string): string | null {
  const at = mapping.columns.get(field);
  if (at === undefined) return null;
  const raw = (cells[at] ?? '').trim();
  if (raw === '') return null;
  return mapping.values[field]?.[raw] ?? raw;
}
