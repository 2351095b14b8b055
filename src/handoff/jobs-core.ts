import type { Db, Trx } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import { type JobId, newId, type OrgId } from '../shared/ids.ts';
import { insertJobs, type JobRow, lockOpenJob, markJobDone, type NewJob } from './jobs.store.ts';

// The job kinds the worker knows (jobs.ts runs them). A row of another kind fails and is
// retried, so a job scheduled by a newer Baton waits for a worker that knows it.
export const JOB_KINDS = ['sla_due_soon', 'sla_due', 'send_email'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * An organisation and a moment: what the hand-off's writes need. A command passes its own
 * (`scopeOf(ctx)`); a job acts for no one, so it has no actor to pass.
 */
export interface OrgScope {
  readonly orgId: OrgId;
  readonly now: Date;
}

export function scopeOf(ctx: CommandContext): OrgScope {
  return { orgId: ctx.actor.orgId, now: ctx.now };
}

export interface JobRequest {
  readonly kind: JobKind;
  readonly runAt: Date;
  readonly payload: Record<string, unknown>;
  /** Scheduling the same kind with the same key again changes nothing. */
  readonly dedupeKey: string;
}

/** Schedules jobs in the caller's transaction: they run only if that transaction commits. */
export async function scheduleJobs(trx: Trx, scope: OrgScope, requests: readonly JobRequest[]): Promise<void> {
  await insertJobs(trx, scope.orgId, requests.map(newJobOf));
}

/** A job row to insert for a request, with a new id. */
export function newJobOf(request: JobRequest): NewJob {
  return {
    id: newId<JobId>(),
    kind: request.kind,
    runAt: request.runAt,
    payload: request.payload,
    dedupeKey: request.dedupeKey,
  };
}

/** Where the worker and the e-mail fallback write: pino's (Fastify's logger) shape, narrowed. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * Runs a job's work in its own transaction inside the job's org, and marks the job done in
 * that same transaction: the effects and "done" commit together or not at all, so a job
 * that fails or whose worker dies is simply run again. The job row stays locked meanwhile;
 * a job found done already (another worker finished it after this one's lease ran out) is
 * skipped. Jobs act for no one: the audit log credits their writes to no actor.
 */
export async function inJobTransaction(
  db: Db,
  job: JobRow,
  now: Date,
  work: (trx: Trx, scope: OrgScope) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const open = await lockOpenJob(trx, job.org_id, job.id);
    if (!open) return false;
    await work(trx, { orgId: job.org_id, now });
    await markJobDone(trx, job.org_id, job.id, now);
    return true;
  });
}
