import { z } from 'zod';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { LeadIdSchema, pageOf } from '../shared/schema.ts';
import { createLead } from './create-lead.ts';
import { getLead, getLeadEvents, listLeads } from './lead-queries.ts';
import {
  Lead,
  LeadCreate,
  LeadListQuery,
  LeadTransitionInput,
  LeadTransitionResult,
  LeadUpdate,
  StageEvent,
} from './lifecycle.schema.ts';
import { getLeadTimeline, Timeline } from './timeline.ts';
import { transitionLead } from './transition-lead.ts';
import { updateLead } from './update-lead.ts';

const Params = z.object({ id: LeadIdSchema });
const tags = ['leads'];

export async function leadsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/leads',
    { schema: { tags, summary: 'List leads', querystring: LeadListQuery, response: { 200: pageOf(Lead) } } },
    (req) => listLeads(db, req.actor, req.query),
  );

  app.post(
    '/leads',
    { schema: { tags, summary: 'Create a lead', body: LeadCreate, response: { 201: Lead } } },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createLead(trx, ctx, req.body))),
  );

  app.get('/leads/:id', { schema: { tags, summary: 'Get a lead', params: Params, response: { 200: Lead } } }, (req) =>
    getLead(db, req.actor, req.params.id),
  );

  app.patch(
    '/leads/:id',
    {
      schema: {
        tags,
        summary: 'Update a lead (not its stage)',
        params: Params,
        body: LeadUpdate,
        response: { 200: Lead },
      },
    },
    (req) => run(req, (trx, ctx) => updateLead(trx, ctx, req.params.id, req.body)),
  );

  app.post(
    '/leads/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a lead to another stage',
        description:
          'Moving to disqualified or recycled needs a reasonCode; moving to opportunity needs a deal and creates it.',
        params: Params,
        body: LeadTransitionInput,
        response: { 201: LeadTransitionResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await run(req, (trx, ctx) => transitionLead(trx, ctx, req.params.id, req.body))),
  );

  app.get(
    '/leads/:id/events',
    {
      schema: {
        tags,
        summary: "A lead's stage events",
        params: Params,
        response: { 200: z.object({ items: z.array(StageEvent) }) },
      },
    },
    (req) => getLeadEvents(db, req.actor, req.params.id),
  );

  app.get(
    '/leads/:id/timeline',
    { schema: { tags, summary: "A lead's timeline in time order", params: Params, response: { 200: Timeline } } },
    (req) => getLeadTimeline(db, req.actor, req.params.id),
  );
}
