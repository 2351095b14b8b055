import type { Api, RouteDeps } from '../server/build-app.ts';
import { Queue, QueueQuery } from './queue.schema.ts';
import { getQueue } from './queue-queries.ts';

const tags = ['hand-off'];

export async function queueRoutes(app: Api, { db }: RouteDeps): Promise<void> {
  app.get(
    '/queue',
    {
      schema: {
        tags,
        summary: "A sales person's queue",
        description:
          'Their MQLs, soonest accept deadline first (business minutes left from the org calendar), then open tasks ' +
          'due today and accepted leads waiting for a first activity. `scope=team` (sales managers, admins): the ' +
          "team's MQLs, including those waiting unowned in its queue, and its breaches. Each section holds at most " +
          '200 items and says how many there are (`total`, `truncated`).',
        querystring: QueueQuery,
        response: { 200: Queue },
      },
    },
    (req) => getQueue(db, req.actor, req.query, req.now),
  );
}
