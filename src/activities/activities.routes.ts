import type { Api, RouteDeps } from '../server/build-app.ts';
import { pageOf } from '../shared/schema.ts';
import { Activity, ActivityCreate, ActivityIdParams, ActivityListQuery, ActivityUpdate } from './activities.schema.ts';
import { getActivity, listActivities } from './activity-queries.ts';
import { completeActivity } from './complete-activity.ts';
import { createActivity } from './create-activity.ts';
import { updateActivity } from './update-activity.ts';

const tags = ['activities'];

export async function activitiesRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'List activities',
        description: '`open=true` lists tasks not yet completed.',
        querystring: ActivityListQuery,
        response: { 200: pageOf(Activity) },
      },
    },
    (req) => listActivities(db, req.actor, req.query),
  );

  app.post(
    '/activities',
    {
      schema: { tags, summary: 'Log an activity or create a task', body: ActivityCreate, response: { 201: Activity } },
    },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createActivity(trx, ctx, req.body))),
  );

  app.get(
    '/activities/:id',
    { schema: { tags, summary: 'Get an activity', params: ActivityIdParams, response: { 200: Activity } } },
    (req) => getActivity(db, req.actor, req.params.id),
  );

  app.patch(
    '/activities/:id',
    {
      schema: {
        tags,
        summary: 'Update an activity',
        params: ActivityIdParams,
        body: ActivityUpdate,
        response: { 200: Activity },
      },
    },
    (req) => run(req, (trx, ctx) => updateActivity(trx, ctx, req.params.id, req.body)),
  );

  app.post(
    '/activities/:id/complete',
    {
      schema: { tags, summary: 'Complete a task', params: ActivityIdParams, response: { 200: Activity } },
    },
    (req) => run(req, (trx, ctx) => completeActivity(trx, ctx, req.params.id)),
  );
}
