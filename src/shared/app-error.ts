export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'rate_limited',
  'payload_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: { readonly [C in ErrorCode]: number } = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 422,
  rate_limited: 429,
  payload_too_large: 413,
  internal: 500,
};

// The one error type of Baton. `field` names the input that failed, as a dotted path.
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
}

export function notFound(entity: string, id: string): AppError {
  return new AppError('not_found', `${entity} ${id} was not found`);
}

export function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, field);
}
