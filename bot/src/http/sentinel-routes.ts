import express, { Router } from 'express';
import { CockpitError } from '../../../core/errors/index.js';
import { checkSignature } from '../sentinel/webhook-signature.js';
import type { AccessService } from '../services/access-service.js';
import type { RequestContext } from '../services/context.js';
import type { IdentityService } from '../services/identity-service.js';
import type { IntakeService } from '../services/intake-service.js';
import { asyncRoute, sendError } from './middleware.js';

/** Bodies over 1 MiB are refused with 413 (SPEC §2). */
export const WEBHOOK_LIMIT = '1mb';

/** The identity of a correctly signed request: the Sentinel playbook, as the system user. */
const SIGNED_SENDER: RequestContext['actor'] = {
  id: 'sentinel:hmac',
  name: 'Sentinel playbook (signed)',
  kind: 'system',
  roles: ['SystemUser'],
  upn: null,
};

/**
 * `POST /api/sentinel/incidents`. Exactly one of an Entra bearer token with the SystemUser role
 * or a valid HMAC signature must hold, else 401 (audited). While more requests are in flight
 * than the store can take, the answer is 429 with Retry-After: the sender retries, nothing is
 * dropped silently.
 */
export function sentinelRoutes(deps: {
  identity: IdentityService;
  access: AccessService;
  intake: IntakeService;
  webhookSecret: string | null;
  nowSeconds: () => number;
  maxInFlight?: number;
}): Router {
  const router = Router();
  const maxInFlight = deps.maxInFlight ?? 256;
  let inFlight = 0;
  router.post(
    '/api/sentinel/incidents',
    (req, res, next) => {
      if (inFlight >= maxInFlight) {
        res.setHeader('Retry-After', '1');
        sendError(
          res,
          'rate_limited',
          'The intake is saturated; retry after the Retry-After seconds.',
        );
        return;
      }
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
      next();
    },
    express.raw({ type: () => true, limit: WEBHOOK_LIMIT }),
    asyncRoute(async (req, res) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const ctx = await authenticate(
        deps,
        req.get('authorization'),
        req.get('x-cockpit-timestamp'),
        req.get('x-cockpit-signature'),
        rawBody,
        req.requestId,
      );
      const answer = await deps.intake.accept(ctx, rawBody);
      res.status(202).json(answer);
    }),
  );
  return router;
}

async function authenticate(
  deps: {
    identity: IdentityService;
    access: AccessService;
    webhookSecret: string | null;
    nowSeconds: () => number;
  },
  authorization: string | undefined,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: Buffer,
  requestId: string,
): Promise<RequestContext> {
  if (authorization) {
    let actor: RequestContext['actor'];
    try {
      actor = await deps.identity.bearerActor(authorization, 'webhook', requestId);
    } catch (error) {
      // The identity service has audited why; the webhook answers 401 whatever failed.
      throw new CockpitError('unauthenticated', (error as Error).message);
    }
    return { actor, channel: 'webhook', requestId };
  }
  const problem = deps.webhookSecret
    ? checkSignature({
        secret: deps.webhookSecret,
        timestamp,
        signature,
        rawBody,
        nowSeconds: deps.nowSeconds(),
      })
    : 'signed requests are not configured (no SENTINEL_WEBHOOK_SECRET)';
  const ctx = { actor: SIGNED_SENDER, channel: 'webhook' as const, requestId };
  if (problem) {
    await deps.access.record(
      {
        ...ctx,
        actor: { ...SIGNED_SENDER, id: 'anonymous', name: 'Unauthenticated sender', roles: [] },
      },
      'auth.webhook',
      { type: 'api', id: 'sentinel-webhook' },
      'denied',
      null,
      { reason: problem },
    );
    throw new CockpitError(
      'unauthenticated',
      `Sign the request or send a bearer token: ${problem}.`,
    );
  }
  return ctx;
}
