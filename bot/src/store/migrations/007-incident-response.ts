import type { Kysely } from 'kysely';

/**
 * The response to each incident: the playbook state (phase, tasks, timeline), the breach track
 * and the timings, as JSON documents with a revision for optimistic concurrency. Rows are only
 * ever updated forward; nothing in the documents is removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_responses')
    .addColumn('incident_number', 'integer', (c) => c.primaryKey())
    .addColumn('playbook_id', 'text')
    .addColumn('phase', 'text')
    .addColumn('state', 'text')
    .addColumn('breach', 'text')
    .addColumn('timings', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    // HIPAA 164.316(b)(2): the record is kept at least until then.
    .addColumn('retain_until', 'text')
    .execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 007 cannot be reverted: migrations here are forward-only');
}
