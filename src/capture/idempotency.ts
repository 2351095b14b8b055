import { createHash } from 'node:crypto';
import type { Executor, Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import {
  claimIdempotencyKey,
  deleteIdempotencyKeysBefore,
  findIdempotencyKey,
  storeIdempotentResponse,
} from './idempotency.store.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 200;

export interface Answer<T, S extends number = number> {
  readonly status: S;
  readonly body: T;
}

export interface IdempotentAnswer<T, S extends number = number> extends Answer<T, S> {
  /** True when this is the stored answer of an earlier request with the same key. */
  readonly replayed: boolean;
}

export interface IdempotentRequest {
  /** The header's value; without one the request simply runs. */
  readonly key: string | undefined;
  /** Method and route, so one key cannot be reused across endpoints. */
  readonly route: string;
  readonly body: unknown;
}

// Runs `execute` once per key. The key row is inserted first, in the command's transaction:
// a concurrent request with the same key waits on that row until this transaction ends,
// then reads the stored answer. A failed request rolls back its claim with everything
// else, so only successful answers are stored and a failed request may be retried as is.
export async function idempotent<T, S extends number>(
  trx: Trx,
  ctx: CommandContext,
  request: IdempotentRequest,
  execute: () => Promise<Answer<T, S>>,
): Promise<IdempotentAnswer<T, S>> {
  if (request.key === undefined) return { ...(await execute()), replayed: false };
  const key = request.key;
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
    throw new AppError(
      'validation_failed',
      `${IDEMPOTENCY_HEADER}: must be 1 to ${MAX_KEY_LENGTH} characters`,
      IDEMPOTENCY_HEADER,
    );
  }
  const { orgId } = ctx.actor;
  const hash = requestHash(request.route, request.body);
  if (await claimIdempotencyKey(trx, orgId, key, hash, ctx.now)) {
    const answer = await execute();
    await storeIdempotentResponse(trx, orgId, key, answer);
    return { ...answer, replayed: false };
  }
  const stored = await findIdempotencyKey(trx, orgId, key);
  if (stored && stored.request_hash !== hash) {
    throw new AppError(
      'conflict',
      `${IDEMPOTENCY_HEADER}: ${key} was already used for a different request; send a new key with a new request`,
      IDEMPOTENCY_HEADER,
    );
  }
  if (!stored || stored.status === null) {
    // Purged between the two statements, or still claimed: neither happens in one transaction
    // under normal operation, and the client's retry settles it.
    throw new AppError('conflict', `${IDEMPOTENCY_HEADER}: ${key} is being processed; retry`, IDEMPOTENCY_HEADER);
  }
  // The stored answer is one that `execute` produced for this route and body.
  return { status: stored.status as S, body: stored.response as T, replayed: true };
}

/** A digest of the route and the body with object keys sorted, so key order does not matter. */
export function requestHash(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Forgets keys older than 24 hours (a retry after that runs again). Nothing schedules this
 * yet; the jobs runner will, and until then an operator may call it.
 */
export function purgeIdempotencyKeys(db: Executor, now: Date): Promise<number> {
  return deleteIdempotencyKeysBefore(db, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS));
}
