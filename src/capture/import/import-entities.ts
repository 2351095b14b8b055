import { authorize } from '../../platform/permissions.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/app-error.ts';
import type { DeclaredCustomFields, ImportEntityInfo, ImportMapping } from './imports.schema.ts';
import {
  ENTITY_FIELDS,
  IMPORT_ENTITIES,
  type ImportEntity,
  type Mapping,
  type ResolvedMapping,
  resolveMapping,
} from './mapping.ts';
import { detectPreset, PRESETS } from './presets.ts';

// An import creates what its rows describe, so a person may import an entity only when the
// permission table lets them create one through the API; an entity without such a route is
// for admins. Marketing thus imports leads, touchpoints and spend, not users or deals.
const CREATING_ROUTE: Readonly<Record<string, string>> = {
  leads: 'POST /api/v1/leads/ingest',
  accounts: 'POST /api/v1/accounts',
  deals: 'POST /api/v1/deals',
  users: 'POST /api/v1/users',
  activities: 'POST /api/v1/activities',
  touchpoints: 'POST /api/v1/leads/:id/touchpoints',
  'campaign-spend': 'PUT /api/v1/campaigns/:id/spend/:day',
};

export function mayImport(actor: Actor, entity: ImportEntity): boolean {
  const route = CREATING_ROUTE[entity];
  return route === undefined ? actor.role === 'admin' : authorize(actor, route).ok;
}

export function assertMayImport(actor: Actor, entity: ImportEntity): void {
  if (!mayImport(actor, entity)) {
    throw new AppError('forbidden', `entity: importing ${entity} is not open to the ${actor.role} role`, 'entity');
  }
}

// What each importer refuses a row without (see import-*.ts and lead-row.ts). An entity not
// listed here has no rule the mapping page can show; its importer still rejects such rows.
const REQUIRED: Readonly<Record<string, { readonly all: readonly string[]; readonly oneOf: readonly string[] }>> = {
  leads: { all: [], oneOf: ['email', 'phone', 'external_id'] },
  accounts: { all: ['name'], oneOf: [] },
  users: { all: ['name'], oneOf: [] },
  activities: { all: ['type', 'occurred_at'], oneOf: ['lead', 'deal', 'account'] },
  touchpoints: { all: ['lead', 'occurred_at'], oneOf: [] },
  'campaign-spend': { all: ['campaign', 'date', 'amount'], oneOf: [] },
};

export function entityInfo(entity: ImportEntity): ImportEntityInfo {
  const required = REQUIRED[entity] ?? { all: [], oneOf: [] };
  return {
    entity,
    fields: ENTITY_FIELDS[entity].map((name) => ({ name, required: required.all.includes(name) })),
    requiresOneOf: [...required.oneOf],
    // Asked of the mapping rules themselves rather than restated here.
    customFields: resolveMapping(entity, ['probe'], { file: { fields: { 'custom.probe': 'probe' } } }).ok,
    presets: PRESETS.filter((p) => p.entity === entity).map((p) => p.name),
  };
}

export function importableEntities(actor: Actor): ImportEntityInfo[] {
  return IMPORT_ENTITIES.filter((e) => mayImport(actor, e)).map(entityInfo);
}

export interface MappingPlan {
  /** The detected export, whose value replacements and declarations apply. */
  readonly preset: string | null;
  /** Field → column name, as shown and stored. */
  readonly fields: ImportMapping;
  readonly missingPresetColumns: { field: string; column: string }[];
  /** What to hand runImport: nothing when the preset applies as it is, so the engine detects it itself. */
  readonly mappingFile: Mapping | undefined;
  readonly resolved: ResolvedMapping;
}

// The mapping an import uses. Without one from the caller, the detected preset's mapping
// (less the columns this file lacks) or the columns named like fields; a caller's mapping
// replaces the fields but keeps the preset's value replacements and declarations, so
// changing one column does not lose what the preset knows about the export. `declared`
// adds the types of new custom fields to define.
export function planMapping(
  entity: ImportEntity,
  header: readonly string[],
  requested: ImportMapping | undefined,
  declared: DeclaredCustomFields = {},
): MappingPlan {
  const preset = detectPreset(entity, header);
  const names = new Set(header.map((h) => h.trim()));
  const missingPresetColumns = preset
    ? Object.entries(preset.mapping.fields)
        .filter(([, column]) => !names.has(column))
        .map(([field, column]) => ({ field, column }))
    : [];
  let fields: ImportMapping;
  if (requested) fields = requested;
  else if (preset) fields = Object.fromEntries(Object.entries(preset.mapping.fields).filter(([, c]) => names.has(c)));
  else {
    const same = resolveMapping(entity, header);
    fields = same.ok ? namesOf(same.mapping, header) : {};
  }
  const declares = Object.keys(declared).length > 0;
  const presetAsIs =
    preset !== null && missingPresetColumns.length === 0 && sameFields(fields, preset.mapping.fields) && !declares;
  const mappingFile: Mapping | undefined =
    presetAsIs || (!preset && !requested && !declares)
      ? undefined
      : { ...preset?.mapping, fields, customFields: { ...preset?.mapping.customFields, ...declared } };
  const result = resolveMapping(entity, header, mappingFile ? { file: mappingFile } : {});
  if (!result.ok) {
    const first = result.errors[0] ?? 'mapping: not valid';
    const field = first.includes(': ') ? first.slice(0, first.indexOf(': ')) : '';
    const prefix = field.startsWith('customFields.') ? '' : 'mapping.';
    throw new AppError('validation_failed', `${prefix}${first}`, field ? `${prefix}${field}` : 'mapping');
  }
  return { preset: preset?.name ?? null, fields, missingPresetColumns, mappingFile, resolved: result.mapping };
}

function namesOf(mapping: ResolvedMapping, header: readonly string[]): ImportMapping {
  const out: ImportMapping = {};
  for (const [field, at] of mapping.columns) {
    const name = header[at]?.trim();
    if (name) out[field] = name;
  }
  return out;
}

function sameFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
