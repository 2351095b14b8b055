import type { Api, RouteDeps } from '../server/build-app.ts';
import { pageOf } from '../shared/schema.ts';
import { getAccount, listAccounts } from './account-queries.ts';
import { Account, AccountCreate, AccountIdParams, AccountListQuery, AccountUpdate } from './accounts.schema.ts';
import { createAccount } from './create-account.ts';
import { updateAccount } from './update-account.ts';

const tags = ['accounts'];

export async function accountsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: 'List accounts',
        description: '`q` matches name or domain; `ownerId=none` lists unowned accounts.',
        querystring: AccountListQuery,
        response: { 200: pageOf(Account) },
      },
    },
    (req) => listAccounts(db, req.actor.orgId, req.query),
  );

  app.post(
    '/accounts',
    { schema: { tags, summary: 'Create an account', body: AccountCreate, response: { 201: Account } } },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createAccount(trx, ctx, req.body))),
  );

  app.get(
    '/accounts/:id',
    { schema: { tags, summary: 'Get an account', params: AccountIdParams, response: { 200: Account } } },
    (req) => getAccount(db, req.actor.orgId, req.params.id),
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Update an account',
        params: AccountIdParams,
        body: AccountUpdate,
        response: { 200: Account },
      },
    },
    (req) => run(req, (trx, ctx) => updateAccount(trx, ctx, req.params.id, req.body)),
  );
}
