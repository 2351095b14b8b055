import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { touchpointsRoutes } from '../capture/touchpoints.routes.ts';
import type { Db, Trx } from '../db/database.ts';
import { accountsRoutes } from '../lifecycle/accounts.routes.ts';
import { dealsRoutes } from '../lifecycle/deals.routes.ts';
import { leadsRoutes } from '../lifecycle/leads.routes.ts';
import { settingsRoutes } from '../lifecycle/settings.routes.ts';
import { platformRoutes } from '../platform/platform.routes.ts';
import type { Actor } from '../shared/actor.ts';
import { type Clock, type CommandContext, systemClock } from '../shared/context.ts';
import { authenticate } from './auth.ts';
import { errorHandler, notFoundHandler } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    now: Date;
  }
}

export interface AppDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly logger?: boolean;
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
  /** Runs one command in its own transaction with the request's actor and time. */
  run<T>(request: FastifyRequest, command: (trx: Trx, ctx: CommandContext) => Promise<T>): Promise<T>;
}

export const API_PREFIX = '/api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;

// Builds the whole HTTP application without listening, so tests use `inject()`.
export async function buildApp(deps: AppDeps): Promise<Api> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: deps.logger ? { level: 'info' } : false,
    bodyLimit: BODY_LIMIT_BYTES,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorateRequest('actor');
  app.decorateRequest('now');

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
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A key starting with baton_' } },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));

  const routeDeps: RouteDeps = {
    db: deps.db,
    run: (request, command) =>
      deps.db.transaction().execute((trx) => command(trx, { actor: request.actor, now: request.now })),
  };

  await app.register(
    async (api: Api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.addHook('onRequest', async (request) => {
        request.now = clock();
        if (request.routeOptions.url === `${API_PREFIX}/openapi.json`) return;
        request.actor = await authenticate(deps.db, request, request.now);
      });
      for (const routes of [
        leadsRoutes,
        dealsRoutes,
        accountsRoutes,
        campaignsRoutes,
        touchpointsRoutes,
        activitiesRoutes,
        settingsRoutes,
        platformRoutes,
      ]) {
        await api.register(async (scope: Api) => routes(scope, routeDeps));
      }
    },
    { prefix: API_PREFIX },
  );
  return app;
}
