import type { Kysely } from 'kysely';

/**
 * State of the Sentinel pull intake: a lease so that one instance polls at a time, and the
 * watermark (last `TimeGenerated` seen) that the next query starts from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('watermarks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 004 cannot be reverted: migrations here are forward-only');
}
