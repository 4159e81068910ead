import { Router, type Request } from 'express';
import { z } from 'zod';
import { permissionsOf } from '../../../core/access/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import type { LocalDirectory } from '../identity/directory.js';
import type { LocalTokenIssuer } from '../identity/tokens.js';
import type { AccessService } from '../services/access-service.js';
import type { Clock } from '../services/audit-trail.js';
import type { RequestContext } from '../services/context.js';
import type { IdentityService } from '../services/identity-service.js';
import { asyncRoute } from './middleware.js';

/** The signed-in caller of a tab API request; every route but dev sign-in needs one. */
export async function apiContext(identity: IdentityService, req: Request): Promise<RequestContext> {
  const actor = await identity.bearerActor(req.get('authorization'), 'tab', req.requestId);
  return { actor, channel: 'tab', requestId: req.requestId };
}

export function apiRoutes(deps: { identity: IdentityService }): Router {
  const router = Router();
  router.get(
    '/api/me',
    asyncRoute(async (req, res) => {
      const { actor } = await apiContext(deps.identity, req);
      res.json({
        user: { aadObjectId: actor.id, name: actor.name, upn: actor.upn },
        roles: actor.roles,
        permissions: permissionsOf(actor.roles),
      });
    }),
  );
  return router;
}

const UNKNOWN_CALLER = {
  id: 'anonymous',
  name: 'Unknown caller',
  kind: 'user' as const,
  roles: [],
  upn: null,
};

const devTokenBody = z
  .object({ aadObjectId: z.string().trim().min(1, 'aadObjectId must not be empty') })
  .strict();

/** Local mode only: the sign-in that stands in for Teams SSO, and the people to pick from. */
export function devSignInRoutes(deps: {
  directory: LocalDirectory;
  issuer: LocalTokenIssuer;
  access: AccessService;
  clock: Clock;
}): Router {
  const router = Router();
  router.get('/api/dev/users', (_req, res) => {
    res.json({
      items: deps.directory.users.map(({ aadObjectId, name, upn, roles }) => ({
        aadObjectId,
        name,
        upn,
        roles,
      })),
    });
  });
  router.post(
    '/api/dev/token',
    asyncRoute(async (req, res) => {
      const parsed = devTokenBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new CockpitError(
          'bad_request',
          `Send {"aadObjectId": "<id of a user in the local directory>"}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`,
        );
      }
      const user = await deps.directory.lookup(parsed.data.aadObjectId);
      const target = { type: 'sign-in', id: 'local' };
      if (!user) {
        // What was asked for is caller input: it goes to the (masked) details, never the actor.
        const ctx = { actor: UNKNOWN_CALLER, channel: 'tab' as const, requestId: req.requestId };
        await deps.access.record(ctx, 'auth.dev_sign_in', target, 'denied', null, {
          reason: 'unknown user',
          aadObjectId: parsed.data.aadObjectId.slice(0, 200),
        });
        throw new CockpitError('unknown_user');
      }
      const actor = {
        id: user.aadObjectId,
        name: user.name,
        kind: 'user' as const,
        roles: user.roles,
        upn: user.upn,
      };
      const ctx = { actor, channel: 'tab' as const, requestId: req.requestId };
      const issued = await deps.issuer.issue(user, deps.clock());
      await deps.access.record(ctx, 'auth.dev_sign_in', target, 'allowed', null);
      res.json(issued);
    }),
  );
  return router;
}
