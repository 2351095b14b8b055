import type { Api, RouteDeps } from '../server/build-app.ts';
import { pageOf } from '../shared/schema.ts';
import { getCampaign, getCampaignSpend, listCampaigns } from './campaign-queries.ts';
import {
  Campaign,
  CampaignCreate,
  CampaignIdParams,
  CampaignListQuery,
  CampaignUpdate,
  SpendDay,
  SpendList,
  SpendParams,
  SpendPut,
  SpendQuery,
} from './capture.schema.ts';
import { createCampaign } from './create-campaign.ts';
import { putCampaignSpend } from './put-campaign-spend.ts';
import { updateCampaign } from './update-campaign.ts';

const tags = ['campaigns'];

export async function campaignsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/campaigns',
    {
      schema: { tags, summary: 'List campaigns', querystring: CampaignListQuery, response: { 200: pageOf(Campaign) } },
    },
    (req) => listCampaigns(db, req.actor.orgId, req.query),
  );

  app.post(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign',
        description: 'The currency defaults to the organisation currency.',
        body: CampaignCreate,
        response: { 201: Campaign },
      },
    },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createCampaign(trx, ctx, req.body))),
  );

  app.get(
    '/campaigns/:id',
    { schema: { tags, summary: 'Get a campaign', params: CampaignIdParams, response: { 200: Campaign } } },
    (req) => getCampaign(db, req.actor.orgId, req.params.id),
  );

  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Update a campaign',
        params: CampaignIdParams,
        body: CampaignUpdate,
        response: { 200: Campaign },
      },
    },
    (req) => run(req, (trx, ctx) => updateCampaign(trx, ctx, req.params.id, req.body)),
  );

  app.put(
    '/campaigns/:id/spend/:day',
    {
      schema: {
        tags,
        summary: "Set a campaign's spend for one day",
        description: "Replaces the day's amount. Spend is recorded in the campaign currency.",
        params: SpendParams,
        body: SpendPut,
        response: { 200: SpendDay },
      },
    },
    (req) => run(req, (trx, ctx) => putCampaignSpend(trx, ctx, req.params, req.body)),
  );

  app.get(
    '/campaigns/:id/spend',
    {
      schema: {
        tags,
        summary: "A campaign's daily spend and its total",
        description: '`from` and `to` are inclusive days.',
        params: CampaignIdParams,
        querystring: SpendQuery,
        response: { 200: SpendList },
      },
    },
    (req) => getCampaignSpend(db, req.actor.orgId, req.params.id, req.query),
  );
}
