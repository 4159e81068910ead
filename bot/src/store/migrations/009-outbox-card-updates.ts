import type { Kysely } from 'kysely';

/**
 * Before sending an update of a card the sender looks for a later update of the same card (an
 * older one must never overwrite a newer one): this index keeps that lookup to the card's rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('outbox_card_updates')
    .on('outbox')
    .columns(['conversation_id', 'incident_number', 'kind', 'created_at'])
    .execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 009 cannot be reverted: migrations here are forward-only');
}
