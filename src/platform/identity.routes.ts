import { z } from 'zod';
import {
  clearSessionCookie,
  maxAgeOf,
  requireSession,
  sessionIdOf,
  sessionStartOf,
  setSessionCookie,
} from '../server/auth.ts';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { PASSWORD_CHANGE_LIMIT, PUBLIC_LIMIT, SIGN_IN_LIMIT } from '../server/rate-limits.ts';
import { pageOf } from '../shared/schema.ts';
import { getAuditLog } from './audit-log-queries.ts';
import { changePassword } from './change-password.ts';
import {
  AuditEntry,
  AuditListQuery,
  InvitationAccept,
  InvitationCreate,
  InvitationCreated,
  PasswordChange,
  SignIn,
} from './identity.schema.ts';
import { acceptInvitation, createInvitation } from './invitations.ts';
import { SignedIn } from './platform.schema.ts';
import { endSession, signIn } from './sign-in.ts';

const NoContent = z.null().describe('No content');
const PUBLIC = { security: [] };

export async function identityRoutes(app: Api, { db, run, sessionPolicy }: RouteDeps): Promise<void> {
  app.post(
    '/sessions',
    {
      config: { rateLimit: SIGN_IN_LIMIT },
      schema: {
        ...PUBLIC,
        tags: ['sessions'],
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the `baton_session` cookie (HttpOnly, SameSite=Lax). Writes made with the cookie must send the ' +
          'returned `csrfToken` as the `x-csrf-token` header. When the e-mail address has accounts in several ' +
          'organisations and the password opens more than one, name the organisation with `org` (its slug). ' +
          'Rate limited to 10 attempts a minute per address and e-mail.',
        body: SignIn,
        response: { 201: SignedIn },
      },
    },
    async (req, reply) => {
      const started = await signIn(db, req.body, sessionStartOf(req, sessionPolicy));
      setSessionCookie(req, reply, { token: started.token, maxAgeSeconds: maxAgeOf(started.expiresAt, req.now) });
      return reply.status(201).send(started.body);
    },
  );

  app.delete(
    '/sessions/current',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Sign out: end this session and clear its cookie',
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await endSession(db, req.actor.orgId, requireSession(req), req.now);
      clearSessionCookie(req, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/password',
    {
      config: { rateLimit: PASSWORD_CHANGE_LIMIT },
      schema: {
        tags: ['sessions'],
        summary: 'Change your password; your other sessions are signed out',
        body: PasswordChange,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await changePassword(db, { actor: req.actor, now: req.now }, sessionIdOf(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/invitations',
    {
      schema: {
        tags: ['users'],
        summary: 'Invite someone by link (admin)',
        description: 'The link is valid for 7 days and works once; its token is shown only in this response.',
        body: InvitationCreate,
        response: { 201: InvitationCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createInvitation(trx, ctx, req.body))),
  );

  app.post(
    '/invitations/accept',
    {
      config: { rateLimit: PUBLIC_LIMIT },
      schema: {
        ...PUBLIC,
        tags: ['users'],
        summary: 'Accept an invitation: creates the user and signs them in',
        body: InvitationAccept,
        response: { 201: SignedIn },
      },
    },
    async (req, reply) => {
      const started = await acceptInvitation(db, req.body, sessionStartOf(req, sessionPolicy));
      setSessionCookie(req, reply, { token: started.token, maxAgeSeconds: maxAgeOf(started.expiresAt, req.now) });
      return reply.status(201).send(started.body);
    },
  );

  app.get(
    '/audit-log',
    {
      schema: {
        tags: ['audit log'],
        summary: 'Who changed what, newest first (admin)',
        description:
          'One entry per written row with only the changed fields as `[before, after]`; secrets are never recorded. ' +
          '`from` is inclusive and `to` exclusive.',
        querystring: AuditListQuery,
        response: { 200: pageOf(AuditEntry) },
      },
    },
    (req) => getAuditLog(db, req.actor.orgId, req.query),
  );
}
