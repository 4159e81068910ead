import { Router } from 'express';
import { z } from 'zod';
import { CockpitError } from '../../../core/errors/index.js';
import type { AuditRepository } from '../store/audit-repo.js';
import type { AccessService } from '../services/access-service.js';
import { exportAudit } from '../services/audit-export.js';
import type { AuditTrail } from '../services/audit-trail.js';
import type { IdentityService } from '../services/identity-service.js';
import { apiContext } from './api-routes.js';
import { asyncRoute } from './middleware.js';

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time' });
const auditQuery = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    actor: z.string().trim().min(1).max(200).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    cursor: z.string().regex(/^\d+$/, 'must be the `next` value of a previous page').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The audit trail for the owner: search, verify, export (SPEC §6, §9). */
export function auditRoutes(deps: {
  identity: IdentityService;
  access: AccessService;
  repo: AuditRepository;
  trail: AuditTrail;
}): Router {
  const router = Router();
  const target = { type: 'audit', id: 'trail' };

  router.get(
    '/api/audit',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      await deps.access.require(ctx, 'read', 'system', target);
      const parsed = auditQuery.safeParse(req.query);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (i) => `${i.path.join('.') || 'query'}: ${i.message}`,
        );
        throw new CockpitError(
          'bad_request',
          `The audit query is not valid: ${problems.join('; ')}.`,
          problems,
        );
      }
      const q = parsed.data;
      const items = await deps.repo.query({
        from: q.from ? new Date(q.from).toISOString() : undefined,
        to: q.to ? new Date(q.to).toISOString() : undefined,
        actor: q.actor,
        action: q.action,
        afterSeq: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = items.slice(0, q.limit);
      const last = page[page.length - 1];
      res.json({ items: page, next: items.length > q.limit && last ? String(last.seq) : null });
    }),
  );

  router.get(
    '/api/audit/verify',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      await deps.access.require(ctx, 'read', 'system', target);
      const result = await deps.trail.verify();
      await deps.access.record(ctx, 'audit.verify', target, 'allowed', 'system', {
        ok: result.ok,
        entries: result.entries,
        firstBrokenSeq: result.firstBrokenSeq,
      });
      res.json(result);
    }),
  );

  router.get(
    '/api/audit/export',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      await deps.access.require(ctx, 'export', 'system', target);
      const format =
        req.query.format === 'csv'
          ? 'csv'
          : req.query.format === undefined || req.query.format === 'jsonl'
            ? 'jsonl'
            : null;
      if (!format) throw new CockpitError('bad_request', 'format must be jsonl or csv.');
      await deps.access.record(ctx, 'audit.export', target, 'allowed', 'system', { format });
      res.type(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
      res.setHeader('Content-Disposition', `attachment; filename="audit.${format}"`);
      for await (const chunk of exportAudit(deps.repo, format)) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    }),
  );
  return router;
}
