import { type Kysely, sql } from 'kysely';

/**
 * The durable queue of Sentinel write-backs (Teams actions applied to the Sentinel incident
 * through ARM), and the incident's changes made in Teams that Sentinel may not show yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sentinel_writebacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Enqueue order, unique: the write-backs of one incident are applied in this order.
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('incident_name', 'text', (c) => c.notNull())
    .addColumn('arm_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','done','dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('sentinel_writebacks_due')
    .on('sentinel_writebacks')
    .columns(['status', 'next_at'])
    .execute();
  await db.schema
    .createIndex('sentinel_writebacks_incident')
    .on('sentinel_writebacks')
    .columns(['arm_id', 'status', 'seq'])
    .execute();

  await db.schema.alterTable('incidents').addColumn('local_changes', 'text').execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 005 cannot be reverted: migrations here are forward-only');
}
