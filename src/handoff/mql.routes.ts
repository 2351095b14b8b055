import { z } from 'zod';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { LeadIdSchema } from '../shared/schema.ts';
import { LeadScoreView, MqlDefinition, MqlDefinitionInput, MqlPreview } from './mql.schema.ts';
import { currentMqlDefinition, toMqlDefinitionView } from './mql-current.ts';
import { getLeadScore } from './mql-lead-score.ts';
import { previewMqlDefinition } from './preview-mql-definition.ts';
import { saveMqlDefinition } from './save-mql-definition.ts';

const tags = ['hand-off'];
const Params = z.object({ id: LeadIdSchema });

export async function mqlRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/handoff/mql-definition',
    {
      schema: {
        tags,
        summary: 'The current MQL definition',
        description:
          'The latest version. An organisation that never saved one has the default, stored as version 1 the ' +
          'first time anything reads it.',
        response: { 200: MqlDefinition },
      },
    },
    (req) => run(req, async (trx, ctx) => toMqlDefinitionView(await currentMqlDefinition(trx, ctx))),
  );

  app.put(
    '/handoff/mql-definition',
    {
      schema: {
        tags,
        summary: 'Save the MQL definition as its next version (admin, marketing, sales manager)',
        description:
          'Versions are never changed: saving adds version n+1, and leads qualify under it from then on. ' +
          'A 400 names the failing path, such as `conditions.2.values` or `scoringRules.0.touchType`.',
        body: MqlDefinitionInput,
        response: { 200: MqlDefinition },
      },
    },
    (req) => run(req, (trx, ctx) => saveMqlDefinition(trx, ctx, req.body)),
  );

  app.post(
    '/handoff/mql-definition/preview',
    {
      schema: {
        tags,
        summary: "How a draft definition would have treated last month's leads",
        description:
          'Over the leads created in the 30 days up to now: how many pass each check on its own, how many pass ' +
          'every required field and condition, and how many would be MQLs (the score threshold too). Scores are ' +
          "computed under the draft's scoring rules. Nothing is saved.",
        body: MqlDefinitionInput,
        response: { 200: MqlPreview },
      },
    },
    (req) => previewMqlDefinition(db, { actor: req.actor, now: req.now }, req.body),
  );

  app.get(
    '/leads/:id/score',
    {
      schema: {
        tags,
        summary: "A lead's score, explained",
        description:
          'The score as of now under the current definition, one line per scoring rule that applied, and which ' +
          'checks of the MQL definition the lead fails.',
        params: Params,
        response: { 200: LeadScoreView },
      },
    },
    (req) => run(req, (trx, ctx) => getLeadScore(trx, ctx, req.params.id)),
  );
}
