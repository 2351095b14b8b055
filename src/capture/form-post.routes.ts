import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api, RouteDeps } from '../server/build-app.ts';
import { toErrorBody } from '../server/errors.ts';
import { newId } from '../shared/ids.ts';
import { renderMessagePage } from './form-snippet.ts';
import { FormKeyParams, FormPostResult, FormSubmission } from './forms.schema.ts';
import { submitForm } from './submit-form.ts';

/** Twenty submissions a minute per client address and form; counted before the body is read. */
export const FORM_POST_LIMIT = {
  max: 20,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) =>
    `form|${request.ip}|${(request.params as { formKey?: string }).formKey ?? ''}`,
} as const;

// The public address web forms post to. It reads the three encodings a page can send and
// answers in kind: JSON to a client that sent or asked for JSON, otherwise a redirect to
// the form's thank-you URL (303) or a small HTML page, and errors as HTML pages.
export async function formPostRoutes(app: Api, { db }: RouteDeps): Promise<void> {
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 0, fields: 200, parts: 200, fieldSize: 20_000 },
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'form submission failed');
    if (wantsJson(request)) return reply.status(status).send(body);
    const title = status === 404 ? 'Form not found' : status === 429 ? 'Too many submissions' : 'Please check the form';
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(renderMessagePage(title, body.error.message, refererOf(request)));
  });

  app.post(
    '/f/:formKey',
    {
      config: { rateLimit: FORM_POST_LIMIT },
      schema: {
        tags: ['capture'],
        summary: 'Submit a web form (public)',
        description:
          'Accepts application/x-www-form-urlencoded, multipart/form-data (no files) and JSON, keyed by the ' +
          "form's input names plus page_url, referrer and utm_* hidden inputs. Answers JSON `{ ok, leadId }` to a " +
          "client that sends or accepts JSON; a browser is redirected (303) to the form's redirect URL or shown a " +
          'thank-you page. 20 submissions a minute per address and form.',
        security: [],
        params: FormKeyParams,
        body: FormSubmission,
        response: { 200: FormPostResult },
      },
    },
    async (req, reply) => {
      const outcome = await db
        .transaction()
        .execute((trx) =>
          submitForm(trx, req.now, { formKey: req.params.formKey, submission: req.body, referer: refererOf(req) }),
        );
      // A filled honeypot gets an answer indistinguishable from a real one.
      const leadId = outcome.kind === 'stored' ? outcome.leadId : newId();
      return answer(req, reply, leadId, outcome.redirectUrl);
    },
  );
}

function answer(req: FastifyRequest, reply: FastifyReply, leadId: string, redirectUrl: string | null) {
  if (wantsJson(req)) return reply.status(200).send({ ok: true, leadId });
  if (redirectUrl) return reply.redirect(redirectUrl, 303);
  return reply
    .status(200)
    .type('text/html; charset=utf-8')
    .send(renderMessagePage('Thank you', 'Your details have been sent.', refererOf(req)));
}

function wantsJson(request: FastifyRequest): boolean {
  if ((request.headers['content-type'] ?? '').startsWith('application/json')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function refererOf(request: FastifyRequest): string | null {
  const referer = request.headers.referer;
  return typeof referer === 'string' && referer !== '' ? referer : null;
}
