import type { Kysely } from 'kysely';

/**
 * Alert storms: a card that pacing would hold back too long is folded into a digest card. The
 * folded row is done (`sent`) and names the digest row that carried it, so nothing is lost and
 * the folded row is never counted as a send of its own.
 *
 * Leases get their own column instead of moving `next_attempt_at`: a single-instance service
 * that restarts after a crash can then release its own leases at once, without mistaking a
 * paced or backed-off row for a leased one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('folded_into', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('leased_until', 'text').execute();
  await db.schema
    .createIndex('outbox_pending_by_conversation')
    .on('outbox')
    .columns(['status', 'conversation_id', 'created_at'])
    .execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 006 cannot be reverted: migrations here are forward-only');
}
