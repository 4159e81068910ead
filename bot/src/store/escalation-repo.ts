import type { Severity } from '../../../core/incidents/index.js';
import type { Store } from './database.js';

/** How long an incident of each severity may stay unacknowledged, in minutes; null: never. */
export type EscalationThresholds = Record<Severity, number | null>;

/** SPEC §3 defaults: High 15 min, Medium 60 min, Low 4 h, Informational never. */
export const DEFAULT_ESCALATION_THRESHOLDS: EscalationThresholds = {
  High: 15,
  Medium: 60,
  Low: 240,
  Informational: null,
};

/** An incident past its severity's time without an acknowledgement. */
export interface DueEscalation {
  name: string;
  number: number;
  severity: Severity;
  dataClass: string;
  firstReceivedAt: string;
  /** The threshold that was passed, in minutes. */
  thresholdMinutes: number;
}

/**
 * Escalation state, read from the incidents table only: what is due is computed from the stored
 * `first_received_at` and `acknowledged_at`, so nothing is lost when the process restarts.
 */
export class EscalationRepository {
  constructor(private readonly store: Store) {}

  /**
   * Incidents not acknowledged, not escalated and not closed whose severity has a threshold and
   * were first received at least that long before `now`; oldest first.
   */
  async dueForEscalation(
    now: Date,
    thresholds: EscalationThresholds = DEFAULT_ESCALATION_THRESHOLDS,
  ): Promise<DueEscalation[]> {
    const due: DueEscalation[] = [];
    for (const [severity, minutes] of Object.entries(thresholds) as [Severity, number | null][]) {
      if (minutes === null || !Number.isFinite(minutes) || minutes < 0) continue;
      // Times are ISO-8601 UTC text on both engines: they compare as strings.
      const cutoff = new Date(now.getTime() - minutes * 60_000).toISOString();
      const rows = await this.store.db
        .selectFrom('incidents')
        .select(['name', 'number', 'severity', 'data_class', 'first_received_at'])
        .where('severity', '=', severity)
        .where('acknowledged_at', 'is', null)
        .where('escalated_at', 'is', null)
        .where('status', '!=', 'Closed')
        .where('first_received_at', '<=', cutoff)
        .execute();
      for (const row of rows) {
        due.push({
          name: row.name,
          number: row.number,
          severity,
          dataClass: row.data_class,
          firstReceivedAt: row.first_received_at,
          thresholdMinutes: minutes,
        });
      }
    }
    return due.sort(
      (a, b) => a.firstReceivedAt.localeCompare(b.firstReceivedAt) || a.number - b.number,
    );
  }

  /**
   * Sets `escalated_at` if it is still unset (and the incident is still unacknowledged and open);
   * true only for the one caller that did it, so two instances never escalate twice.
   */
  async markEscalated(name: string, now: Date): Promise<boolean> {
    const result = await this.store.db
      .updateTable('incidents')
      .set({ escalated_at: now.toISOString() })
      .where('name', '=', name)
      .where('escalated_at', 'is', null)
      .where('acknowledged_at', 'is', null)
      .where('status', '!=', 'Closed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
