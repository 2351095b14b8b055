import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';

/**
 * Takes the transaction-level advisory locks (hashtext(org), bucket) in the order given.
 * The two-key form never collides with the single-key locks Kysely's migrator uses.
 */
export async function lockIngestBuckets(db: Executor, orgId: OrgId, buckets: readonly number[]): Promise<void> {
  if (buckets.length === 0) return;
  // Passed as an array literal: PGlite and pg serialise a text parameter the same way.
  const list = `{${buckets.join(',')}}`;
  await sql`select count(pg_advisory_xact_lock(hashtext(${orgId}), b))
            from unnest(cast(${list} as int[])) as b`.execute(db);
}
