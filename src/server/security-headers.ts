import type { FastifyReply, FastifyRequest } from 'fastify';

// Sent with every response, errors included. The CSP allows only Baton's own scripts,
// styles and images (plus inline styles and data: images, which the app and Swagger UI
// use) and no framing; user-supplied text therefore cannot run as script even if some
// page rendered it as HTML by mistake.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

const HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export async function securityHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  for (const [name, value] of Object.entries(HEADERS)) {
    if (!reply.hasHeader(name)) void reply.header(name, value);
  }
  return payload;
}
