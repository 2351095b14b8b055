import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { activitiesRoutes } from '../activities/activities.routes.ts';
import { campaignsRoutes } from '../capture/campaigns.routes.ts';
import { formPostRoutes } from '../capture/form-post.routes.ts';
import { formsRoutes } from '../capture/forms.routes.ts';
import { importsRoutes } from '../capture/import/imports.routes.ts';
import { ingestRoutes } from '../capture/ingest.routes.ts';
import { mergesRoutes } from '../capture/merges.routes.ts';
import { touchpointsRoutes } from '../capture/touchpoints.routes.ts';
import { setAuditActor } from '../db/audit.ts';
import type { Db, Trx } from '../db/database.ts';
import { mqlRoutes } from '../handoff/mql.routes.ts';
import { notificationsRoutes } from '../handoff/notifications.routes.ts';
import { queueRoutes } from '../handoff/queue.routes.ts';
import { routingRoutes } from '../handoff/routing.routes.ts';
import { scorecardRoutes } from '../handoff/scorecard.routes.ts';
import { slaSettingsRoutes } from '../handoff/sla-settings.routes.ts';
import { targetsRoutes } from '../handoff/targets.routes.ts';
import { accountsRoutes } from '../lifecycle/accounts.routes.ts';
import { dealsRoutes } from '../lifecycle/deals.routes.ts';
import { leadsRoutes } from '../lifecycle/leads.routes.ts';
import { settingsRoutes } from '../lifecycle/settings.routes.ts';
import { identityRoutes } from '../platform/identity.routes.ts';
import { authorize, routeKey } from '../platform/permissions.ts';
import { platformRoutes } from '../platform/platform.routes.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../platform/session-tokens.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type Clock, type CommandContext, systemClock } from '../shared/context.ts';
import {
  type Authentication,
  authenticate,
  type Credential,
  clearSessionCookie,
  csrfFailure,
  setSessionCookie,
} from './auth.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { rateLimited } from './rate-limits.ts';
import { securityHeaders } from './security-headers.ts';
import { registerWebApp } from './web-app.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Who acts. Set on every route whose permission rule is not 'public' (the permissions
     * hook refuses the request otherwise); public routes must not read it.
     */
    actor: Actor;
    /** How the actor proved who they are; null on public routes. */
    credential: Credential | null;
    now: Date;
  }
}

export interface AppDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly logger?: boolean;
  readonly sessionPolicy?: SessionPolicy;
  /** Trust X-Forwarded-For/-Proto from a proxy in front (rate limits by client, Secure cookies). */
  readonly trustProxy?: boolean;
}

export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteDeps {
  readonly db: Db;
  readonly sessionPolicy: SessionPolicy;
  /**
   * Runs one command in its own transaction with the request's actor and time. The
   * transaction first names the actor for the audit trigger (one statement).
   */
  run<T>(request: FastifyRequest, command: (trx: Trx, ctx: CommandContext) => Promise<T>): Promise<T>;
}

export const API_PREFIX = '/api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

const REGISTERED = new WeakMap<object, RegisteredRoute[]>();

/** Every route the app registered, as Fastify registered it (HEAD routes included). */
export function listRoutes(app: Api): readonly RegisteredRoute[] {
  return REGISTERED.get(app) ?? [];
}

const NOBODY: Authentication = { credential: null, failure: null, cookie: null };
const DENIED_CODES = { 401: 'unauthenticated', 403: 'forbidden', 500: 'internal' } as const;

// Builds the whole HTTP application without listening, so tests use `inject()`.
export async function buildApp(deps: AppDeps): Promise<Api> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: deps.logger ? { level: 'info' } : false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorateRequest('actor');
  app.decorateRequest('credential', null);
  app.decorateRequest('now');
  const sessionPolicy = deps.sessionPolicy ?? DEFAULT_SESSION_POLICY;

  const routes: RegisteredRoute[] = [];
  REGISTERED.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  // Cookies are parsed in the plugin's own onRequest hook, which must run before ours.
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: rateLimited });

  // The one enforcement point: every request is matched to its route's permission rule
  // (permissions.ts) before anything else runs. A route without a rule answers 500.
  app.addHook('onRequest', async (request, reply) => {
    request.now = clock();
    const url = request.routeOptions.url;
    if (url === undefined) return; // no such route: the not-found handler answers
    const route = routeKey(request.method, url);
    const open = authorize(null, route).ok;
    const auth = open ? NOBODY : await authenticate(deps.db, request, request.now, sessionPolicy);
    if (auth.cookie === 'clear') clearSessionCookie(request, reply);
    else if (auth.cookie) setSessionCookie(request, reply, auth.cookie);
    const decision = authorize(auth.credential?.actor ?? null, route);
    if (!decision.ok) {
      if (decision.status === 401 && auth.failure) throw auth.failure;
      throw new AppError(
        DENIED_CODES[decision.status],
        decision.message,
        decision.status === 401 ? 'authorization' : undefined,
      );
    }
    if (!auth.credential) return;
    const csrf = csrfFailure(request, auth.credential);
    if (csrf) throw csrf;
    request.actor = auth.credential.actor;
    request.credential = auth.credential;
  });
  app.addHook('onSend', securityHeaders);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Baton API',
        version: '1',
        description:
          'The closed-loop lead-to-revenue API. Stage changes are commands (`POST …/transitions`), never field updates. ' +
          'Errors are `{ error: { code, message, field? } }`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A key starting with baton_' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'baton_session',
            description: 'Set by POST /api/v1/sessions; writes also need the x-csrf-token header',
          },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));

  const routeDeps: RouteDeps = {
    db: deps.db,
    sessionPolicy,
    run: (request, command) =>
      deps.db.transaction().execute(async (trx) => {
        await setAuditActor(trx, request.actor.userId);
        return command(trx, { actor: request.actor, now: request.now });
      }),
  };

  await app.register(
    async (api: Api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      for (const feature of [
        leadsRoutes,
        dealsRoutes,
        accountsRoutes,
        campaignsRoutes,
        touchpointsRoutes,
        activitiesRoutes,
        settingsRoutes,
        platformRoutes,
        identityRoutes,
        ingestRoutes,
        mergesRoutes,
        formsRoutes,
        queueRoutes,
        scorecardRoutes,
        targetsRoutes,
        notificationsRoutes,
        slaSettingsRoutes,
        routingRoutes,
        mqlRoutes,
        importsRoutes,
      ]) {
        await api.register(async (scope: Api) => feature(scope, routeDeps));
      }
    },
    { prefix: API_PREFIX },
  );
  // Public web-form submissions, outside the API prefix: their own body parsers and errors.
  await app.register(async (scope: Api) => formPostRoutes(scope, routeDeps));
  await registerWebApp(app);
  return app;
}
