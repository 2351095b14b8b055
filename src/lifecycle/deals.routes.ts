import { z } from 'zod';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { DealIdSchema, pageOf } from '../shared/schema.ts';
import { createDeal } from './create-deal.ts';
import { getDeal, getDealEvents, listDeals } from './deal-queries.ts';
import {
  Deal,
  DealCreate,
  DealListQuery,
  DealTransitionInput,
  DealTransitionResult,
  DealUpdate,
  StageEvent,
} from './lifecycle.schema.ts';
import { transitionDeal } from './transition-deal.ts';
import { updateDeal } from './update-deal.ts';

const Params = z.object({ id: DealIdSchema });
const tags = ['deals'];

export async function dealsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/deals',
    { schema: { tags, summary: 'List deals', querystring: DealListQuery, response: { 200: pageOf(Deal) } } },
    (req) => listDeals(db, req.actor, req.query),
  );

  app.post(
    '/deals',
    { schema: { tags, summary: 'Create a deal', body: DealCreate, response: { 201: Deal } } },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createDeal(trx, ctx, req.body))),
  );

  app.get('/deals/:id', { schema: { tags, summary: 'Get a deal', params: Params, response: { 200: Deal } } }, (req) =>
    getDeal(db, req.actor, req.params.id),
  );

  app.patch(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'Update a deal (not its stage)',
        params: Params,
        body: DealUpdate,
        response: { 200: Deal },
      },
    },
    (req) => run(req, (trx, ctx) => updateDeal(trx, ctx, req.params.id, req.body)),
  );

  app.post(
    '/deals/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a deal to another stage',
        description: 'Closing as lost needs a loss reasonCode; closing moves the primary lead to won or lost.',
        params: Params,
        body: DealTransitionInput,
        response: { 201: DealTransitionResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await run(req, (trx, ctx) => transitionDeal(trx, ctx, req.params.id, req.body))),
  );

  app.get(
    '/deals/:id/events',
    {
      schema: {
        tags,
        summary: "A deal's stage events",
        params: Params,
        response: { 200: z.object({ items: z.array(StageEvent) }) },
      },
    },
    (req) => getDealEvents(db, req.actor, req.params.id),
  );
}
