import { z } from 'zod';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { putCustomField } from './put-custom-field.ts';
import { putReasonCode } from './put-reason-code.ts';
import { replaceDealStageList } from './replace-deal-stages.ts';
import {
  CustomFieldDef,
  CustomFieldListQuery,
  CustomFieldParams,
  CustomFieldPut,
  DealStageList,
  DealStagesPut,
  ReasonCodeListQuery,
  ReasonCodeParams,
  ReasonCodePut,
  ReasonCodeView,
} from './settings.schema.ts';
import { getCustomFields, getDealStages, getReasonCodes } from './settings-queries.ts';

const tags = ['settings'];

export async function settingsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/reason-codes',
    {
      schema: {
        tags,
        summary: 'List reason codes, inactive ones included',
        querystring: ReasonCodeListQuery,
        response: { 200: z.object({ items: z.array(ReasonCodeView) }) },
      },
    },
    (req) => getReasonCodes(db, req.actor.orgId, req.query.kind),
  );

  app.put(
    '/reason-codes/:kind/:code',
    {
      schema: {
        tags,
        summary: 'Create or change a reason code (admin)',
        description: 'Codes are deactivated, never deleted, so past events keep a valid reason.',
        params: ReasonCodeParams,
        body: ReasonCodePut,
        response: { 200: ReasonCodeView },
      },
    },
    (req) => run(req, (trx, ctx) => putReasonCode(trx, ctx, req.params, req.body)),
  );

  app.get(
    '/deal-stages',
    { schema: { tags, summary: 'The ordered deal stages', response: { 200: DealStageList } } },
    (req) => getDealStages(db, req.actor.orgId),
  );

  app.put(
    '/deal-stages',
    {
      schema: {
        tags,
        summary: 'Replace the ordered deal stages (admin)',
        description: 'A stage that deals are in cannot be removed or change kind (409 naming `stages`).',
        body: DealStagesPut,
        response: { 200: DealStageList },
      },
    },
    (req) => run(req, (trx, ctx) => replaceDealStageList(trx, ctx, req.body)),
  );

  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'List custom field definitions',
        querystring: CustomFieldListQuery,
        response: { 200: z.object({ items: z.array(CustomFieldDef) }) },
      },
    },
    (req) => getCustomFields(db, req.actor.orgId, req.query.entity),
  );

  app.put(
    '/custom-fields/:entity/:key',
    {
      schema: {
        tags,
        summary: 'Create or change a custom field (admin)',
        params: CustomFieldParams,
        body: CustomFieldPut,
        response: { 200: CustomFieldDef },
      },
    },
    (req) => run(req, (trx, ctx) => putCustomField(trx, ctx, req.params, req.body)),
  );
}
