import { sql } from 'kysely';
import type { Trx } from './database.ts';

// Runs `work` inside a savepoint of the open transaction: if it throws, only its own writes
// are undone and the transaction stays usable, so one failed item of a batch does not take
// the others with it. Savepoint names are SQL identifiers; callers pass a constant.
export async function withSavepoint<T>(trx: Trx, name: string, work: () => Promise<T>): Promise<T> {
  const id = sql.id(name);
  await sql`savepoint ${id}`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint ${id}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${id}`.execute(trx);
    await sql`release savepoint ${id}`.execute(trx);
    throw error;
  }
}
