import { z } from 'zod';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { pageOf } from '../shared/schema.ts';
import { getForm, getFormSnippet, listForms } from './form-queries.ts';
import { Form, FormCreate, FormIdParams, FormListQuery, FormUpdate } from './forms.schema.ts';
import { createForm, deleteForm, updateForm } from './manage-forms.ts';

const tags = ['forms'];
const SnippetQuery = z.object({
  /** Where visitors' browsers reach Baton; defaults to the address this request came to. */
  origin: z
    .url({ protocol: /^https?$/ })
    .max(200)
    .optional(),
});

export async function formsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/forms',
    { schema: { tags, summary: 'List web forms', querystring: FormListQuery, response: { 200: pageOf(Form) } } },
    (req) => listForms(db, req.actor.orgId, req.query),
  );

  app.post(
    '/forms',
    {
      schema: {
        tags,
        summary: 'Create a web form',
        description:
          'Each field maps to a lead field or `custom.<key>`; a form needs one that fills email, phone or ' +
          'externalId. The honeypot input defaults to `website` (null for none). The key is public: it is the ' +
          'address submissions go to (`POST /f/{key}`).',
        body: FormCreate,
        response: { 201: Form },
      },
    },
    async (req, reply) => reply.status(201).send(await run(req, (trx, ctx) => createForm(trx, ctx, req.body))),
  );

  app.get(
    '/forms/:id',
    { schema: { tags, summary: 'Get a web form', params: FormIdParams, response: { 200: Form } } },
    (req) => getForm(db, req.actor.orgId, req.params.id),
  );

  app.patch(
    '/forms/:id',
    {
      schema: {
        tags,
        summary: 'Update a web form',
        description: 'Set `active: false` to stop taking submissions (they answer 404).',
        params: FormIdParams,
        body: FormUpdate,
        response: { 200: Form },
      },
    },
    (req) => run(req, (trx, ctx) => updateForm(trx, ctx, req.params.id, req.body)),
  );

  app.delete(
    '/forms/:id',
    { schema: { tags, summary: 'Delete a web form', params: FormIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await run(req, (trx, ctx) => deleteForm(trx, ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/forms/:id/snippet',
    {
      schema: {
        tags,
        summary: "The form's HTML snippet (text/html)",
        description:
          'A plain `<form method="post">` with hidden page_url, referrer and utm_* inputs, and an optional script ' +
          'that fills them from the page. Without the script Baton reads the page address from the Referer header.',
        params: FormIdParams,
        querystring: SnippetQuery,
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const origin = req.query.origin ?? `${req.protocol}://${req.host}`;
      const html = await getFormSnippet(db, req.actor.orgId, req.params.id, origin);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}
