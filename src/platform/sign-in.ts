import type { Executor } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import { newId, type OrgId, type SessionId, type UserId } from '../shared/ids.ts';
import type { SignIn } from './identity.schema.ts';
import { verifyDummyPassword, verifyPassword } from './passwords.ts';
import type { SignedIn } from './platform.schema.ts';
import { getMe } from './platform-queries.ts';
import { csrfTokenFor, hashToken, newToken, type SessionPolicy, sessionExpiresAt } from './session-tokens.ts';
import { insertSession, revokeSession } from './sessions.store.ts';
import { findSignInCandidates } from './users.store.ts';

/** Where and when a session starts, as the HTTP layer saw it. */
export interface SessionStart {
  readonly now: Date;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly policy: SessionPolicy;
}

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  readonly token: string;
  readonly expiresAt: Date;
  readonly body: SignedIn;
}

// One e-mail address may belong to people in this many organisations before sign-in
// insists on `org` instead of trying the password against each.
const MAX_CANDIDATES = 10;

// The same answer for an unknown e-mail and a wrong password, so sign-in does not reveal
// who has an account.
function wrongCredentials(): AppError {
  return new AppError('unauthenticated', 'password: the e-mail address or the password is wrong', 'password');
}

// Password checks are slow on purpose (argon2id), so they run before any transaction:
// PGlite has one connection, and a sign-in must not hold it while hashing. The only write
// is the session row.
export async function signIn(db: Executor, input: SignIn, start: SessionStart): Promise<StartedSession> {
  let candidates = await findSignInCandidates(db, input.email);
  if (input.org !== undefined) candidates = candidates.filter((c) => c.slug === input.org);
  if (candidates.length === 0) {
    await verifyDummyPassword(input.password);
    throw wrongCredentials();
  }
  if (candidates.length > MAX_CANDIDATES) {
    throw new AppError('validation_failed', 'org: name the organisation to sign in to by its slug', 'org');
  }
  // With several organisations, the password decides: usually it opens only one of them.
  const matches: typeof candidates = [];
  for (const candidate of candidates) {
    if (candidate.password_hash && (await verifyPassword(candidate.password_hash, input.password))) {
      matches.push(candidate);
    }
  }
  const [match, ...others] = matches;
  if (!match) throw wrongCredentials();
  if (others.length > 0) {
    const slugs = matches.map((m) => m.slug).join(', ');
    throw new AppError(
      'validation_failed',
      `org: you have an account in several organisations (${slugs}); name one by its slug`,
      'org',
    );
  }
  return startSession(db, match.org_id, match.id, start);
}

/** Opens a session for a user whose identity is established (sign-in, accepted invitation). */
export async function startSession(
  db: Executor,
  orgId: OrgId,
  userId: UserId,
  start: SessionStart,
): Promise<StartedSession> {
  const token = newToken();
  const csrfToken = csrfTokenFor(token);
  const expiresAt = sessionExpiresAt(start.now, start.now, start.policy);
  await insertSession(db, {
    org_id: orgId,
    id: newId<SessionId>(start.now.getTime()),
    user_id: userId,
    token_hash: hashToken(token),
    csrf_token_hash: hashToken(csrfToken),
    created_at: start.now,
    last_seen_at: start.now,
    expires_at: expiresAt,
    revoked_at: null,
    user_agent: start.userAgent?.slice(0, 500) ?? null,
    ip: start.ip,
  });
  const me = await getMe(db, { orgId, userId });
  return { token, expiresAt, body: { ...me, csrfToken } };
}

/** Signs out: the session stops working at once, whoever holds its cookie. */
export async function endSession(db: Executor, orgId: OrgId, sessionId: SessionId, now: Date): Promise<void> {
  await revokeSession(db, orgId, sessionId, now);
}
