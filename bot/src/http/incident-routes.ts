import { type Response, Router } from 'express';
import { z } from 'zod';
import { CockpitError } from '../../../core/errors/index.js';
import type { BreachService } from '../services/breach-service.js';
import type { RequestContext } from '../services/context.js';
import type { IncidentActions } from '../services/incident-actions.js';
import { assignee, INCIDENT_VERBS } from '../services/incident-chat.js';
import { incidentJson, incidentSummary } from '../services/incident-json.js';
import type { IdentityService } from '../services/identity-service.js';
import type { PhiViewService } from '../services/phi-view-service.js';
import { isResponseVerb, RESPONSE_VERBS, runResponseVerb } from '../services/response-verbs.js';
import type { IncidentDetail, ResponseService } from '../services/response-service.js';
import type { ResponsesRepository } from '../store/responses-repo.js';
import type { IncidentDocument, ReportService } from '../services/report-service.js';
import { apiContext } from './api-routes.js';
import { asyncRoute } from './middleware.js';

const VERBS = [...INCIDENT_VERBS, ...RESPONSE_VERBS] as readonly string[];

const listQuery = z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }).strict();
const actionBody = z
  .object({
    verb: z.string().refine((v) => VERBS.includes(v), {
      message: `must be one of ${VERBS.join(', ')}`,
    }),
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export interface IncidentRouteDeps {
  identity: IdentityService;
  actions: IncidentActions;
  response: ResponseService;
  breach: BreachService;
  responses: ResponsesRepository;
  views: PhiViewService;
  reports: ReportService;
}

/**
 * The tab's incident API (SPEC §9): the same services as chat, the caller's permissions on
 * each incident's class, PHI masked for readers who may not see it (a reveal is audited).
 */
export function incidentRoutes(deps: IncidentRouteDeps): Router {
  const router = Router();

  router.get(
    '/api/incidents',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      const query = listQuery.safeParse(req.query);
      if (!query.success) {
        throw new CockpitError('bad_request', 'status must be open, closed or all.');
      }
      const status = query.data.status;
      const visible = (await deps.actions.list(ctx, 'all')).filter(
        (s) => status === 'all' || (s.incident.status === 'Closed') === (status === 'closed'),
      );
      const responses = await deps.responses.byNumbers(visible.map((s) => s.incident.number));
      const items = [];
      for (const stored of visible) {
        const n = stored.incident.number;
        const row = incidentSummary(stored, responses.get(n)?.state?.phase ?? null);
        items.push(await shown(deps, ctx, stored.dataClass, n, row));
      }
      res.json({ items });
    }),
  );

  router.get(
    '/api/incidents/:n',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      const detail = await deps.response.detail(ctx, numberOf(String(req.params.n)));
      res.json(await detailJson(deps, ctx, detail));
    }),
  );

  router.post(
    '/api/incidents/:n/actions',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      const n = numberOf(String(req.params.n));
      const body = actionBody.safeParse(req.body ?? {});
      if (!body.success) {
        const problems = body.error.issues.map(
          (i) => `${i.path.join('.') || 'body'}: ${i.message}`,
        );
        throw new CockpitError(
          'bad_request',
          `Send {"verb", "data"}: ${problems.join('; ')}.`,
          problems,
        );
      }
      const detail = await perform(deps, ctx, n, body.data.verb, body.data.data);
      res.json(await detailJson(deps, ctx, detail));
    }),
  );
  router.get(
    '/api/incidents/:n/reports/:kind',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      const n = numberOf(String(req.params.n));
      const format = String(req.query.format ?? 'md');
      download(res, await deps.reports.report(ctx, n, String(req.params.kind), format));
    }),
  );

  router.get(
    '/api/incidents/:n/letters',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      res.json({ items: await deps.reports.letters(ctx, numberOf(String(req.params.n))) });
    }),
  );

  router.get(
    '/api/incidents/:n/letters/:kind',
    asyncRoute(async (req, res) => {
      const ctx = await apiContext(deps.identity, req);
      const n = numberOf(String(req.params.n));
      const state = typeof req.query.state === 'string' ? req.query.state : null;
      const format = String(req.query.format ?? 'md');
      download(res, await deps.reports.letter(ctx, n, String(req.params.kind), state, format));
    }),
  );
  return router;
}

/** A document as an attachment: it holds the incident's record and is never cached. */
function download(res: Response, doc: IncidentDocument): void {
  res
    .status(200)
    .set({
      'content-type': doc.contentType,
      'content-disposition': `attachment; filename="${doc.fileName}"`,
      'cache-control': 'no-store',
    })
    .send(doc.body);
}

/** One card verb, as chat would run it; the incident as it is after. */
async function perform(
  deps: IncidentRouteDeps,
  ctx: RequestContext,
  n: number,
  verb: string,
  data: Record<string, unknown>,
): Promise<IncidentDetail> {
  const { actions, response } = deps;
  if (isResponseVerb(verb)) return runResponseVerb(deps, ctx, n, verb, data);
  switch (verb) {
    case 'incident.ack':
      await actions.acknowledge(ctx, n);
      break;
    case 'incident.assign':
      await actions.assign(ctx, n, assignee(ctx, String(data.to ?? 'me')));
      break;
    case 'incident.severity':
      await actions.setSeverity(ctx, n, String(data.severity ?? ''));
      break;
    case 'incident.classify':
      await actions.classify(ctx, n, String(data.dataClass ?? ''));
      break;
    case 'incident.details':
      await actions.details(ctx, n);
      break;
  }
  return response.detail(ctx, n);
}

async function detailJson(deps: IncidentRouteDeps, ctx: RequestContext, detail: IncidentDetail) {
  const n = detail.stored.incident.number;
  return shown(deps, ctx, detail.stored.dataClass, n, incidentJson(detail));
}

/** The tab is the caller's own view: PHI shown to who may see it (audited), masked otherwise. */
async function shown<T>(
  deps: IncidentRouteDeps,
  ctx: RequestContext,
  dataClass: Parameters<PhiViewService['view']>[2],
  n: number,
  content: T,
): Promise<T> {
  const view = await deps.views.view(
    ctx,
    { shared: false },
    dataClass,
    {
      type: 'incident',
      id: String(n),
    },
    content,
  );
  return view.content;
}

function numberOf(param: string | undefined): number {
  const match = /^\d{1,9}$/.exec(param ?? '');
  if (!match) throw new CockpitError('bad_request', `"${param}" is not an incident number.`);
  return Number(param);
}
