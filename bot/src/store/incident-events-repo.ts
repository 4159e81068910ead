import type { Kysely } from 'kysely';
import type { Store } from './database.js';
import type { Database, IncidentEventsTable } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';

export interface AcceptedEvent {
  source: IncidentEventsTable['source'];
  eventUniqueId: string | null;
  versionKey: string;
  eventType: string;
  incidentName: string;
  incidentNumber: number;
  payload: string;
}

/** What became of one accepted event: stored now, or a duplicate of the stored `id`. */
export interface AcceptResult {
  duplicate: boolean;
  id: string;
}

/** Rows per INSERT statement: well under both engines' limits on bound parameters. */
const INSERT_CHUNK = 100;

/**
 * The intake log. Accepting is idempotent: the same event (by eventUniqueId) or the same
 * incident version (by ARM id + lastModifiedTimeUtc) is stored once; a repeat is reported as a
 * duplicate, whether it repeats a stored row, a row another process is storing at the same
 * moment (the unique constraints decide), or an event earlier in the same batch.
 */
export class IncidentEventsRepository {
  constructor(private readonly store: Store) {}

  async accept(event: AcceptedEvent, now: Date): Promise<AcceptResult> {
    return (await this.acceptMany([{ event, receivedAt: now }]))[0] as AcceptResult;
  }

  /**
   * Stores a batch of events in one transaction, in order. `within` runs inside the same
   * transaction once the rows are written (the audit entries of the accepts), so all of it is
   * durable, or none of it, by the time this resolves.
   */
  async acceptMany(
    items: readonly { event: AcceptedEvent; receivedAt: Date }[],
    within?: (trx: Kysely<Database>, results: readonly AcceptResult[]) => Promise<unknown>,
  ): Promise<AcceptResult[]> {
    return this.store.transaction(async (trx) => {
      const results = await this.storeBatch(trx, items);
      await within?.(trx, results);
      return results;
    });
  }

  private async storeBatch(
    trx: Kysely<Database>,
    items: readonly { event: AcceptedEvent; receivedAt: Date }[],
  ): Promise<AcceptResult[]> {
    const results: (AcceptResult | null)[] = items.map(() => null);
    // Within the batch: a repeat of an earlier item is that item's duplicate.
    const firstWithKey = new Map<string, number>();
    const repeats = new Map<number, number>();
    const candidates: number[] = [];
    items.forEach(({ event }, i) => {
      const earlier = keysOf(event)
        .map((key) => firstWithKey.get(key))
        .find((index) => index !== undefined);
      if (earlier !== undefined) return repeats.set(i, earlier);
      for (const key of keysOf(event)) firstWithKey.set(key, i);
      candidates.push(i);
    });
    // Each new one is inserted; the unique constraints skip one already stored (a replay, or
    // the same event stored by another process a moment ago: ON CONFLICT DO NOTHING), and
    // that one is a duplicate of the stored row. Sorted by version key, so two instances
    // storing overlapping batches mostly lock in the same order; the event-id index can still
    // be locked in another order, and the deadlock that may follow (40P01) is retried.
    const rows = candidates.map((i) => {
      const { event, receivedAt } = items[i]!;
      const id = timeOrderedId();
      results[i] = { duplicate: false, id };
      return newRow(id, event, receivedAt);
    });
    rows.sort((a, b) =>
      a.version_key < b.version_key ? -1 : a.version_key > b.version_key ? 1 : 0,
    );
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const done = await trx
        .insertInto('incident_events')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const row of done) inserted.add(row.id);
    }
    const skipped = candidates.filter((i) => !inserted.has(results[i]!.id));
    if (skipped.length > 0) {
      const stored = await findStored(
        trx,
        skipped.map((i) => items[i]!.event),
      );
      for (const i of skipped) {
        const id = storedIdOf(stored, items[i]!.event);
        if (!id) throw new Error('an intake row was neither inserted nor found');
        results[i] = { duplicate: true, id };
      }
    }
    for (const [i, earlier] of repeats) {
      results[i] = { duplicate: true, id: results[earlier]!.id };
    }
    return results as AcceptResult[];
  }

  /**
   * Accepted events not yet processed, in the order they were accepted; `except`: events this
   * process has handled whose mark is still to be written.
   */
  async pending(limit: number, except: readonly string[] = []): Promise<string[]> {
    let query = this.store.db
      .selectFrom('incident_events')
      .select('id')
      .where('processed_at', 'is', null);
    if (except.length > 0) query = query.where('id', 'not in', [...except]);
    const rows = await query.orderBy('received_at').orderBy('id').limit(limit).execute();
    return rows.map((row) => row.id);
  }

  /** The stored bodies of these events, by id. */
  async payloads(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.store.db
        .selectFrom('incident_events')
        .select(['id', 'payload'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) out.set(row.id, row.payload);
    }
    return out;
  }

  /** Marks events processed, inside `trx` (the caller's transaction) when given. */
  async markProcessed(ids: readonly string[], now: Date, trx?: Kysely<Database>): Promise<void> {
    const db = trx ?? this.store.db;
    for (let i = 0; i < ids.length; i += 500) {
      await db
        .updateTable('incident_events')
        .set({ processed_at: now.toISOString() })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  }

  async count(): Promise<number> {
    const row = await this.store.db
      .selectFrom('incident_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** The idempotency keys of an event: its eventUniqueId (when it has one) and its version. */
function keysOf(event: AcceptedEvent): string[] {
  const version = `v:${event.versionKey}`;
  return event.eventUniqueId ? [`e:${event.eventUniqueId}`, version] : [version];
}

/** Stored rows sharing a key with any of `events`: key → row id. */
async function findStored(
  db: Kysely<Database>,
  events: readonly AcceptedEvent[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    const eventIds = chunk.flatMap((e) => (e.eventUniqueId ? [e.eventUniqueId] : []));
    const versions = chunk.map((e) => e.versionKey);
    if (versions.length === 0) continue;
    const rows = await db
      .selectFrom('incident_events')
      .select(['id', 'event_unique_id', 'version_key'])
      .where((eb) =>
        eventIds.length > 0
          ? eb.or([eb('event_unique_id', 'in', eventIds), eb('version_key', 'in', versions)])
          : eb('version_key', 'in', versions),
      )
      .execute();
    for (const row of rows) {
      if (row.event_unique_id) found.set(`e:${row.event_unique_id}`, row.id);
      found.set(`v:${row.version_key}`, row.id);
    }
  }
  return found;
}

function storedIdOf(stored: Map<string, string>, event: AcceptedEvent): string | null {
  for (const key of keysOf(event)) {
    const id = stored.get(key);
    if (id) return id;
  }
  return null;
}

function newRow(id: string, event: AcceptedEvent, receivedAt: Date): IncidentEventsTable {
  return {
    id,
    received_at: receivedAt.toISOString(),
    source: event.source,
    event_unique_id: event.eventUniqueId,
    version_key: event.versionKey,
    event_type: event.eventType,
    incident_name: event.incidentName,
    incident_number: event.incidentNumber,
    payload: event.payload,
    processed_at: null,
  };
}
