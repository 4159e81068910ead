import { canIngestIncidents } from '../../../core/access/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import { parseTrigger, type TriggerEvent } from '../../../core/incidents/index.js';
import type { AuditDraft } from '../../../core/audit/index.js';
import { GroupCommit, retryConflicts } from '../store/group-commit.js';
import type {
  AcceptedEvent,
  AcceptResult,
  IncidentEventsRepository,
} from '../store/incident-events-repo.js';
import { type AccessService, auditDraft } from './access-service.js';
import type { AuditTrail, Clock } from './audit-trail.js';
import type { RequestContext } from './context.js';

/** One accept waiting for its group commit, with the audit entry it commits with. */
interface Accept {
  event: AcceptedEvent;
  receivedAt: Date;
  audit: (result: AcceptResult) => AuditDraft;
}

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
  /**
   * Accepts arriving while a commit is in flight are stored together by the next one, each with
   * its audit entry, in one transaction: one durable commit for many requests.
   */
  private readonly log: GroupCommit<Accept, AcceptResult>;

  constructor(
    events: IncidentEventsRepository,
    private readonly access: AccessService,
    audit: AuditTrail,
    private readonly clock: Clock,
    /**
     * Called after each newly stored event, with what was parsed of it: the processor drains the
     * log, and need not parse the body again.
     */
    private readonly afterAccept: (id: string, event: TriggerEvent) => void = () => undefined,
  ) {
    this.log = new GroupCommit((batch) =>
      retryConflicts(() =>
        events.acceptMany(batch, (trx, results) =>
          audit.appendWithin(
            trx,
            results.map((result, i) => batch[i]!.audit(result)),
          ),
        ),
      ),
    );
  }

  async accept(ctx: RequestContext, rawBody: Buffer): Promise<IntakeAnswer> {
    const target = { type: 'sentinel-event', id: 'webhook' };
    const decision = canIngestIncidents(ctx.actor);
    if (!decision.allowed) {
      await this.access.record(ctx, 'incident.ingest', target, 'denied', null, {
        reason: decision.reason,
      });
      throw new CockpitError('forbidden', decision.reason);
    }
    const text = rawBody.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
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
    // Resolves once the event and its audit entry are durably stored: only then the 202.
    const stored = await this.log.submit({
      event: {
        source: 'webhook',
        eventUniqueId: event.eventUniqueId,
        versionKey: event.versionKey,
        eventType: event.eventType,
        incidentName: event.incident.name,
        incidentNumber: event.incident.number,
        payload: text,
      },
      receivedAt: this.clock(),
      audit: (result) =>
        auditDraft(
          ctx,
          'incident.ingest',
          { type: 'incident', id: String(event.incident.number) },
          'allowed',
          null,
          { eventType: event.eventType, duplicate: result.duplicate, eventId: result.id },
        ),
    });
    if (!stored.duplicate) this.afterAccept(stored.id, event);
    return { accepted: true, incidentNumber: event.incident.number, duplicate: stored.duplicate };
  }
}
