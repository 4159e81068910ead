import {
  classify,
  type ClassificationRules,
  parseTrigger,
  type TriggerEvent,
  type TriggerResult,
} from '../../../core/incidents/index.js';
import type { Logger } from '../logger.js';
import type { IncidentEventsRepository } from '../store/incident-events-repo.js';
import type {
  IncidentsRepository,
  IncidentVersion,
  VersionChange,
} from '../store/incidents-repo.js';
import { auditDraft } from './access-service.js';
import type { AuditTrail, Clock } from './audit-trail.js';
import { SYSTEM_ACTOR } from './context.js';

type Version = IncidentVersion & { eventId: string };

export interface ProcessedChange {
  incidentNumber: number;
  change: VersionChange;
}

/**
 * Events per drain batch. A batch costs a few commits whatever its size (versions with their
 * audit, the cards queued, the audit of PHI views); on SQLite it also holds the event loop while it is written, so it stays small enough
 * not to delay intake answers much.
 */
const BATCH = 100;

/** Parsed events kept for processing; emptied whenever a drain finds nothing pending. */
const HANDED_OFF_MAX = 5_000;

/**
 * Turns accepted Sentinel events into incidents: parse, classify (labels first, then the
 * configured mappings), record the version. It drains the intake log in order, a batch at a
 * time, so events accepted before a crash are processed after the restart; one drain runs at a
 * time.
 */
export class IncidentProcessor {
  private running: Promise<ProcessedChange[]> | null = null;
  private again = false;
  /**
   * Events whose versions are recorded and cards queued, not yet marked processed: the mark
   * rides in the next batch's transaction (one commit per batch, not two). A crash before it
   * only means they are processed again, which changes nothing.
   */
  private unmarked: string[] = [];
  private readonly handedOff = new Map<string, TriggerEvent>();

  private readonly events: IncidentEventsRepository;
  private readonly incidents: IncidentsRepository;
  private readonly audit: AuditTrail;
  private readonly rules: ClassificationRules;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly afterRecord: (incidentNumbers: readonly number[]) => Promise<unknown>;

  constructor(options: {
    events: IncidentEventsRepository;
    incidents: IncidentsRepository;
    audit: AuditTrail;
    rules: ClassificationRules;
    clock: Clock;
    logger?: Logger;
    /**
     * Runs for the incidents of every processed batch before its events are marked processed
     * (card delivery), each incident once, with its latest version recorded. It must be
     * idempotent: after a crash the same events are processed again.
     */
    afterRecord?: (incidentNumbers: readonly number[]) => Promise<unknown>;
  }) {
    this.events = options.events;
    this.incidents = options.incidents;
    this.audit = options.audit;
    this.rules = options.rules;
    this.clock = options.clock;
    this.logger = options.logger;
    this.afterRecord = options.afterRecord ?? (async () => undefined);
  }

  /**
   * What the intake parsed of an event it just stored: processing it takes this instead of
   * parsing the stored body again. Only a shortcut: an event not found here (accepted before a
   * restart, pulled by the poller, stored by another instance) is parsed from the store.
   */
  handOff(eventId: string, event: TriggerEvent): void {
    this.handedOff.set(eventId, event);
    // Oldest first out: an entry another instance processed is never taken from here.
    if (this.handedOff.size > HANDED_OFF_MAX) {
      this.handedOff.delete(this.handedOff.keys().next().value as string);
    }
  }

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
      // A turn of the event loop first: sockets are read and connections accepted between
      // batches, so intake is never held up for more than one batch.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = await this.events.pending(BATCH, this.unmarked);
      if (batch.length === 0) {
        await this.markHandled();
        // Nothing is pending: what is left here was processed elsewhere (another instance, or
        // read from the store before it was handed off). Losing it only loses the shortcut.
        this.handedOff.clear();
        return changes;
      }
      const versions = await this.parse(batch);
      const recorded = await this.record(versions);
      versions.forEach((v, i) =>
        changes.push({ incidentNumber: v.incident.number, change: recorded[i] as VersionChange }),
      );
      // Stale versions too: after a crash their cards may not have been queued yet.
      await this.afterRecord([...new Set(versions.map((v) => v.incident.number))]);
      this.unmarked.push(...batch);
    }
  }

  /** The batch's events, parsed: from the intake's hand-off, else from the stored body. */
  private async parse(batch: readonly string[]): Promise<Version[]> {
    const known = new Map<string, TriggerEvent>();
    for (const id of batch) {
      const event = this.handedOff.get(id);
      if (event) known.set(id, event);
      this.handedOff.delete(id);
    }
    const stored = await this.events.payloads(batch.filter((id) => !known.has(id)));
    const versions: Version[] = [];
    for (const id of batch) {
      const event = known.get(id);
      const parsed: TriggerResult = event
        ? { ok: true, event }
        : parseTrigger(JSON.parse(stored.get(id) ?? 'null') as unknown);
      if (!parsed.ok) {
        // Accepted bodies were validated at intake; one that no longer parses is logged, kept.
        this.logger?.error(
          { eventId: id, problems: parsed.problems.length },
          'stored event does not parse',
        );
        continue;
      }
      const { incident, versionKey } = parsed.event;
      versions.push({
        eventId: id,
        incident,
        dataClass: classify(incident, this.rules),
        versionKey,
      });
    }
    return versions;
  }

  /**
   * One transaction: the previous batch's events marked processed (their cards are queued),
   * this batch's versions recorded, and the audit entries of what they changed.
   */
  private async record(versions: readonly Version[]): Promise<VersionChange[]> {
    if (versions.length === 0) return [];
    const handled = [...this.unmarked];
    const now = this.clock();
    const recorded = await this.incidents.recordVersions(versions, now, async (trx, done) => {
      await this.events.markProcessed(handled, now, trx);
      await this.audit.appendWithin(
        trx,
        versions.flatMap((v, i) =>
          done[i] === 'stale'
            ? []
            : [
                auditDraft(
                  { actor: SYSTEM_ACTOR, channel: 'job', requestId: v.eventId },
                  `incident.${done[i] as VersionChange}`,
                  { type: 'incident', id: String(v.incident.number) },
                  'allowed',
                  v.dataClass,
                  { severity: v.incident.severity, status: v.incident.status },
                ),
              ],
        ),
      );
    });
    this.unmarked = this.unmarked.slice(handled.length);
    return recorded;
  }

  /** Marks the events handled since the last mark, when no next batch comes to carry them. */
  private async markHandled(): Promise<void> {
    if (this.unmarked.length === 0) return;
    const handled = [...this.unmarked];
    await this.events.markProcessed(handled, this.clock());
    this.unmarked = this.unmarked.slice(handled.length);
  }
}
