import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logger.js';
import { accessLog, type AnswerRedactor, errorHandler, notFound, requestId } from './middleware.js';

/** Hosts allowed to frame the tab: Teams and Microsoft 365 (web, desktop, Outlook). */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

/** Body limits: activities and API bodies are small; the webhook's own limit is 1 MiB. */
export const JSON_LIMIT = '256kb';

/**
 * The one express app: security headers, request ids, access log, JSON bodies with limits,
 * then the routers in order, then JSON 404 and the error catalog.
 */
export function createHttpApp(options: {
  logger: Logger;
  routers: RequestHandler[];
  rawBodyRouters?: RequestHandler[];
  httpsOnly: boolean;
  phi: AnswerRedactor;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'frame-ancestors': FRAME_ANCESTORS,
          'script-src': ["'self'"],
          'connect-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          // Local mode serves plain http on loopback; azure mode is HTTPS only.
          'upgrade-insecure-requests': options.httpsOnly ? [] : null,
        },
      },
      strictTransportSecurity: options.httpsOnly,
      frameguard: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(requestId);
  app.use((_req, res, next) => {
    res.locals.phi = options.phi;
    next();
  });
  app.use(accessLog(options.logger));
  // Routers that read the raw body themselves (the signed webhook) come before JSON parsing.
  for (const router of options.rawBodyRouters ?? []) app.use(router);
  app.use(express.json({ limit: JSON_LIMIT, type: ['application/json', 'application/*+json'] }));
  for (const router of options.routers) app.use(router);
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}
