import { sql } from 'kysely';
import type { Executor } from './database.ts';

// The audit trigger (migration 0002) reads these transaction-local settings, so every write
// in a command's transaction is attributed without any store passing the actor along.

/** Names the user the audit log credits with this transaction's writes. */
export async function setAuditActor(trx: Executor, userId: string): Promise<void> {
  await sql`select set_config('baton.actor_id', ${userId}, true)`.execute(trx);
}

/** Turns the audit log off for this transaction only: for bulk loads such as the demo seed. */
export async function disableAudit(trx: Executor): Promise<void> {
  await sql`select set_config('baton.audit', 'off', true)`.execute(trx);
}

// One batch of a bulk import, in its own transaction: the audit log is off (the import is the
// record), and the commit does not wait for the write-ahead log to reach the disk
// (synchronous_commit off, this transaction only). A crash can then lose the last batches
// that were reported committed, and nothing else: the database stays consistent, and running
// the import again adds the lost rows without duplicating the others, as it matches rows by
// external id or e-mail.
export async function startBulkBatch(trx: Executor): Promise<void> {
  await sql`select set_config('baton.audit', 'off', true), set_config('synchronous_commit', 'off', true)`.execute(trx);
}
