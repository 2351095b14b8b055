import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Session and invitation tokens are 32 random bytes: unguessable, so a fast SHA-256 is a
// sufficient hash for storing them. Only the hash is stored; the token lives in the cookie
// (sessions) or the invitation link.

export const SESSION_COOKIE = 'baton_session';
export const CSRF_HEADER = 'x-csrf-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface SessionPolicy {
  /** A session ends after this long without a request (sliding). */
  readonly idleMs: number;
  /** …and this long after sign-in whatever happens. */
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 3600_000, absoluteMs: 7 * 24 * 3600_000 };

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// The CSRF token is derived from the session token rather than stored, so /me can hand it
// out again without anything secret kept in plain text. Whoever can derive it already
// holds the session cookie, which a cross-site attacker cannot read.
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('baton csrf v1').digest('base64url');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** When a session seen at `now` expires: idle time slides, the absolute cap does not. */
export function sessionExpiresAt(createdAt: Date, now: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(now.getTime() + policy.idleMs, createdAt.getTime() + policy.absoluteMs));
}
