import { canIngestIncidents } from '../../../core/access/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import { parseTrigger } from '../../../core/incidents/index.js';
import type { IncidentEventsRepository } from '../store/incident-events-repo.js';
import type { AccessService } from './access-service.js';
import type { Clock } from './audit-trail.js';
import type { RequestContext } from './context.js';

export interface IntakeAnswer {
  accepted: true;
  incidentNumber: number;
  duplicate: boolean;
}

/**
 * Sentinel push intake (SPEC §2): check the caller, validate the trigger body, store it durably
 * (idempotent by event and by incident version), and only then say 202. Every outcome is
 * audited on the `webhook` channel.
 */
export class IntakeService {
  constructor(
    private readonly events: IncidentEventsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    /** Called after each newly stored event (the processor drains the log). */
    private readonly afterAccept: () => void = () => undefined,
  ) {}

  async accept(ctx: RequestContext, rawBody: Buffer): Promise<IntakeAnswer> {
    const target = { type: 'sentinel-event', id: 'webhook' };
    const decision = canIngestIncidents(ctx.actor);
    if (!decision.allowed) {
      await this.access.record(ctx, 'incident.ingest', target, 'denied', null, {
        reason: decision.reason,
      });
      throw new CockpitError('forbidden', decision.reason);
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      await this.access.record(ctx, 'incident.ingest', target, 'error', null, {
        problems: ['body: not valid JSON'],
      });
      throw new CockpitError('invalid_json');
    }
    const parsed = parseTrigger(body);
    if (!parsed.ok) {
      await this.access.record(ctx, 'incident.ingest', target, 'error', null, {
        problems: parsed.problems,
      });
      throw new CockpitError(
        'bad_request',
        `The Sentinel incident body is not valid: ${parsed.problems.join('; ')}.`,
        parsed.problems,
      );
    }
    const { event } = parsed;
    const stored = await this.events.accept(
      {
        source: 'webhook',
        eventUniqueId: event.eventUniqueId,
        versionKey: event.versionKey,
        eventType: event.eventType,
        incidentName: event.incident.name,
        incidentNumber: event.incident.number,
        payload: JSON.stringify(body),
      },
      this.clock(),
    );
    await this.access.record(
      ctx,
      'incident.ingest',
      { type: 'incident', id: String(event.incident.number) },
      'allowed',
      null,
      { eventType: event.eventType, duplicate: stored.duplicate, eventId: stored.id },
    );
    if (!stored.duplicate) this.afterAccept();
    return { accepted: true, incidentNumber: event.incident.number, duplicate: stored.duplicate };
  }
}
