import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, HTTP_STATUS } from '../shared/app-error.ts';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

// Unique and foreign-key constraints that a client can trip, by their hand-written names,
// mapped to the API field they concern. The database is the last line of defence against
// races; commands check first and give the same answer.
const CONSTRAINT_FIELDS: Record<string, string> = {
  leads_external_id_key: 'externalId',
  deals_external_id_key: 'externalId',
  accounts_external_id_key: 'externalId',
  accounts_domain_key: 'domain',
  campaigns_external_id_key: 'externalId',
  campaigns_utm_campaign_key: 'utmCampaign',
  users_email_key: 'email',
  teams_name_key: 'name',
  orgs_slug_key: 'slug',
};

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.field) body.error.field = error.field;
    return { status: HTTP_STATUS[error.code], body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const params = (first?.params ?? {}) as { keys?: string[] };
    let field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    if (params.keys?.[0]) field = field ? `${field}.${params.keys[0]}` : params.keys[0];
    if (!field) field = error.validationContext ?? 'body';
    const message = params.keys ? `unknown field ${params.keys.join(', ')}` : (first?.message ?? 'invalid');
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: `${field}: ${message}`, field } },
    };
  }
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23505' && pgError.constraint) {
    const field = CONSTRAINT_FIELDS[pgError.constraint];
    const message = field ? `${field}: this value is already taken` : 'this record already exists';
    return {
      status: 409,
      body: { error: field ? { code: 'conflict', message, field } : { code: 'conflict', message } },
    };
  }
  if (pgError.code === '23503') {
    // A referenced row vanished between the command's check and its write.
    return {
      status: 409,
      body: { error: { code: 'conflict', message: 'a record this request refers to has just changed; retry' } },
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode === 413) {
    return { status: 413, body: { error: { code: 'payload_too_large', message: 'the request body is too large' } } };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const field = fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'body' : undefined;
    return {
      status: fastifyError.statusCode,
      body: { error: { code: 'validation_failed', message: fastifyError.message, ...(field ? { field } : {}) } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorBody(error);
  if (status >= 500 || isResponseSerializationError(error)) request.log.error({ err: error }, 'request failed');
  void reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({
    error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
  });
}
