import { startBulkBatch } from '../../db/audit.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { CommandContext } from '../../shared/context.ts';
import { listChannelOverrides } from '../channel-overrides.store.ts';
import { type CsvRecord, readCsv } from './csv-reader.ts';
import { importAccounts } from './import-accounts.ts';
import { importActivities } from './import-activities.ts';
import { importCampaignSpend } from './import-campaign-spend.ts';
import { checkingCustomFields } from './import-custom-fields.ts';
import { importDeals } from './import-deals.ts';
import { applyLeads, type PreparedLeads, prepareLeadsInSlices } from './import-leads.ts';
import { addResult, type BatchInput, emptyResult, type ImportResult } from './import-result.ts';
import { applyTouchpoints, prepareTouchpoints } from './import-touchpoints.ts';
import { importUsers } from './import-users.ts';
import { type ImportEntity, type Mapping, type ResolvedMapping, resolveMapping } from './mapping.ts';
import type { DateFormat } from './parse-values.ts';

export interface ImportOptions {
  readonly entity: ImportEntity;
  readonly source: AsyncIterable<string | Buffer>;
  readonly mappingFile?: Mapping;
  readonly maps?: Readonly<Record<string, string>>;
  readonly dateFormat?: DateFormat;
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  /** Called after each batch with the rows read so far. */
  readonly onProgress?: (progress: { rows: number; imported: number; rejected: number }) => void;
  /** Called once the header has been read and mapped. */
  readonly onMapping?: (mapping: ResolvedMapping) => void;
}

export interface ImportRun extends ImportResult {
  readonly rows: number;
  readonly preset: string | null;
}

// An importer in two steps: `prepare` reads and checks the rows without the database, so
// the driver runs it on the next batch while the previous one is still being written (a
// prepare that yields to the event loop now and then lets that write go on at full speed);
// `apply` writes a prepared batch in its transaction.
interface BatchImporter {
  prepare(ctx: CommandContext, input: BatchInput): Prepared | Promise<Prepared>;
  apply(trx: Trx, ctx: CommandContext, prepared: Prepared): Promise<ImportResult>;
}

type Prepared = unknown;

function unprepared(run: (trx: Trx, ctx: CommandContext, input: BatchInput) => Promise<ImportResult>): BatchImporter {
  return { prepare: (_ctx, input) => input, apply: (trx, ctx, prepared) => run(trx, ctx, prepared as BatchInput) };
}

async function importerFor(db: Db, ctx: CommandContext, entity: ImportEntity): Promise<BatchImporter> {
  switch (entity) {
    case 'leads': {
      // Channel overrides are read once per import: an import is one change of the data.
      const overrides = await listChannelOverrides(db, ctx.actor.orgId);
      return checkingCustomFields(db, ctx, 'lead', {
        prepare: (c, input) => prepareLeadsInSlices(c, input, overrides),
        apply: (trx, c, prepared) => applyLeads(trx, c, prepared as PreparedLeads),
      });
    }
    case 'accounts':
      return checkingCustomFields(db, ctx, 'account', unprepared(importAccounts));
    case 'deals':
      return checkingCustomFields(db, ctx, 'deal', unprepared(importDeals));
    case 'users':
      return unprepared(importUsers);
    case 'activities':
      return unprepared(importActivities);
    case 'touchpoints': {
      const overrides = await listChannelOverrides(db, ctx.actor.orgId);
      return {
        prepare: (c, input) => prepareTouchpoints(c, input, overrides),
        apply: (trx, c, prepared) => applyTouchpoints(trx, c, prepared as ReturnType<typeof prepareTouchpoints>),
      };
    }
    case 'campaign-spend':
      return unprepared(importCampaignSpend);
  }
}

export const DEFAULT_BATCH_SIZE = 2000;

// Leads are written with a handful of statements per batch whatever its size, while the next
// batch is prepared. Measured on 100,000 rows: 2,000 a batch left the database waiting on
// round trips between statements; 10,000 was a few percent faster than 5,000 but held twice
// the rows in memory (peak RSS near 500 MB against 370 MB); 50,000 kept the database idle
// while the first batch was prepared.
export const DEFAULT_LEAD_BATCH_SIZE = 5000;

class DryRunRollback extends Error {}

// Streams the file and imports it in batches, each in its own short transaction with the
// audit log off (the import itself is the record) and a commit that does not wait for the
// disk (startBulkBatch says what a crash can lose), so memory is bounded by a batch and an
// interrupted run keeps what it committed; running it again matches those rows by external
// id or e-mail instead of duplicating them. A dry run does everything inside one
// transaction and rolls it back.
export async function runImport(db: Db, ctx: CommandContext, options: ImportOptions): Promise<ImportRun> {
  const importer = await importerFor(db, ctx, options.entity);
  if (!options.dryRun) return streamBatches(ctx, options, importer, (run) => db.transaction().execute(run));
  let outcome: ImportRun | undefined;
  try {
    await db.transaction().execute(async (outer) => {
      outcome = await streamBatches(ctx, options, importer, (run) => run(outer));
      throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!outcome) throw new Error('dry run ended without a result');
  return outcome;
}

async function streamBatches(
  ctx: CommandContext,
  options: ImportOptions,
  importer: BatchImporter,
  inTransaction: (run: (trx: Trx) => Promise<ImportResult>) => Promise<ImportResult>,
): Promise<ImportRun> {
  const batchSize = Math.max(
    1,
    options.batchSize ?? (options.entity === 'leads' ? DEFAULT_LEAD_BATCH_SIZE : DEFAULT_BATCH_SIZE),
  );
  const total = emptyResult();
  let mapping: ResolvedMapping | null = null;
  let rows = 0;
  let batch: CsvRecord[] = [];
  // At most one batch is being written while the next is read and prepared.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (batch.length === 0 || mapping === null) return;
    const size = batch.length;
    const prepared = await importer.prepare(ctx, {
      mapping,
      rows: batch,
      ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    });
    batch = [];
    await writing;
    writing = inTransaction(async (trx) => {
      await startBulkBatch(trx);
      return importer.apply(trx, ctx, prepared);
    }).then((part) => {
      addResult(total, part);
      rows += size;
      options.onProgress?.({ rows, imported: total.imported + total.updated, rejected: total.rejected.length });
    });
    // A failed write is rethrown where `writing` is next awaited, not reported as unhandled.
    writing.catch(() => undefined);
  };
  for await (const record of readCsv(options.source)) {
    if (mapping === null) {
      const resolved = resolveMapping(options.entity, record.cells, {
        ...(options.mappingFile ? { file: options.mappingFile } : {}),
        ...(options.maps ? { maps: options.maps } : {}),
      });
      if (!resolved.ok) throw new Error(`mapping: ${resolved.errors.join('; ')}`);
      mapping = resolved.mapping;
      options.onMapping?.(mapping);
      continue;
    }
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await writing;
  total.rejected.sort((a, b) => a.line - b.line);
  return { ...total, rows, preset: mapping?.preset ?? null };
}
