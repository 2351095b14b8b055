import type { Api, RouteDeps } from '../server/build-app.ts';
import { Scorecard, ScorecardQuery } from './scorecard.schema.ts';
import { getScorecard } from './scorecard-queries.ts';

const tags = ['hand-off'];

export async function scorecardRoutes(app: Api, { db }: RouteDeps): Promise<void> {
  app.get(
    '/handoff/scorecard',
    {
      schema: {
        tags,
        summary: 'The SLA scorecard of a month',
        description:
          'Per rep, per team and for the org: MQLs received, accepted (within SLA), median and p90 business minutes ' +
          'to accept, time to first activity, breaches, rejects and their reasons; for marketing, MQLs delivered per ' +
          'segment against the targets and the accept rate. `counted` says what was counted.',
        querystring: ScorecardQuery,
        response: { 200: Scorecard },
      },
    },
    (req) => getScorecard(db, req.actor, req.query, req.now),
  );
}
