import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/app-error.ts';

// Limits for the endpoints anyone can call. Counters live in the process (one Baton
// process per database is the supported deployment); behind a proxy, configure Fastify's
// trustProxy so request.ip is the client's address.

function bodyField(request: FastifyRequest, field: string): string {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** Ten sign-in attempts a minute per address and e-mail, counted once the body is parsed. */
export const SIGN_IN_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  hook: 'preHandler',
  keyGenerator: (request: FastifyRequest) => `sign-in|${request.ip}|${bodyField(request, 'email')}`,
} as const;

/** Ten password changes a minute per user: each one checks the current password. */
export const PASSWORD_CHANGE_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  hook: 'preHandler',
  keyGenerator: (request: FastifyRequest) => `password|${request.actor.orgId}|${request.actor.userId}`,
} as const;

/** Ten tries a minute per address at the other public endpoints. */
export const PUBLIC_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  hook: 'preHandler',
  keyGenerator: (request: FastifyRequest) => `public|${request.ip}`,
} as const;

export function rateLimited(_request: FastifyRequest, context: { after: string }): AppError {
  return new AppError('rate_limited', `too many attempts; try again in ${context.after}`);
}
