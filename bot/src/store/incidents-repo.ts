import type { Kysely, Selectable } from 'kysely';
import type { RecordClass } from '../../../core/access/index.js';
import type { Incident } from '../../../core/incidents/index.js';
import type { Store } from './database.js';
import type { Database, IncidentsTable } from './schema.js';

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

/**
 * The fields people change from Teams or the tab that a Sentinel version also sets: severity,
 * owner and status from the incident itself, the data class from classifying its labels.
 */
type LocalFields = Pick<Incident, 'severity' | 'owner' | 'status'> & { dataClass: RecordClass };
type LocalField = keyof LocalFields;
const LOCAL_FIELDS: readonly LocalField[] = ['severity', 'owner', 'status', 'dataClass'];

/**
 * A change made here that Sentinel may not show yet: the value set, and what Sentinel gave when
 * it was set. A Sentinel version keeps the local value while it still gives that old value (it
 * has not seen the change yet); once it gives the local value (written back) or another value
 * (someone changed it in Sentinel since), Sentinel's version is the truth again.
 */
type LocalChanges = Partial<Record<LocalField, { value: unknown; base: unknown }>>;

/** What Teams or the tab may change on an incident. */
export interface IncidentAmendment {
  severity?: Incident['severity'];
  owner?: Incident['owner'];
  status?: Incident['status'];
  dataClass?: RecordClass;
}

/** The latest known version of each incident, keyed by its Sentinel name (GUID). */
export class IncidentsRepository {
  constructor(private readonly store: Store) {}

  /**
   * Records versions in order, in one transaction under the incidents' write lock. A version
   * older than the one stored (by `lastModifiedAt`) changes nothing: push and pull may deliver
   * versions out of order. Each newer version is classified again: its labels may have changed. `within` runs in the same transaction after the writes (the
   * audit entries of the changes), so all of it commits together.
   */
  async recordVersions(
    versions: readonly IncidentVersion[],
    now: Date,
    within?: (trx: Kysely<Database>, changes: readonly VersionChange[]) => Promise<unknown>,
  ): Promise<VersionChange[]> {
    if (versions.length === 0) return [];
    return this.store.withWriteLock('incidents', async (trx) => {
      const current = await currentVersions(
        trx,
        versions.map((v) => v.incident.name),
      );
      // The rows to write, by name: a later version of the same incident in this batch
      // replaces an earlier one's values (and a new incident stays an insert).
      const writes = new Map<string, { insert: boolean; values: IncidentRow }>();
      const changes = versions.map(({ incident, dataClass, versionKey }): VersionChange => {
        const stored = current.get(incident.name);
        if (stored) {
          const newer =
            stored.version_key !== versionKey &&
            (stored.last_modified_at === null ||
              incident.lastModifiedAt === null ||
              incident.lastModifiedAt > stored.last_modified_at);
          if (!newer) return 'stale';
        }
        const values = versionRow(incident, dataClass, versionKey, stored?.local_changes, now);
        const insert = writes.get(incident.name)?.insert ?? !stored;
        writes.set(incident.name, { insert, values });
        current.set(incident.name, values);
        return stored ? 'updated' : 'created';
      });
      const inserts = [...writes.values()].filter((w) => w.insert).map((w) => w.values);
      for (let i = 0; i < inserts.length; i += 50) {
        await trx
          .insertInto('incidents')
          .values(
            inserts
              .slice(i, i + 50)
              .map((values) => ({ ...values, first_received_at: now.toISOString() })),
          )
          .execute();
      }
      for (const [name, { insert, values }] of writes) {
        if (insert) continue;
        await trx.updateTable('incidents').set(values).where('name', '=', name).execute();
      }
      await within?.(trx, changes);
      return changes;
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

  /**
   * Changes made from Teams or the tab. Sentinel's fields among them are remembered as local
   * changes, so a Sentinel version that has not caught up yet does not undo them.
   */
  async amend(
    number: number,
    change: IncidentAmendment,
    now: Date,
  ): Promise<StoredIncident | null> {
    return this.store.withWriteLock('incidents', async (trx) => {
      const row = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirst();
      if (!row) return null;
      const stored = JSON.parse(row.data) as Incident;
      const current: LocalFields = {
        ...pickLocal(stored),
        dataClass: row.data_class as RecordClass,
      };
      const local = parseLocal(row.local_changes);
      for (const field of LOCAL_FIELDS) {
        if (change[field] === undefined) continue;
        local[field] = { value: change[field], base: local[field]?.base ?? current[field] };
      }
      const { dataClass, ...fields } = { ...current, ...definedOnly(change) };
      const incident = { ...stored, ...fields };
      const values = {
        severity: incident.severity,
        status: incident.status,
        data_class: dataClass,
        data: JSON.stringify(incident),
        updated_at: now.toISOString(),
        local_changes: Object.keys(local).length > 0 ? JSON.stringify(local) : null,
      };
      await trx.updateTable('incidents').set(values).where('number', '=', number).execute();
      return fromRow({ ...row, ...values });
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

function parseLocal(text: string | null): LocalChanges {
  return text ? (JSON.parse(text) as LocalChanges) : {};
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function pickLocal(incident: Incident): Omit<LocalFields, 'dataClass'> {
  return { severity: incident.severity, owner: incident.owner, status: incident.status };
}

function definedOnly(change: IncidentAmendment): Partial<LocalFields> {
  return Object.fromEntries(
    Object.entries(change).filter(([, value]) => value !== undefined),
  ) as Partial<LocalFields>;
}

/** What a Sentinel version gives, with the local changes it has not caught up with laid over. */
function mergeLocal(
  sentinel: LocalFields,
  localText: string | null,
): { kept: LocalFields; pending: string | null } {
  const local = parseLocal(localText);
  const kept: Record<string, unknown> = { ...sentinel };
  const pending: LocalChanges = {};
  for (const field of LOCAL_FIELDS) {
    const change = local[field];
    if (!change || !same(sentinel[field], change.base) || same(sentinel[field], change.value)) {
      continue;
    }
    kept[field] = change.value;
    pending[field] = change;
  }
  return {
    kept: kept as unknown as LocalFields,
    pending: Object.keys(pending).length > 0 ? JSON.stringify(pending) : null,
  };
}

/** One Sentinel version of an incident, classified, to record. */
export interface IncidentVersion {
  incident: Incident;
  dataClass: RecordClass;
  versionKey: string;
}

/** The columns a Sentinel version sets; the rest are Teams' (acknowledgement, escalation). */
type IncidentRow = Pick<
  Selectable<IncidentsTable>,
  | 'name'
  | 'number'
  | 'arm_id'
  | 'data_class'
  | 'severity'
  | 'status'
  | 'title'
  | 'last_modified_at'
  | 'version_key'
  | 'data'
  | 'updated_at'
  | 'local_changes'
>;

/** What is stored of these incidents that a new version is compared with, by name. */
async function currentVersions(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<Map<string, Pick<IncidentRow, 'last_modified_at' | 'version_key' | 'local_changes'>>> {
  const unique = [...new Set(names)];
  const out = new Map<
    string,
    Pick<IncidentRow, 'last_modified_at' | 'version_key' | 'local_changes'>
  >();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('incidents')
      .select(['name', 'last_modified_at', 'version_key', 'local_changes'])
      .where('name', 'in', unique.slice(i, i + 500))
      .execute();
    for (const { name, ...row } of rows) out.set(name, row);
  }
  return out;
}

/** The row of a version, with the local changes Sentinel has not caught up with laid over. */
function versionRow(
  incident: Incident,
  dataClass: RecordClass,
  versionKey: string,
  localChanges: string | null | undefined,
  now: Date,
): IncidentRow {
  const { kept, pending } = mergeLocal({ ...pickLocal(incident), dataClass }, localChanges ?? null);
  const { dataClass: keptClass, ...keptFields } = kept;
  const merged = { ...incident, ...keptFields };
  return {
    name: merged.name,
    number: merged.number,
    arm_id: merged.armId,
    data_class: keptClass,
    severity: merged.severity,
    status: merged.status,
    title: merged.title,
    last_modified_at: merged.lastModifiedAt,
    version_key: versionKey,
    data: JSON.stringify(merged),
    updated_at: now.toISOString(),
    local_changes: pending,
  };
}
