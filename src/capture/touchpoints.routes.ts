import type { Api, RouteDeps } from '../server/build-app.ts';
import { pageOf } from '../shared/schema.ts';
import { LeadIdParams, Touchpoint, TouchpointCreate, TouchpointListQuery } from './capture.schema.ts';
import { recordTouchpoint } from './record-touchpoint.ts';
import { listTouchpoints } from './touchpoint-queries.ts';

const tags = ['touchpoints'];

export async function touchpointsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.post(
    '/leads/:id/touchpoints',
    {
      schema: {
        tags,
        summary: 'Record a marketing touch on a lead',
        description:
          "The channel defaults to the campaign's. The first touch with a campaign or channel sets the lead's " +
          'firstCampaignId and sourceChannel when they are still empty.',
        params: LeadIdParams,
        body: TouchpointCreate,
        response: { 201: Touchpoint },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await run(req, (trx, ctx) => recordTouchpoint(trx, ctx, req.params.id, req.body))),
  );

  app.get(
    '/touchpoints',
    {
      schema: {
        tags,
        summary: 'List touchpoints',
        description: '`from` is inclusive and `to` exclusive.',
        querystring: TouchpointListQuery,
        response: { 200: pageOf(Touchpoint) },
      },
    },
    (req) => listTouchpoints(db, req.actor, req.query),
  );
}
