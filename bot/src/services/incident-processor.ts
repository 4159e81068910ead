import { classify, type ClassificationRules, parseTrigger } from '../../../core/incidents/index.js';
import type { Logger } from '../logger.js';
import type { IncidentEventsRepository } from '../store/incident-events-repo.js';
import type { IncidentsRepository, VersionChange } from '../store/incidents-repo.js';
import type { AccessService } from './access-service.js';
import type { Clock } from './audit-trail.js';
import { SYSTEM_ACTOR } from './context.js';

export interface ProcessedChange {
  incidentNumber: number;
  change: VersionChange;
}

/**
 * Turns accepted Sentinel events into incidents: parse, classify (labels first, then the
 * configured mappings), record the version. It drains the intake log in order, so events
 * accepted before a crash are processed after the restart; one drain runs at a time.
 */
export class IncidentProcessor {
  private running: Promise<ProcessedChange[]> | null = null;
  private again = false;

  constructor(
    private readonly events: IncidentEventsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly access: AccessService,
    private readonly rules: ClassificationRules,
    private readonly clock: Clock,
    private readonly logger?: Logger,
    /**
     * Runs for every processed event before it is marked processed (card delivery). It must be
     * idempotent: after a crash the same event is processed again.
     */
    private readonly afterRecord: (incidentNumber: number) => Promise<unknown> = async () =>
      undefined,
  ) {}

  /** Processes everything pending; a call during a drain makes it run once more after. */
  drain(): Promise<ProcessedChange[]> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const all: ProcessedChange[] = [];
      try {
        do {
          this.again = false;
          all.push(...(await this.drainOnce()));
        } while (this.again);
      } finally {
        this.running = null;
      }
      return all;
    })();
    return this.running;
  }

  private async drainOnce(): Promise<ProcessedChange[]> {
    const changes: ProcessedChange[] = [];
    for (;;) {
      const batch = await this.events.pending(100);
      if (batch.length === 0) return changes;
      for (const event of batch) {
        const parsed = parseTrigger(JSON.parse(event.payload) as unknown);
        if (parsed.ok) {
          const { incident, versionKey } = parsed.event;
          const dataClass = classify(incident, this.rules);
          const change = await this.incidents.recordVersion(
            incident,
            dataClass,
            versionKey,
            this.clock(),
          );
          changes.push({ incidentNumber: incident.number, change });
          if (change !== 'stale') {
            await this.access.record(
              { actor: SYSTEM_ACTOR, channel: 'job', requestId: event.id },
              `incident.${change}`,
              { type: 'incident', id: String(incident.number) },
              'allowed',
              dataClass,
              { severity: incident.severity, status: incident.status },
            );
          }
          await this.afterRecord(incident.number);
        } else {
          // Accepted bodies were validated at intake; one that no longer parses is logged, kept.
          this.logger?.error(
            { eventId: event.id, problems: parsed.problems.length },
            'stored event does not parse',
          );
        }
        await this.events.markProcessed(event.id, this.clock());
      }
    }
  }
}
