import type { Api, RouteDeps } from '../server/build-app.ts';
import { mergeLeads } from './merge-leads.ts';
import { listLeadMerges } from './merge-queries.ts';
import { LeadMerge, LeadMergeInput, LeadMergeList, LeadMergeListQuery, LeadMergeParams } from './merges.schema.ts';
import { undoMerge } from './undo-merge.ts';

const tags = ['capture'];

export async function mergesRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.post(
    '/leads/merges',
    {
      schema: {
        tags,
        summary: 'Merge one lead into another',
        description:
          "The merged lead's touchpoints, activities and deals move to the survivor; its empty fields are filled " +
          'from the merged lead unless `fields` says whose value to keep. Stage events stay on the lead they ' +
          "happened to (the survivor keeps its stage) and show on the survivor's timeline as merged history. The " +
          'merged lead is then hidden: GET /leads/:id answers 404 for it, and GET /leads/merges?leadId= says where ' +
          'it went. The merge can be undone.',
        body: LeadMergeInput,
        response: { 201: LeadMerge },
      },
    },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => mergeLeads(trx, ctx, req.body))),
  );

  app.post(
    '/leads/merges/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo a merge',
        description:
          'Moves the rows the merge moved back and restores the fields it changed. Refused (409) when that can no ' +
          'longer be exact: the survivor was merged again, a moved row was re-linked, or a filled field was edited.',
        params: LeadMergeParams,
        response: { 200: LeadMerge },
      },
    },
    (req) => run(req, (trx, ctx) => undoMerge(trx, ctx, req.params.id)),
  );

  app.get(
    '/leads/merges',
    {
      schema: {
        tags,
        summary: 'The merges a lead took part in',
        querystring: LeadMergeListQuery,
        response: { 200: LeadMergeList },
      },
    },
    (req) => listLeadMerges(db, req.actor, req.query),
  );
}
