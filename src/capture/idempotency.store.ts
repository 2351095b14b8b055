import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';

/**
 * Claims a key for this transaction. Answers false when the key exists; when another
 * transaction holds it uncommitted, PostgreSQL makes this insert wait for that one to end.
 */
export async function claimIdempotencyKey(
  db: Executor,
  orgId: OrgId,
  key: string,
  requestHash: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto('idempotency_keys')
    .values({ org_id: orgId, key, request_hash: requestHash, status: null, response: null, created_at: now })
    .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export function findIdempotencyKey(db: Executor, orgId: OrgId, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function storeIdempotentResponse(
  db: Executor,
  orgId: OrgId,
  key: string,
  answer: { status: number; body: unknown },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: answer.status, response: JSON.stringify(answer.body) })
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .execute();
}

/** Deletes keys created before `before`, in every organisation; answers how many. */
export async function deleteIdempotencyKeysBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
