import type { BreachService } from './breach-service.js';
import type { RequestContext } from './context.js';
import type { IncidentDetail, ResponseService } from './response-service.js';

/** The card verbs of SPEC §3 that drive the response (`data.incident` is the number). */
export const RESPONSE_VERBS = [
  'incident.respond',
  'playbook.done',
  'playbook.advance',
  'incident.note',
  'breach.assess',
  'breach.notified',
  'incident.close',
] as const;
export type ResponseVerb = (typeof RESPONSE_VERBS)[number];

export function isResponseVerb(verb: string): verb is ResponseVerb {
  return (RESPONSE_VERBS as readonly string[]).includes(verb);
}

/** Free text from a card or the API: trimmed, and null when empty or not text. */
export const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * One response verb with its `data`, as a card button or the tab sends it: the same reading of
 * the data for both, and the incident as it is after.
 */
export function runResponseVerb(
  deps: { response: ResponseService; breach: BreachService },
  ctx: RequestContext,
  n: number,
  verb: ResponseVerb,
  data: Record<string, unknown>,
): Promise<IncidentDetail> {
  const { response, breach } = deps;
  switch (verb) {
    case 'incident.respond':
      return response.respond(ctx, n, textOf(data.playbook));
    case 'playbook.done':
      return response.done(ctx, n, String(data.task ?? ''), textOf(data.note));
    case 'playbook.advance':
      return response.advance(ctx, n, textOf(data.override));
    case 'incident.note':
      return response.note(ctx, n, String(data.text ?? ''));
    case 'breach.assess':
      return data.decision === 'not_reportable'
        ? breach.decide(ctx, n, data.reasoning)
        : breach.assess(ctx, n, data);
    case 'breach.notified':
      return breach.notified(ctx, n, data);
    case 'incident.close':
      return response.close(ctx, n, {
        classification: String(data.classification ?? ''),
        reason: textOf(data.reason),
        summary: textOf(data.summary),
      });
  }
}
