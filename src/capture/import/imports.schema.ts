import { z } from 'zod';
import { IsoDateTime, PageQuery, Uuid } from '../../shared/schema.ts';
import { DECLARABLE_CUSTOM_TYPES, IMPORT_ENTITIES } from './mapping.ts';
import { DATE_FORMATS } from './parse-values.ts';

export const IMPORT_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** How many rows a preview shows; its dry run covers every complete row of the sample. */
export const PREVIEW_ROWS = 10;
/** The most of a file a preview reads: the browser sends the first 64 KB. */
export const PREVIEW_SAMPLE_MAX = 200_000;

const FieldName = z
  .string()
  .regex(/^([a-z][a-z0-9_]{0,62}|custom\.[a-z][a-z0-9_]{0,62})$/, 'a Baton field such as email, or custom.<name>');
const ColumnName = z.string().trim().min(1).max(500);

/** Baton field → the file's column it is read from; every field not named is left empty. */
export const ImportMapping = z.record(FieldName, ColumnName);
export type ImportMapping = z.infer<typeof ImportMapping>;

/** Custom fields the import defines when the organisation lacks them: key → type. */
export const DeclaredCustomFields = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a lower-case key such as team_size'),
  z.enum(DECLARABLE_CUSTOM_TYPES),
);
export type DeclaredCustomFields = z.infer<typeof DeclaredCustomFields>;

export const ImportEntitySchema = z.enum(IMPORT_ENTITIES);

export const ImportField = z.object({
  name: z.string(),
  /** A row without a value for it is rejected. */
  required: z.boolean(),
});

export const ImportEntityInfo = z.object({
  entity: ImportEntitySchema,
  fields: z.array(ImportField),
  /** A row needs a value for at least one of these (empty when there is no such rule). */
  requiresOneOf: z.array(z.string()),
  /** Whether unmapped columns may be imported as `custom.<name>` fields. */
  customFields: z.boolean(),
  /** The exports recognised from their header for this entity. */
  presets: z.array(z.string()),
});
export type ImportEntityInfo = z.infer<typeof ImportEntityInfo>;

export const ImportEntityList = z.object({
  /** The entities the caller may import. */
  items: z.array(ImportEntityInfo),
  /** How day and month may be ordered in the file's dates (ISO 8601 is always read). */
  dateFormats: z.array(z.enum(DATE_FORMATS)),
  /** The types a new custom field may be given in `customFields`. */
  customFieldTypes: z.array(z.enum(DECLARABLE_CUSTOM_TYPES)),
});
export type ImportEntityList = z.infer<typeof ImportEntityList>;

export const ImportPreviewInput = z.strictObject({
  entity: ImportEntitySchema,
  /** The start of the file as text (the browser sends its first 64 KB). */
  sample: z.string().min(1).max(PREVIEW_SAMPLE_MAX),
  /** True when `sample` is cut from a longer file: its last, possibly cut, row is left out. */
  partial: z.boolean().default(false),
  /** Without it, the detected preset's mapping or the columns named like fields. */
  mapping: ImportMapping.optional(),
  /** Types of the custom fields the mapping fills that the organisation has not defined yet. */
  customFields: DeclaredCustomFields.optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
});
export type ImportPreviewInput = z.infer<typeof ImportPreviewInput>;

const Reject = z.object({ line: z.number().int(), field: z.string(), reason: z.string() });

const ImportCounts = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const ImportPreview = z.object({
  entity: ImportEntitySchema,
  /** The export recognised from the header, whose mapping and value replacements apply. */
  preset: z.string().nullable(),
  delimiter: z.enum([',', ';', '\t']),
  columns: z.array(z.string()),
  /** The mapping the import would use: field → column. */
  mapping: ImportMapping,
  /** Columns the preset names that this file lacks; those fields are left unmapped. */
  missingPresetColumns: z.array(z.object({ field: z.string(), column: z.string() })),
  unmappedColumns: z.array(z.string()),
  fields: z.array(ImportField),
  requiresOneOf: z.array(z.string()),
  customFields: z.boolean(),
  /** The organisation's custom fields of this entity, which the mapping may fill as `custom.<key>`. */
  definedCustomFields: z.array(z.object({ key: z.string(), type: z.string() })),
  /** Custom fields the import would define, declared by the preset or the request: key → type. */
  declaredCustomFields: z.record(z.string(), z.string()),
  /** The first rows, each field's value as the importer reads it, and why the row would be rejected. */
  rows: z.array(
    z.object({
      line: z.number().int(),
      values: z.record(z.string(), z.string().nullable()),
      problem: z.object({ field: z.string(), reason: z.string() }).nullable(),
    }),
  ),
  /** A dry run of every complete row of the sample: what importing them would do. */
  sampleRows: z.number().int(),
  dryRun: ImportCounts.extend({ createdOwners: z.array(z.string()), rejects: z.array(Reject) }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

function jsonPart<T extends z.ZodType>(schema: T, what: string) {
  return z
    .string()
    .max(50_000)
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: `not JSON of ${what}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** The text parts of the multipart upload (the file is the part named `file`). */
export const ImportStartFields = z.strictObject({
  entity: ImportEntitySchema,
  /** JSON of field → column, as a preview answers it. */
  mapping: jsonPart(ImportMapping, 'field → column').optional(),
  /** JSON of key → type for custom fields to define. */
  customFields: jsonPart(DeclaredCustomFields, 'key → type').optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  dryRun: Flag.default(false),
});
export type ImportStartFields = z.infer<typeof ImportStartFields>;

export const ImportRun = z.object({
  id: Uuid,
  entity: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** A dry run does everything and then rolls it back: the counts say what an import would do. */
  dryRun: z.boolean(),
  preset: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  dateFormat: z.string().nullable(),
  /** Progress: bytes of the file read so far, of its size. */
  bytesRead: z.number().int(),
  bytesTotal: z.number().int(),
  rows: z.number().int(),
  ...ImportCounts.shape,
  /** Owners named in the file who were not users, created as inactive reps. */
  createdOwners: z.array(z.string()),
  error: z.string().nullable(),
  startedBy: Uuid,
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});
export type ImportRun = z.infer<typeof ImportRun>;

/** How many rejected rows a run's detail lists; rejects.csv has all of them. */
export const REJECTS_SHOWN = 100;

export const ImportRunDetail = ImportRun.extend({
  /** The first rejected rows by line (at most 100; `rejected` counts them all). */
  rejects: z.array(Reject),
});
export type ImportRunDetail = z.infer<typeof ImportRunDetail>;

export const ImportRunListQuery = PageQuery;
export type ImportRunListQuery = z.infer<typeof ImportRunListQuery>;

export const ImportRunParams = z.object({ id: Uuid.brand<'ImportRunId'>() });
