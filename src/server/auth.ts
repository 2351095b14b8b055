import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { API_KEY_PATTERN, hashApiKey } from '../platform/api-keys.ts';
import { findActorByKeyHash, touchApiKey } from '../platform/platform.store.ts';
import {
  CSRF_HEADER,
  csrfTokenFor,
  hashToken,
  isToken,
  SESSION_COOKIE,
  type SessionPolicy,
  sameHash,
  sessionExpiresAt,
} from '../platform/session-tokens.ts';
import { findLiveSession, touchSession } from '../platform/sessions.store.ts';
import type { SessionStart } from '../platform/sign-in.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { SessionId } from '../shared/ids.ts';

// Writing last_used_at / last_seen_at on every request would turn each read into a write;
// once a minute per key or session is enough for "is it still used?" and for sliding expiry.
const TOUCH_INTERVAL_MS = 60_000;

/** How a request proved who it acts for. */
export type Credential =
  | { readonly kind: 'api_key'; readonly actor: Actor }
  | {
      readonly kind: 'session';
      readonly actor: Actor;
      readonly sessionId: SessionId;
      readonly csrfTokenHash: string;
      /** Derived from the cookie, never stored: /me hands it to the app again. */
      readonly csrfToken: string;
    };

export interface Authentication {
  readonly credential: Credential | null;
  /** Why credentials the request did send were refused: the 401 says so. */
  readonly failure: AppError | null;
  /** Refresh the cookie with a slid expiry, or clear a dead one. */
  readonly cookie: { readonly token: string; readonly maxAgeSeconds: number } | 'clear' | null;
}

const NOBODY: Authentication = { credential: null, failure: null, cookie: null };

function refused(message: string, field: string, cookie: Authentication['cookie'] = null): Authentication {
  return { credential: null, failure: new AppError('unauthenticated', `${field}: ${message}`, field), cookie };
}

// An Authorization header wins over the cookie: a script holding an API key acts as that
// key even from a browser that is signed in.
export async function authenticate(
  db: Db,
  request: FastifyRequest,
  now: Date,
  policy: SessionPolicy,
): Promise<Authentication> {
  const header = request.headers.authorization;
  if (header) return authenticateApiKey(db, header, now);
  const token = request.cookies[SESSION_COOKIE];
  if (token) return authenticateSession(db, token, now, policy);
  return NOBODY;
}

async function authenticateApiKey(db: Db, header: string, now: Date): Promise<Authentication> {
  const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!secret || !API_KEY_PATTERN.test(secret)) {
    return refused('not a Baton API key (they start with baton_)', 'authorization');
  }
  const found = await findActorByKeyHash(db, hashApiKey(secret));
  if (!found) return refused('unknown or revoked API key', 'authorization');
  if (!found.last_used_at || now.getTime() - found.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await touchApiKey(db, found.org_id, found.key_id, now);
  }
  const actor: Actor = { orgId: found.org_id, userId: found.user_id, role: found.role, teamId: found.team_id };
  return { credential: { kind: 'api_key', actor }, failure: null, cookie: null };
}

async function authenticateSession(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<Authentication> {
  const expired = 'the session has expired or was signed out; sign in again';
  if (!isToken(token)) return refused(expired, SESSION_COOKIE, 'clear');
  const found = await findLiveSession(db, hashToken(token), now);
  if (!found) return refused(expired, SESSION_COOKIE, 'clear');
  let cookie: Authentication['cookie'] = null;
  if (now.getTime() - found.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = sessionExpiresAt(found.created_at, now, policy);
    await touchSession(db, found.org_id, found.id, { at: now, expiresAt });
    cookie = { token, maxAgeSeconds: maxAgeOf(expiresAt, now) };
  }
  const actor: Actor = { orgId: found.org_id, userId: found.user_id, role: found.role, teamId: found.team_id };
  return {
    credential: {
      kind: 'session',
      actor,
      sessionId: found.id,
      csrfTokenHash: found.csrf_token_hash,
      csrfToken: csrfTokenFor(token),
    },
    failure: null,
    cookie,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// A browser sends the cookie with any request to Baton, including one a hostile page
// triggers; only Baton's own pages can read the CSRF token (from sign-in or /me) and echo
// it in a header. API keys are not sent automatically, so they need no such proof.
export function csrfFailure(request: FastifyRequest, credential: Credential): AppError | null {
  if (credential.kind !== 'session' || SAFE_METHODS.has(request.method)) return null;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent === 'string' && sameHash(hashToken(sent), credential.csrfTokenHash)) return null;
  return new AppError(
    'forbidden',
    `${CSRF_HEADER}: a write signed in with the session cookie must send the CSRF token from sign-in or GET /api/v1/me in this header`,
    CSRF_HEADER,
  );
}

export function maxAgeOf(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: { readonly token: string; readonly maxAgeSeconds: number },
): void {
  void reply.setCookie(SESSION_COOKIE, cookie.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: cookie.maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
  });
}

/** The request's side of a new session, for sign-in and accepting an invitation. */
export function sessionStartOf(request: FastifyRequest, policy: SessionPolicy): SessionStart {
  const agent = request.headers['user-agent'];
  return { now: request.now, userAgent: typeof agent === 'string' ? agent : null, ip: request.ip, policy };
}

/** The CSRF token to hand back on /me: only a session-cookie caller has one. */
export function csrfTokenOf(request: FastifyRequest): string | null {
  return request.credential?.kind === 'session' ? request.credential.csrfToken : null;
}

/** The session the request was signed in with, or null for an API key. */
export function sessionIdOf(request: FastifyRequest): SessionId | null {
  return request.credential?.kind === 'session' ? request.credential.sessionId : null;
}

export function requireSession(request: FastifyRequest): SessionId {
  const id = sessionIdOf(request);
  if (!id) {
    throw new AppError(
      'validation_failed',
      `${SESSION_COOKIE}: this request is not signed in with a session cookie (an API key has no session to end)`,
      SESSION_COOKIE,
    );
  }
  return id;
}
