import { z } from 'zod';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { LeadIdSchema } from '../shared/schema.ts';
import { getLeadAssignments } from './assignment-queries.ts';
import { previewRouting } from './preview-route.ts';
import {
  AssignmentList,
  AssignmentListQuery,
  RoutingPreview,
  RoutingPreviewInput,
  RoutingRepList,
  RoutingRepParams,
  RoutingRepPut,
  RoutingRepView,
  RoutingRuleList,
  RoutingRulesPut,
} from './routing.schema.ts';
import { getRoutingReps, getRoutingRules, putRoutingRep, replaceRoutingRules } from './routing-settings.ts';

const tags = ['routing'];

export async function routingRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/handoff/routing-rules',
    {
      schema: {
        tags,
        summary: 'The ordered routing rules',
        description:
          'With no saved rules (`defaultsApply`), MQLs go to the account owner, then round-robin over all sales reps.',
        response: { 200: RoutingRuleList },
      },
    },
    (req) => getRoutingRules(db, req.actor.orgId),
  );

  app.put(
    '/handoff/routing-rules',
    {
      schema: {
        tags,
        summary: 'Replace the ordered routing rules (admin, sales manager)',
        description:
          'One transaction. Errors name the rule, e.g. `rules.2.teamId`; a fallback queue may only be last. ' +
          'An empty list brings back the defaults.',
        body: RoutingRulesPut,
        response: { 200: RoutingRuleList },
      },
    },
    (req) => run(req, (trx, ctx) => replaceRoutingRules(trx, ctx, req.body)),
  );

  app.get(
    '/handoff/routing-reps',
    {
      schema: {
        tags,
        summary: 'Active sales reps and managers with weight, capacity, absence and open MQLs',
        response: { 200: RoutingRepList },
      },
    },
    (req) => getRoutingReps(db, req.actor.orgId, req.now),
  );

  app.put(
    '/handoff/routing-reps/:userId',
    {
      schema: {
        tags,
        summary: "Set a rep's routing weight, capacity or out-of-office (admin, sales manager)",
        description: 'Absent fields keep their value.',
        params: RoutingRepParams,
        body: RoutingRepPut,
        response: { 200: RoutingRepView },
      },
    },
    (req) => run(req, (trx, ctx) => putRoutingRep(trx, ctx, req.params.userId, req.body)),
  );

  app.post(
    '/handoff/routing/preview',
    {
      schema: {
        tags,
        summary: 'Who would get this lead? Routes a saved lead or lead facts without saving anything',
        body: RoutingPreviewInput,
        response: { 200: RoutingPreview },
      },
    },
    (req) => previewRouting(db, req.actor, req.now, req.body),
  );

  app.get(
    '/leads/:id/assignments',
    {
      schema: {
        tags,
        summary: "A lead's routing decisions, newest first",
        description: 'At most `limit` (default 20, at most 100); `truncated` says when there are older ones.',
        params: z.object({ id: LeadIdSchema }),
        querystring: AssignmentListQuery,
        response: { 200: AssignmentList },
      },
    },
    (req) => getLeadAssignments(db, req.actor, req.params.id, req.query.limit),
  );
}
