import { z } from 'zod';
import { csrfTokenOf } from '../server/auth.ts';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { addUser } from './add-user.ts';
import { createTeam } from './create-team.ts';
import { issueApiKey } from './issue-api-key.ts';
import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  ApiKeyIdParams,
  Me,
  Team,
  TeamCreate,
  User,
  UserCreate,
  UserIdParams,
  UserUpdate,
} from './platform.schema.ts';
import { getApiKeys, getMe, getTeams, getUsers } from './platform-queries.ts';
import { revokeApiKey } from './revoke-api-key.ts';
import { updateUser } from './update-user.ts';

const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export async function platformRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/me',
    { schema: { tags: ['platform'], summary: 'Who is calling: the user and organisation', response: { 200: Me } } },
    (req) => getMe(db, req.actor, csrfTokenOf(req)),
  );

  app.get(
    '/users',
    { schema: { tags: ['users'], summary: 'List the people of the organisation', response: { 200: itemsOf(User) } } },
    (req) => getUsers(db, req.actor.orgId),
  );

  app.post(
    '/users',
    { schema: { tags: ['users'], summary: 'Add a user (admin)', body: UserCreate, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => addUser(trx, ctx, req.body))),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user (admin)',
        description: 'Deactivating a user stops their API keys; the last active admin cannot be demoted.',
        params: UserIdParams,
        body: UserUpdate,
        response: { 200: User },
      },
    },
    (req) => run(req, (trx, ctx) => updateUser(trx, ctx, req.params.id, req.body)),
  );

  app.get('/teams', { schema: { tags: ['users'], summary: 'List teams', response: { 200: itemsOf(Team) } } }, (req) =>
    getTeams(db, req.actor.orgId),
  );

  app.post(
    '/teams',
    { schema: { tags: ['users'], summary: 'Create a team (admin)', body: TeamCreate, response: { 201: Team } } },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createTeam(trx, ctx, req.body))),
  );

  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'List API keys (never their secrets)',
        response: { 200: itemsOf(ApiKey) },
      },
    },
    (req) => getApiKeys(db, req.actor.orgId),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key (admin); the secret is returned only here',
        body: ApiKeyCreate,
        response: { 201: ApiKeyCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => issueApiKey(trx, ctx, req.body))),
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key (admin)',
        params: ApiKeyIdParams,
        response: { 200: ApiKey },
      },
    },
    (req) => run(req, (trx, ctx) => revokeApiKey(trx, ctx, req.params.id)),
  );
}
