import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { API_KEY_PATTERN, hashApiKey } from '../platform/api-keys.ts';
import { findActorByKeyHash, touchApiKey } from '../platform/platform.store.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';

// Writing last_used_at on every request would turn each read into a write; once a minute
// per key is enough to answer "is this key still used?".
const TOUCH_INTERVAL_MS = 60_000;

export async function authenticate(db: Db, request: FastifyRequest, now: Date): Promise<Actor> {
  const header = request.headers.authorization;
  if (!header)
    throw new AppError('unauthenticated', 'authorization: send "Authorization: Bearer <api key>"', 'authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const secret = match?.[1];
  if (!secret || !API_KEY_PATTERN.test(secret)) {
    throw new AppError(
      'unauthenticated',
      'authorization: not a Baton API key (they start with baton_)',
      'authorization',
    );
  }
  const found = await findActorByKeyHash(db, hashApiKey(secret));
  if (!found) throw new AppError('unauthenticated', 'authorization: unknown or revoked API key', 'authorization');
  if (!found.last_used_at || now.getTime() - found.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await touchApiKey(db, found.org_id, found.key_id, now);
  }
  return { orgId: found.org_id, userId: found.user_id, role: found.role };
}
