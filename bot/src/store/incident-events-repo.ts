import { randomUUID } from 'node:crypto';
import type { Store } from './database.js';
import type { IncidentEventsTable } from './schema.js';

export interface AcceptedEvent {
  source: IncidentEventsTable['source'];
  eventUniqueId: string | null;
  versionKey: string;
  eventType: string;
  incidentName: string;
  incidentNumber: number;
  payload: string;
}

/**
 * The intake log. `accept` is idempotent: the same event (by eventUniqueId) or the same incident
 * version (by ARM id + lastModifiedTimeUtc) is stored once; a repeat is reported as a duplicate.
 */
export class IncidentEventsRepository {
  constructor(private readonly store: Store) {}

  async accept(event: AcceptedEvent, now: Date): Promise<{ duplicate: boolean; id: string }> {
    const existing = await this.find(event);
    if (existing) return { duplicate: true, id: existing };
    const id = randomUUID();
    const row = {
      id,
      received_at: now.toISOString(),
      source: event.source,
      event_unique_id: event.eventUniqueId,
      version_key: event.versionKey,
      event_type: event.eventType,
      incident_name: event.incidentName,
      incident_number: event.incidentNumber,
      payload: event.payload,
      processed_at: null,
    };
    const inserted = await this.store.db
      .insertInto('incident_events')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      // Another request stored the same event between our look and our insert.
      return { duplicate: true, id: (await this.find(event)) ?? id };
    }
    return { duplicate: false, id };
  }

  /** Accepted events not yet processed, oldest first. */
  async pending(limit: number): Promise<{ id: string; payload: string }[]> {
    return this.store.db
      .selectFrom('incident_events')
      .select(['id', 'payload'])
      .where('processed_at', 'is', null)
      .orderBy('received_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async markProcessed(id: string, now: Date): Promise<void> {
    await this.store.db
      .updateTable('incident_events')
      .set({ processed_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.store.db
      .selectFrom('incident_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async find(event: AcceptedEvent): Promise<string | null> {
    let query = this.store.db.selectFrom('incident_events').select('id');
    query = event.eventUniqueId
      ? query.where((eb) =>
          eb.or([
            eb('event_unique_id', '=', event.eventUniqueId),
            eb('version_key', '=', event.versionKey),
          ]),
        )
      : query.where('version_key', '=', event.versionKey);
    const row = await query.limit(1).executeTakeFirst();
    return row?.id ?? null;
  }
}
