import type { Severity } from '../../../core/incidents/index.js';
import type { Kysely } from 'kysely';
import type { Store } from './database.js';
import type { Database } from './schema.js';

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
}

/** An escalation marked but not yet announced, and whether the incident still waits for someone. */
export interface OwedAnnouncement {
  name: string;
  number: number;
  severity: Severity;
  dataClass: string;
  firstReceivedAt: string;
  escalatedAt: string;
  /** Not acknowledged and not closed since it was escalated. */
  stillOpen: boolean;
}

/**
 * Escalation state, read from the incidents table only: what is due is computed from the stored
 * `first_received_at` and `acknowledged_at`, and what is owed an announcement from
 * `escalated_at` and `escalation_announced_at`, so nothing is lost when the process restarts.
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
        });
      }
    }
    return due.sort(
      (a, b) => a.firstReceivedAt.localeCompare(b.firstReceivedAt) || a.number - b.number,
    );
  }

  /**
   * Escalations whose announcement (the owners' @mentions, the audit entry) is still owed: the
   * ones just marked, and any a crash cut off between marking and announcing. Oldest first.
   */
  async unannounced(): Promise<OwedAnnouncement[]> {
    const rows = await this.store.db
      .selectFrom('incidents')
      .select([
        'name',
        'number',
        'severity',
        'data_class',
        'status',
        'first_received_at',
        'acknowledged_at',
        'escalated_at',
      ])
      .where('escalated_at', 'is not', null)
      .where('escalation_announced_at', 'is', null)
      .orderBy('escalated_at')
      .orderBy('number')
      .execute();
    return rows.map((row) => ({
      name: row.name,
      number: row.number,
      severity: row.severity as Severity,
      dataClass: row.data_class,
      firstReceivedAt: row.first_received_at,
      escalatedAt: row.escalated_at as string,
      stillOpen: row.acknowledged_at === null && row.status !== 'Closed',
    }));
  }

  /**
   * Records that an escalation is announced, and runs `within` (queueing the @mentions, the
   * audit entry) in the same transaction: the announcement is stored whole or not at all, and
   * only by the one caller that finds it still owed (true), so it is never made twice.
   */
  async announce(
    name: string,
    now: Date,
    within: (trx: Kysely<Database>) => Promise<unknown>,
  ): Promise<boolean> {
    return this.store.transaction(async (trx) => {
      const result = await trx
        .updateTable('incidents')
        .set({ escalation_announced_at: now.toISOString() })
        .where('name', '=', name)
        .where('escalated_at', 'is not', null)
        .where('escalation_announced_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await within(trx);
      return true;
    });
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
