import { type QueryClient, queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { InvitationAccept, SignIn } from '../../../src/platform/identity.schema.ts';
import { rolesOf, ruleFor } from '../../../src/platform/permissions.ts';
import type { Me, SignedIn } from '../../../src/platform/platform.schema.ts';
import type { Role } from '../../../src/shared/actor.ts';
import { API_BASE, ApiError, api, setCsrfToken } from './api.ts';

/** Who is signed in: GET /me with the session cookie, which carries the CSRF token. */
export type Session = Me;

// The session cookie is HttpOnly, so the page cannot see it. This flag remembers that a
// sign-in happened in this browser, so a visitor who never signed in goes straight to the
// sign-in page instead of first asking GET /me and being told 401.
const HINT_KEY = 'baton.signed-in';

function setHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage may be disabled; the app then asks GET /me every time, which still works.
  }
}

function hasHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: loadSession,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

async function loadSession(): Promise<Session | null> {
  if (!hasHint()) return null;
  try {
    const session = await api.get<Session>('/me');
    setCsrfToken(session.csrfToken ?? null);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setHint(false);
      return null;
    }
    throw error;
  }
}

export async function signIn(queryClient: QueryClient, credentials: z.input<typeof SignIn>): Promise<Session> {
  return started(queryClient, await api.post<SignedIn>('/sessions', credentials));
}

/** Accepting an invitation sets the invitee's name and password and signs them in. */
export async function acceptInvitation(
  queryClient: QueryClient,
  input: z.input<typeof InvitationAccept>,
): Promise<Session> {
  return started(queryClient, await api.post<SignedIn>('/invitations/accept', input));
}

function started(queryClient: QueryClient, session: SignedIn): Session {
  setCsrfToken(session.csrfToken);
  setHint(true);
  queryClient.clear();
  queryClient.setQueryData(sessionQuery.queryKey, session);
  return session;
}

// Signing out revokes the session on the server, then reloads the sign-in page: a full
// navigation drops every cached answer at once, and no mounted page refetches in between
// (which would only meet 401s now that the session is gone).
export async function signOut(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries();
  try {
    await api.delete('/sessions/current');
  } finally {
    setHint(false);
    setCsrfToken(null);
    window.location.assign('/sign-in');
  }
}

/** Drops everything the signed-in person could see, e.g. after a 401. */
export function forgetSession(queryClient: QueryClient): void {
  setHint(false);
  setCsrfToken(null);
  queryClient.clear();
  queryClient.setQueryData(sessionQuery.queryKey, null);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post<unknown>('/me/password', { currentPassword, newPassword });
}

/** The signed-in session; only for pages under the signed-in layout, which guarantees one. */
export function useSession(): Session {
  const { data } = useSuspenseQuery(sessionQuery);
  if (!data) throw new Error('useSession used outside the signed-in layout');
  return data;
}

// What the interface offers each role, read from the server's own permission table so the
// two cannot drift. The server still enforces every rule; this only hides what a role
// could not use anyway, so nobody is shown a button that answers 403.
export function may(role: Role, method: string, path: string): boolean {
  const rule = ruleFor(`${method} ${API_BASE}${path}`);
  if (!rule) return false;
  const roles = rolesOf(rule);
  return roles === null || roles.includes(role);
}

export const abilities = {
  settings: (role: Role) => may(role, 'PUT', '/deal-stages'),
  auditLog: (role: Role) => may(role, 'GET', '/audit-log'),
  /** Give leads to anyone; a rep may only take a lead or hand it back (mayAssignOwner). */
  reassign: (role: Role) => may(role, 'PATCH', '/leads/:id') && role !== 'sales_rep',
  editLeads: (role: Role) => may(role, 'PATCH', '/leads/:id'),
  /** Marketing may move a lead only to MQL (transition-lead.ts); the stage rule decides the rest. */
  moveLeadsTo: (role: Role, to: string) =>
    may(role, 'POST', '/leads/:id/transitions') && (role !== 'marketing' || to === 'mql'),
  moveDeals: (role: Role) => may(role, 'POST', '/deals/:id/transitions'),
  logActivities: (role: Role) => may(role, 'POST', '/activities'),
};
