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

  async byNumber(number: number): Promise<StoredIncident | null> {
    const row = await this.store.db
      .selectFrom('incidents')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
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
