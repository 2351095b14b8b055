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
