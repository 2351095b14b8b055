import type { Api, RouteDeps } from '../server/build-app.ts';
import { pageOf } from '../shared/schema.ts';
import { getChannelOverrides, replaceChannelOverrides } from './channel-overrides.ts';
import { listDuplicates } from './duplicate-queries.ts';
import { idempotent } from './idempotency.ts';
import {
  BatchResult,
  ChannelOverrideList,
  DuplicateGroup,
  DuplicateListQuery,
  IdempotencyHeaders,
  IngestBatch,
  IngestItem,
  IngestResult,
} from './ingest.schema.ts';
import { ingestBatch } from './ingest-batch.ts';
import { ingestLead } from './ingest-lead.ts';

const tags = ['capture'];
const REPLAYED_HEADER = 'idempotent-replayed';

export async function ingestRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.post(
    '/leads/ingest',
    {
      schema: {
        tags,
        summary: 'Capture a lead with its touchpoint',
        description:
          'The same person arriving again (same externalId, else normalised e-mail, else phone) gets a touchpoint ' +
          'on the existing lead (200, created: false) and its empty fields completed; anyone else becomes a new lead ' +
          '(201). UTM fields win over the parameters of `url`; the channel follows GA4 default channel grouping and ' +
          "the org's channel overrides; utm_campaign resolves to a campaign, created when new. Send an " +
          '`Idempotency-Key` header to make retries safe.',
        headers: IdempotencyHeaders,
        body: IngestItem,
        response: { 200: IngestResult, 201: IngestResult },
      },
    },
    async (req, reply) => {
      const answer = await run(req, (trx, ctx) =>
        idempotent(trx, ctx, { key: req.headers['idempotency-key'], route: 'ingest', body: req.body }, async () => {
          const result = await ingestLead(trx, ctx, req.body);
          return { status: result.created ? (201 as const) : (200 as const), body: result };
        }),
      );
      if (answer.replayed) void reply.header(REPLAYED_HEADER, 'true');
      return reply.status(answer.status).send(answer.body);
    },
  );

  app.post(
    '/leads/ingest/batch',
    {
      schema: {
        tags,
        summary: 'Capture up to 1,000 leads with their touchpoints',
        description:
          'Each item is `{ lead, touchpoint }` as for /leads/ingest and is validated and applied on its own: the ' +
          'answer has one result per item, in order, and items that failed changed nothing while the others are ' +
          'stored. Duplicates within a batch join the lead an earlier item created.',
        headers: IdempotencyHeaders,
        body: IngestBatch,
        response: { 200: BatchResult },
      },
    },
    async (req, reply) => {
      const answer = await run(req, (trx, ctx) =>
        idempotent(
          trx,
          ctx,
          { key: req.headers['idempotency-key'], route: 'ingest/batch', body: req.body },
          async () => ({ status: 200 as const, body: await ingestBatch(trx, ctx, req.body) }),
        ),
      );
      if (answer.replayed) void reply.header(REPLAYED_HEADER, 'true');
      return reply.status(answer.status).send(answer.body);
    },
  );

  app.get(
    '/leads/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicate leads',
        description:
          'Groups of leads sharing a normalised e-mail, a phone (E.164), or first name + last name + company. ' +
          'Ordered by reason, then by the oldest lead of the group.',
        querystring: DuplicateListQuery,
        response: { 200: pageOf(DuplicateGroup) },
      },
    },
    (req) => listDuplicates(db, req.actor.orgId, req.query),
  );

  app.get(
    '/channel-overrides',
    {
      schema: {
        tags,
        summary: "The org's channel overrides, in the order they are checked",
        response: { 200: ChannelOverrideList },
      },
    },
    (req) => getChannelOverrides(db, req.actor.orgId),
  );

  app.put(
    '/channel-overrides',
    {
      schema: {
        tags,
        summary: 'Replace the channel overrides',
        description:
          'Checked in order before the GA4 rules; the first match wins. Each needs at least one of source, medium ' +
          '(equal, case ignored) and campaignPattern (contained in the campaign, case ignored). Touchpoints already ' +
          'recorded keep their channel.',
        body: ChannelOverrideList,
        response: { 200: ChannelOverrideList },
      },
    },
    (req) => run(req, (trx, ctx) => replaceChannelOverrides(trx, ctx, req.body)),
  );
}
