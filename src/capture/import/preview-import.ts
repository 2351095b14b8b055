import type { Db } from '../../db/database.ts';
import { invalid } from '../../shared/app-error.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type CsvRecord, createCsvParser, type Delimiter } from './csv-reader.ts';
import { assertMayImport, entityInfo, planMapping } from './import-entities.ts';
import { type ImportPreview, type ImportPreviewInput, PREVIEW_ROWS, REJECTS_SHOWN } from './imports.schema.ts';
import { cellOf } from './mapping.ts';
import { checkCustomFields } from './mapping-custom-fields.ts';
import { runImport } from './run-import.ts';

// What an import of this file would do, from its first part: the detected preset, the
// mapping, the first rows as the importer reads them, and a dry run of every complete row
// of the sample. The dry run is the import itself rolled back, so a row's problem here is
// exactly what the import would report for it, database checks (stages, owners) included.
export async function previewImport(db: Db, ctx: CommandContext, input: ImportPreviewInput): Promise<ImportPreview> {
  assertMayImport(ctx.actor, input.entity);
  const sample = readSample(input.sample, input.partial);
  const header = sample.records[0];
  if (!header) throw invalid('sample', 'the file has no header row');
  const plan = planMapping(input.entity, header.cells, input.mapping, input.customFields);
  const definedCustomFields = await checkCustomFields(db, ctx.actor.orgId, input.entity, plan);
  const run = await runImport(db, ctx, {
    entity: input.entity,
    source: once(sample.complete),
    dryRun: true,
    ...(plan.mappingFile ? { mappingFile: plan.mappingFile } : {}),
    ...(input.dateFormat ? { dateFormat: input.dateFormat } : {}),
  });
  const problems = new Map<number, { field: string; reason: string }>();
  for (const r of run.rejected) if (!problems.has(r.line)) problems.set(r.line, { field: r.field, reason: r.reason });
  const mappedColumns = new Set(plan.resolved.columns.values());
  const fields = [...plan.resolved.columns.keys()];
  const info = entityInfo(input.entity);
  return {
    entity: input.entity,
    preset: plan.preset,
    delimiter: sample.delimiter,
    columns: [...header.cells],
    mapping: plan.fields,
    missingPresetColumns: plan.missingPresetColumns,
    unmappedColumns: header.cells.filter((column, i) => !mappedColumns.has(i) && column.trim() !== ''),
    fields: info.fields,
    requiresOneOf: info.requiresOneOf,
    customFields: info.customFields,
    definedCustomFields,
    declaredCustomFields: { ...plan.resolved.declaredCustom },
    rows: sample.records.slice(1, 1 + PREVIEW_ROWS).map((record) => ({
      line: record.line,
      values: Object.fromEntries(fields.map((f) => [f, cellOf(plan.resolved, record.cells, f)])),
      problem: problems.get(record.line) ?? null,
    })),
    sampleRows: run.rows,
    dryRun: {
      imported: run.imported,
      updated: run.updated,
      unchanged: run.unchanged,
      rejected: run.rejected.length,
      createdOwners: [...new Set(run.createdOwners)],
      rejects: run.rejected.slice(0, REJECTS_SHOWN),
    },
  };
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

interface Sample {
  readonly records: CsvRecord[];
  /** The text of the complete records only: a cut last row is left out of a partial sample. */
  readonly complete: string;
  readonly delimiter: Delimiter;
}

// Fed to the import's own CSV reader one physical line at a time, so where the last complete
// record ends is known even when a quoted cell holds line breaks.
function readSample(text: string, partial: boolean): Sample {
  const parser = createCsvParser();
  const records: CsvRecord[] = [];
  let read = 0;
  let complete = 0;
  for (const piece of text.split(/(?<=\n)/)) {
    read += piece.length;
    const done = parser.push(piece);
    if (done.length > 0) {
      records.push(...done);
      complete = read;
    }
  }
  if (!partial) {
    records.push(...parser.end());
    complete = text.length;
  }
  return { records, complete: text.slice(0, complete), delimiter: parser.delimiter() ?? ',' };
}
