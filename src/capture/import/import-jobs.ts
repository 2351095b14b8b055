import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../shared/app-error.ts';
import type { CommandContext } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { assertMayImport, type MappingPlan, planMapping } from './import-entities.ts';
import { toImportRun } from './import-run-queries.ts';
import { readHeader, type SavedUpload } from './import-upload.ts';
import type { ImportRun, ImportStartFields } from './imports.schema.ts';
import {
  failAbandonedImportRuns,
  failImportRun,
  finishImportRun,
  insertImportRejects,
  insertImportRun,
  updateImportProgress,
} from './imports.store.ts';
import type { ImportRunId } from './imports.tables.ts';
import { checkCustomFields } from './mapping-custom-fields.ts';
import { type ImportRun as EngineRun, runImport } from './run-import.ts';

export const INTERRUPTED = 'interrupted — run the import again; rows already imported are matched, not duplicated';

/** A running import writes its heartbeat this often, even while a batch is slow. */
const HEARTBEAT_MS = 5_000;
/** A run whose heartbeat is older than this was left behind by a process that stopped. */
export const ABANDONED_AFTER_MS = 30_000;
/** Progress is written at most this often, after a batch. */
const PROGRESS_EVERY_MS = 250;
const REJECTS_PER_INSERT = 1000;

export interface ImportUpload extends SavedUpload {
  readonly fileName: string;
}

export interface ImportJobs {
  /** Records the run and starts it in the background; the upload's file is the job's from here on. */
  start(ctx: CommandContext, upload: ImportUpload, fields: ImportStartFields): Promise<ImportRun>;
  /** Marks runs abandoned by a stopped process as failed; answers how many. */
  sweep(): Promise<number>;
  /** Stops this process's imports (each is recorded as interrupted) and waits for them. */
  close(): Promise<void>;
}

class Interrupted extends Error {}

// Imports run in the process that took the upload, one short transaction per batch (see
// run-import.ts), and write their progress to the run as they go. A process that stops
// gracefully marks its runs interrupted; one that dies leaves them `running` with a
// heartbeat that ages, and the next server to start (or any server, within half a minute)
// marks them failed. Rows already committed stay: a second run matches them.
export function createImportJobs(db: Db, log: (error: unknown, message: string) => void): ImportJobs {
  const running = new Map<string, { stop: () => void; done: Promise<void> }>();

  const start: ImportJobs['start'] = async (ctx, upload, fields) => {
    let plan: MappingPlan;
    try {
      assertMayImport(ctx.actor, fields.entity);
      const header = await readHeader(upload.path);
      if (header.length === 0) throw invalid('file', 'the file is empty; it needs a header row');
      plan = planMapping(fields.entity, header, fields.mapping, fields.customFields);
      await checkCustomFields(db, ctx.actor.orgId, fields.entity, plan);
    } catch (error) {
      await rm(upload.path, { force: true });
      throw error;
    }
    const row = await insertImportRun(db, ctx.actor.orgId, {
      id: newId<ImportRunId>(),
      entity: fields.entity,
      file_name: upload.fileName,
      status: 'running',
      dry_run: fields.dryRun,
      preset: plan.preset,
      mapping: JSON.stringify(plan.fields),
      date_format: fields.dateFormat ?? null,
      bytes_total: upload.bytes,
      started_by: ctx.actor.userId,
      started_at: ctx.now,
      heartbeat_at: new Date(),
    }).catch(async (error: unknown) => {
      await rm(upload.path, { force: true });
      throw error;
    });
    const stream = createReadStream(upload.path);
    // Stopped before the import starts reading, the stream keeps its error for the reader;
    // without a listener meanwhile, Node would treat it as unhandled.
    stream.on('error', () => undefined);
    const done = execute({ db, ctx, id: row.id, fields, plan, upload, stream, log }).finally(() =>
      running.delete(row.id),
    );
    running.set(row.id, { stop: () => stream.destroy(new Interrupted()), done });
    return toImportRun(row);
  };

  return {
    start,
    sweep: () =>
      failAbandonedImportRuns(db, {
        staleBefore: new Date(Date.now() - ABANDONED_AFTER_MS),
        now: new Date(),
        error: INTERRUPTED,
        except: [...running.keys()],
      }),
    close: async () => {
      const jobs = [...running.values()];
      for (const job of jobs) job.stop();
      await Promise.allSettled(jobs.map((job) => job.done));
    },
  };
}

interface Job {
  readonly db: Db;
  readonly ctx: CommandContext;
  readonly id: ImportRunId;
  readonly fields: ImportStartFields;
  readonly plan: MappingPlan;
  readonly upload: ImportUpload;
  readonly stream: AsyncIterable<unknown>;
  readonly log: (error: unknown, message: string) => void;
}

// Never rejects: whatever happens ends as a succeeded or failed run, and the file is removed.
async function execute(job: Job): Promise<void> {
  const { db, ctx, id, fields, plan, log } = job;
  const orgId = ctx.actor.orgId;
  const began = performance.now();
  // Measured from the request's time, so a run never ends before it started whatever the clock.
  const endedAt = () => new Date(ctx.now.getTime() + Math.round(performance.now() - began));
  let bytesRead = 0;
  let latest = { rows: 0, rejected: 0 };
  let writes: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  const saveProgress = () => {
    const progress = { ...latest, bytesRead, heartbeatAt: new Date() };
    writes = writes
      .then(() => updateImportProgress(db, orgId, id, progress))
      .catch((error: unknown) => log(error, `import ${id}: progress not saved`));
  };
  const heartbeat = setInterval(saveProgress, HEARTBEAT_MS);
  heartbeat.unref();
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of job.stream) {
      const bytes = chunk as Buffer;
      bytesRead += bytes.length;
      yield bytes;
    }
  }
  try {
    let result: EngineRun;
    try {
      result = await runImport(db, ctx, {
        entity: fields.entity,
        source: counted(),
        dryRun: fields.dryRun,
        ...(plan.mappingFile ? { mappingFile: plan.mappingFile } : {}),
        ...(fields.dateFormat ? { dateFormat: fields.dateFormat } : {}),
        onProgress: (p) => {
          latest = { rows: p.rows, rejected: p.rejected };
          if (performance.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = performance.now();
          saveProgress();
        },
      });
    } finally {
      clearInterval(heartbeat);
      await writes;
    }
    await db.transaction().execute(async (trx) => {
      await finishImportRun(trx, orgId, id, {
        bytesRead,
        rows: result.rows,
        imported: result.imported,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: result.rejected.length,
        createdOwners: [...new Set(result.createdOwners)],
        finishedAt: endedAt(),
      });
      for (let at = 0; at < result.rejected.length; at += REJECTS_PER_INSERT) {
        await insertImportRejects(trx, orgId, id, result.rejected.slice(at, at + REJECTS_PER_INSERT), at);
      }
    });
  } catch (error) {
    if (!(error instanceof Interrupted)) log(error, `import ${id} failed`);
    const message = error instanceof Interrupted ? INTERRUPTED : describe(error);
    await failImportRun(db, orgId, id, message, endedAt()).catch((e: unknown) =>
      log(e, `import ${id}: failure not saved`),
    );
  } finally {
    await rm(job.upload.path, { force: true }).catch((e: unknown) => log(e, `import ${id}: temporary file kept`));
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}
