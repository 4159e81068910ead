import { type Kysely, sql } from 'kysely';

/**
 * The durable intake log of Sentinel events: every accepted event is stored here before its
 * 202, and is processed from here (so nothing accepted is lost across a crash).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('webhook','poller')`))
    .addColumn('event_unique_id', 'text', (c) => c.unique())
    .addColumn('version_key', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('incident_name', 'text', (c) => c.notNull())
    .addColumn('incident_number', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();
  await db.schema
    .createIndex('incident_events_pending')
    .on('incident_events')
    .columns(['processed_at', 'received_at'])
    .execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 002 cannot be reverted: accepted events are never deleted');
}
