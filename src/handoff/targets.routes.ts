import type { Api, RouteDeps } from '../server/build-app.ts';
import { Target, TargetList, TargetPut, TargetsQuery } from './targets.schema.ts';
import { listTargets, putTarget } from './targets-commands.ts';

const tags = ['hand-off'];

export async function targetsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/handoff/targets',
    {
      schema: {
        tags,
        summary: "Marketing's monthly MQL targets",
        description: 'Per segment (`all` or a source channel): MQLs promised and the accept rate expected.',
        querystring: TargetsQuery,
        response: { 200: TargetList },
      },
    },
    (req) => listTargets(db, req.actor, req.query, req.now),
  );

  app.put(
    '/handoff/targets',
    {
      schema: {
        tags,
        summary: "Set one segment's target for a month",
        body: TargetPut,
        response: { 200: Target },
      },
    },
    (req) => run(req, (trx, ctx) => putTarget(trx, ctx, req.body)),
  );
}
