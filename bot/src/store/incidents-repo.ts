import type { Selectable } from 'kysely';
import type { RecordClass } from '../../../core/access/index.js';
import type { Incident } from '../../../core/incidents/index.js';
import type { Store } from './database.js';
import type { IncidentsTable } from './schema.js';

export interface StoredIncident {
  incident: Incident;
  dataClass: RecordClass;
  versionKey: string;
  firstReceivedAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalatedAt: string | null;
}

export type VersionChange = 'created' | 'updated' | 'stale';

/** The latest known version of each incident, keyed by its Sentinel name (GUID). */
export class IncidentsRepository {
  constructor(private readonly store: Store) {}

  /**
   * Records a version. A version older than the one stored (by `lastModifiedAt`) changes
   * nothing: push and pull may deliver versions out of order. Each newer version is classified
   * again: its labels may have changed.
   */
  async recordVersion(
    incident: Incident,
    dataClass: RecordClass,
    versionKey: string,
    now: Date,
  ): Promise<VersionChange> {
    return this.store.withWriteLock('incidents', async (trx) => {
      const current = await trx
        .selectFrom('incidents')
        .select(['last_modified_at', 'version_key'])
        .where('name', '=', incident.name)
        .executeTakeFirst();
      const values = {
        number: incident.number,
        arm_id: incident.armId,
        data_class: dataClass,
        severity: incident.severity,
        status: incident.status,
        title: incident.title,
        last_modified_at: incident.lastModifiedAt,
        version_key: versionKey,
        data: JSON.stringify(incident),
        updated_at: now.toISOString(),
      };
      if (!current) {
        await trx
          .insertInto('incidents')
          .values({ name: incident.name, first_received_at: now.toISOString(), ...values })
          .execute();
        return 'created';
      }
      const newer =
        current.version_key !== versionKey &&
        (current.last_modified_at === null ||
          incident.lastModifiedAt === null ||
          incident.lastModifiedAt > current.last_modified_at);
      if (!newer) return 'stale';
      await trx.updateTable('incidents').set(values).where('name', '=', incident.name).execute();
      return 'updated';
    });
  }

  /** Marks acknowledged once; true when this call did it. */
  async acknowledge(number: number, by: string, now: Date): Promise<boolean> {
    const result = await this.store.db
      .updateTable('incidents')
      .set({
        acknowledged_at: now.toISOString(),
        acknowledged_by: by,
        updated_at: now.toISOString(),
      })
      .where('number', '=', number)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Changes made from Teams or the tab: severity, owner, data class. */
  async amend(
    number: number,
    change: { severity?: Incident['severity']; owner?: Incident['owner']; dataClass?: RecordClass },
    now: Date,
  ): Promise<StoredIncident | null> {
    return this.store.withWriteLock('incidents', async (trx) => {
      const row = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirst();
      if (!row) return null;
      const incident = JSON.parse(row.data) as Incident;
      if (change.severity) incident.severity = change.severity;
      if (change.owner !== undefined) incident.owner = change.owner;
      const dataClass = change.dataClass ?? (row.data_class as RecordClass);
      await trx
        .updateTable('incidents')
        .set({
          severity: incident.severity,
          data_class: dataClass,
          data: JSON.stringify(incident),
          updated_at: now.toISOString(),
        })
        .where('number', '=', number)
        .execute();
      return fromRow({
        ...row,
        severity: incident.severity,
        data_class: dataClass,
        data: JSON.stringify(incident),
      });
    });
  }

  async byNumber(number: number): Promise<StoredIncident | null> {
    const row = await this.store.db
      .selectFrom('incidents')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** The incidents with these numbers (unknown numbers are skipped), in number order. */
  async byNumbers(numbers: readonly number[]): Promise<StoredIncident[]> {
    if (numbers.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('incidents')
      .selectAll()
      .where('number', 'in', [...numbers])
      .orderBy('number')
      .execute();
    return rows.map(fromRow);
  }

  /** Newest first. */
  async list(limit = 200): Promise<StoredIncident[]> {
    const rows = await this.store.db
      .selectFrom('incidents')
      .selectAll()
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }
}

function fromRow(row: Selectable<IncidentsTable>): StoredIncident {
  return {
    incident: JSON.parse(row.data) as Incident,
    dataClass: row.data_class as RecordClass,
    versionKey: row.version_key,
    firstReceivedAt: row.first_received_at,
    updatedAt: row.updated_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    escalatedAt: row.escalated_at,
  };
}
