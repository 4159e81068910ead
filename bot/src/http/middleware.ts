import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import {
  CockpitError,
  ERRORS,
  type ErrorCode,
  isCockpitError,
} from '../../../core/errors/index.js';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

/** Keeps a caller's X-Request-Id when it is a plain token, else makes one; echoes it back. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  req.requestId = given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
};

/** One line per request: method, route path (no query string), status, duration. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          requestId: req.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'http',
      );
    });
    next();
  };
}

/** What masks PHI in answers; the app puts it in `res.locals.phi` for every request. */
export interface AnswerRedactor {
  redact(text: string): string;
  redactJson<T>(value: T): T;
}

/** Error text can quote what a caller sent: message and details are masked before they leave. */
export function sendError(
  res: Response,
  code: ErrorCode,
  message?: string,
  details?: unknown,
): void {
  const phi = res.locals.phi as AnswerRedactor | undefined;
  const text = message ?? ERRORS[code].message;
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code, message: phi ? phi.redact(text) : text },
  };
  if (details !== undefined) body.error.details = phi ? phi.redactJson(details) : details;
  res.status(ERRORS[code].status).json(body);
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 'not_found', `No route ${req.method} ${req.path}.`);
};

/** Errors become catalog answers; anything unexpected is logged and answered as `internal`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (isCockpitError(error)) {
      sendError(res, error.code, error.message, error.details);
      return;
    }
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.too.large') return sendError(res, 'payload_too_large');
    if (type === 'entity.parse.failed') return sendError(res, 'invalid_json');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return sendError(res, 'unsupported_media_type');
    }
    logger.error({ requestId: req.requestId, err: error }, 'unhandled error');
    sendError(res, 'internal');
  };
}

/** Lets async handlers throw CockpitError values. */
export function asyncRoute(
  handler: (req: Request, res: Response) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}

export { CockpitError };
