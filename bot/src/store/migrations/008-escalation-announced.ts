import { type Kysely, sql } from 'kysely';

/**
 * Escalation announcements survive a crash: `escalation_announced_at` is set in the same
 * transaction that queues the owners' @mentions, so an incident marked escalated but not yet
 * announced (a crash between the two) is found and announced after the restart, once.
 * Escalations made before this migration were announced by the code of the time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').addColumn('escalation_announced_at', 'text').execute();
  await sql`update incidents set escalation_announced_at = escalated_at where escalated_at is not null`.execute(
    db,
  );
  // Only the few escalations waiting for their announcement: the sweep on every tick reads this.
  await db.schema
    .createIndex('incidents_escalation_unannounced')
    .on('incidents')
    .column('escalated_at')
    .where(sql.ref('escalated_at'), 'is not', null)
    .where(sql.ref('escalation_announced_at'), 'is', null)
    .execute();
}

/** Forward-only, like every migration here. */
export async function down(): Promise<void> {
  throw new Error('migration 008 cannot be reverted: migrations here are forward-only');
}
