/**
 * Every error a person can see comes from this catalog: a stable code, the HTTP status it maps
 * to at the edge, and a message they can act on. Nothing else (no stack, no driver text) leaves.
 */
export const ERRORS = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON.' },
  unauthenticated: { status: 401, message: 'Sign in first: send a valid bearer token.' },
  token_invalid: { status: 401, message: 'The bearer token is not valid.' },
  forbidden: { status: 403, message: 'You are not allowed to do that.' },
  not_found: { status: 404, message: 'Nothing is here.' },
  unknown_user: {
    status: 404,
    message: 'No user with that aadObjectId is in the local directory.',
  },
  refused: {
    status: 409,
    message: 'That step is not possible now: something it depends on is not done.',
  },
  payload_too_large: { status: 413, message: 'The body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
  internal: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
  not_ready: { status: 503, message: 'The service is starting or its store is unreachable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error as a value; `message` may add detail to the catalog's text. */
export class CockpitError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.name = 'CockpitError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export function isCockpitError(value: unknown): value is CockpitError {
  return value instanceof CockpitError;
}
