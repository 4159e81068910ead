import { type Kysely, sql } from 'kysely';

/** Installs, the directory cache and the audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('personal','groupChat','channel')`),
    )
    .addColumn('tenant_id', 'text')
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('user_aad_object_id', 'text')
    .addColumn('name', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('uninstalled_at', 'text')
    .execute();
  await db.schema
    .createIndex('conversations_user')
    .on('conversations')
    .column('user_aad_object_id')
    .execute();

  await db.schema
    .createTable('directory_cache')
    .addColumn('aad_object_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('upn', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('data_class', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('audit_log_ts').on('audit_log').column('ts').execute();
  await db.schema
    .createIndex('audit_log_actor')
    .on('audit_log')
    .columns(['actor_id', 'seq'])
    .execute();
}

/** Forward-only: the audit trail is never dropped, so there is no down migration. */
export async function down(): Promise<void> {
  throw new Error('migration 001 cannot be reverted: the audit trail is never deleted');
}
