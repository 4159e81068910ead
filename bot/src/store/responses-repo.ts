import type { Selectable } from 'kysely';
import type { BreachRecord } from '../../../core/breach/index.js';
import type { ResponseState, ResponseTimings } from '../../../core/playbooks/index.js';
import type { Store } from './database.js';
import type { IncidentResponsesTable } from './schema.js';

/** The response to one incident as stored; `revision` 0 means nothing is stored yet. */
export interface StoredResponse {
  incidentNumber: number;
  state: ResponseState | null;
  breach: BreachRecord | null;
  timings: ResponseTimings | null;
  revision: number;
  closedAt: string | null;
  retainUntil: string | null;
}

const TABLE = 'incident_responses';

/**
 * Response documents, written with optimistic concurrency: `save` succeeds only on the
 * revision it was read at, so two people acting on one incident at once never lose a step —
 * the later one is re-run on the fresh document by the caller.
 */
export class ResponsesRepository {
  constructor(private readonly store: Store) {}

  async get(incidentNumber: number): Promise<StoredResponse> {
    const row = await this.store.db
      .selectFrom(TABLE)
      .selectAll()
      .where('incident_number', '=', incidentNumber)
      .executeTakeFirst();
    return row ? fromRow(row) : blank(incidentNumber);
  }

  async byNumbers(numbers: readonly number[]): Promise<Map<number, StoredResponse>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.store.db
      .selectFrom(TABLE)
      .selectAll()
      .where('incident_number', 'in', [...numbers])
      .execute();
    return new Map(rows.map((row) => [row.incident_number, fromRow(row)]));
  }

  /** Responses with a breach track, whose deadlines the reminder job watches. */
  async withBreach(): Promise<StoredResponse[]> {
    const rows = await this.store.db
      .selectFrom(TABLE)
      .selectAll()
      .where('breach', 'is not', null)
      .orderBy('incident_number')
      .execute();
    return rows.map(fromRow);
  }

  /** Stores `next` if the stored revision is still `next.revision`; false when someone was first. */
  async save(next: StoredResponse, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const values = {
      playbook_id: next.state?.playbookId ?? null,
      phase: next.state?.phase ?? null,
      state: next.state ? JSON.stringify(next.state) : null,
      breach: next.breach ? JSON.stringify(next.breach) : null,
      timings: next.timings ? JSON.stringify(next.timings) : null,
      revision: next.revision + 1,
      updated_at: at,
      closed_at: next.closedAt,
      retain_until: next.retainUntil,
    };
    if (next.revision === 0) {
      const inserted = await this.store.db
        .insertInto(TABLE)
        .values({ ...values, incident_number: next.incidentNumber, created_at: at })
        .onConflict((oc) => oc.column('incident_number').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const updated = await this.store.db
      .updateTable(TABLE)
      .set(values)
      .where('incident_number', '=', next.incidentNumber)
      .where('revision', '=', next.revision)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }
}

function blank(incidentNumber: number): StoredResponse {
  return {
    incidentNumber,
    state: null,
    breach: null,
    timings: null,
    revision: 0,
    closedAt: null,
    retainUntil: null,
  };
}

function parse<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function fromRow(row: Selectable<IncidentResponsesTable>): StoredResponse {
  return {
    incidentNumber: row.incident_number,
    state: parse<ResponseState>(row.state),
    breach: parse<BreachRecord>(row.breach),
    timings: parse<ResponseTimings>(row.timings),
    revision: Number(row.revision),
    closedAt: row.closed_at,
    retainUntil: row.retain_until,
  };
}
