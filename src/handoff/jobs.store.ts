import { type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { JobId, OrgId } from '../shared/ids.ts';
import type { JobsTable } from './handoff.tables.ts';

export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  readonly id: JobId;
  readonly kind: string;
  readonly runAt: Date;
  readonly payload: Record<string, unknown>;
  readonly dedupeKey: string | null;
}

/** Schedules jobs in one statement; one whose dedupe key is already scheduled for its kind is left out. */
export async function insertJobs(db: Executor, orgId: OrgId, jobs: readonly NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        org_id: orgId,
        id: job.id,
        kind: job.kind,
        run_at: job.runAt,
        payload: JSON.stringify(job.payload),
        dedupe_key: job.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.columns(['org_id', 'kind', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .execute();
}

/** Schedules a job; with a dedupe key already scheduled for this kind, nothing changes and null is returned. */
export function insertJob(db: Executor, orgId: OrgId, job: NewJob): Promise<JobRow | undefined> {
  return db
    .insertInto('jobs')
    .values({
      org_id: orgId,
      id: job.id,
      kind: job.kind,
      run_at: job.runAt,
      payload: JSON.stringify(job.payload),
      dedupe_key: job.dedupeKey,
    })
    .onConflict((oc) => oc.columns(['org_id', 'kind', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

// The one query on jobs that does not start with org_id: the worker serves every
// organisation. Rows another worker holds (a running claim) are skipped, not waited for,
// and a claim is a lease: a worker that dies leaves locked_until to run out, after which
// the job is due again. One statement, so the claim commits on its own.
// `onlyOrg` narrows the claim to one organisation (tests, which share a database).
export async function claimDueJobs(
  db: Executor,
  now: Date,
  limit: number,
  lockedUntil: Date,
  onlyOrg?: OrgId,
): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    update jobs set locked_until = ${lockedUntil}
    where (org_id, id) in (
      select org_id, id from jobs
      where done_at is null and run_at <= ${now} and (locked_until is null or locked_until < ${now})
        ${onlyOrg ? sql`and org_id = ${onlyOrg}` : sql``}
      order by run_at
      limit ${limit}
      for update skip locked)
    returning *`.execute(db);
  return [...result.rows].sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || (a.id < b.id ? -1 : 1));
}

/**
 * The job inside the transaction that runs it, locked until that transaction ends; undefined
 * when it is done already (another worker finished it after this one's lease ran out).
 */
export function lockOpenJob(db: Executor, orgId: OrgId, id: JobId): Promise<JobRow | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function markJobDone(db: Executor, orgId: OrgId, id: JobId, at: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ done_at: at, locked_until: null })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export interface JobFailure {
  readonly attempts: number;
  readonly error: string;
  /** When to try again; null gives up (the job is done, its last error kept). */
  readonly retryAt: Date | null;
  readonly at: Date;
}

export async function markJobFailed(db: Executor, orgId: OrgId, id: JobId, failure: JobFailure): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      attempts: failure.attempts,
      last_error: failure.error,
      locked_until: null,
      ...(failure.retryAt ? { run_at: failure.retryAt } : { done_at: failure.at }),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .execute();
}

export function findJobs(db: Executor, orgId: OrgId, filter: { kind?: string; dedupeKey?: string } = {}) {
  let query = db.selectFrom('jobs').selectAll().where('org_id', '=', orgId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.dedupeKey) query = query.where('dedupe_key', '=', filter.dedupeKey);
  return query.orderBy('run_at').orderBy('id').execute();
}
