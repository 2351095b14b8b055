import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/context.ts';
import type { JobId, OrgId, SlaClockId } from '../shared/ids.ts';
import { claimDueJobs, type JobRow, markJobFailed } from './jobs.store.ts';
import { inJobTransaction, type Logger } from './jobs-core.ts';
import { logMailer, type Mailer, sendNotificationEmail } from './notifications-email.ts';
import { recordBreach, warnDueSoon } from './sla-clocks-jobs.ts';

// The jobs worker (docs/handoff.md): due rows of the jobs table, of every organisation,
// are claimed with FOR UPDATE SKIP LOCKED (jobs.store.ts) and run one by one, each in its
// own transaction inside its org. Jobs are rows, so they survive restarts; a claim is a
// lease, so the jobs of a worker that died are picked up once it runs out. The same code
// runs on PGlite, where the one connection serialises everything (the worker's short
// transactions simply take turns with the requests'), and on PostgreSQL, where any number
// of workers can run side by side.

export const JOB_BATCH = 20;
/** How long a claim holds a job: longer than any job takes (SMTP timeouts are 10–30 s). */
export const JOB_LEASE_MS = 120_000;
export const MAX_JOB_ATTEMPTS = 10;

/** 10 s after the first failure, doubling, at most an hour: about 2.5 hours over 10 attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface RunOptions {
  /** Where e-mails go; by default, to the log. */
  readonly mailer?: Mailer;
  readonly logger?: Logger;
  readonly batchSize?: number;
  readonly leaseMs?: number;
  /**
   * Only this organisation's jobs. Tests share one database (and, on PostgreSQL, run files
   * in parallel), so a test runs its own org's jobs and never another test's.
   */
  readonly orgId?: OrgId;
}

export interface JobsRound {
  /** Every job this round claimed, in the order it ran them. */
  readonly claimed: readonly JobId[];
  /** Those that failed (and will be retried, unless they used up their attempts). */
  readonly failed: readonly JobId[];
}

/** One round: claims up to a batch of due jobs and runs them. Tests call this with their own `now`. */
export async function runDueJobs(db: Db, now: Date, options: RunOptions = {}): Promise<JobsRound> {
  const logger = options.logger ?? stdoutLogger;
  const mailer = options.mailer ?? logMailer(logger);
  const lease = new Date(now.getTime() + (options.leaseMs ?? JOB_LEASE_MS));
  const jobs = await claimDueJobs(db, now, options.batchSize ?? JOB_BATCH, lease, options.orgId);
  const failed: JobId[] = [];
  for (const job of jobs) {
    try {
      await runJob(db, job, now, mailer);
    } catch (error) {
      failed.push(job.id);
      await recordFailure(db, job, now, error, logger);
    }
  }
  return { claimed: jobs.map((job) => job.id), failed };
}

async function runJob(db: Db, job: JobRow, now: Date, mailer: Mailer): Promise<void> {
  switch (job.kind) {
    case 'sla_due_soon':
      await inJobTransaction(db, job, now, (trx, scope) => warnDueSoon(trx, scope, clockIdOf(job)));
      return;
    case 'sla_due':
      await inJobTransaction(db, job, now, (trx, scope) => recordBreach(trx, scope, clockIdOf(job)));
      return;
    case 'send_email':
      await sendNotificationEmail(db, job, now, mailer);
      return;
    default:
      throw new Error(`no handler for job kind '${job.kind}'`);
  }
}

function clockIdOf(job: JobRow): SlaClockId {
  const id = job.payload.clockId;
  if (typeof id !== 'string') throw new Error(`${job.kind} job ${job.id} has no clockId`);
  return id as SlaClockId;
}

async function recordFailure(db: Db, job: JobRow, now: Date, error: unknown, logger: Logger): Promise<void> {
  const attempts = job.attempts + 1;
  const message = error instanceof Error ? error.message : String(error);
  const retryAt = attempts >= MAX_JOB_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts));
  logger.error(
    { jobId: job.id, orgId: job.org_id, kind: job.kind, attempts, error: message, retryAt: retryAt?.toISOString() },
    retryAt ? 'job failed; it will be retried' : `job failed ${attempts} times; giving up`,
  );
  await db
    .transaction()
    .execute((trx) =>
      markJobFailed(trx, job.org_id, job.id, { attempts, error: message.slice(0, 2000), retryAt, at: now }),
    );
}

export interface WorkerOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly mailer: Mailer;
  readonly logger: Logger;
}

export interface JobsWorker {
  /** Finishes the round in progress, then stops; no job is left half done. */
  stop(): Promise<void>;
}

// Polls every intervalMs; a full batch means more may be due, so the next round starts at
// once. A round that fails as a whole (the database is unreachable) is logged and the
// worker tries again on the next tick.
export function startJobsWorker(options: WorkerOptions): JobsWorker {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    try {
      let claimed = JOB_BATCH;
      while (!stopping && claimed >= JOB_BATCH) {
        const result = await runDueJobs(options.db, options.clock(), {
          mailer: options.mailer,
          logger: options.logger,
        });
        claimed = result.claimed.length;
      }
    } catch (error) {
      options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'jobs round failed');
    }
    if (!stopping) schedule(options.intervalMs);
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      round = tick();
    }, delay);
  };
  schedule(0);
  return {
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await round;
    },
  };
}

// One JSON line per entry on stdout, like pino's: for runDueJobs called without a logger.
const stdoutLogger: Logger = {
  info: (fields, message) => writeLine(30, fields, message),
  error: (fields, message) => writeLine(50, fields, message),
};

function writeLine(level: number, fields: Record<string, unknown>, message: string): void {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), ...fields, msg: message })}\n`);
}
