import type { Selectable } from 'kysely';
import type { Store } from './database.js';
import type { ConversationsTable } from './schema.js';

export type ConversationKind = ConversationsTable['kind'];

/** A conversation the bot is installed in, with the reference needed to post there later. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  tenantId: string | null;
  serviceUrl: string;
  channelId: string;
  teamId: string | null;
  userAadObjectId: string | null;
  name: string | null;
  reference: Record<string, unknown>;
  installedAt: string;
  updatedAt: string;
  uninstalledAt: string | null;
}

export type InstallInput = Omit<Conversation, 'installedAt' | 'updatedAt' | 'uninstalledAt'>;

/** Installs, kept durably: Teams tells us once, and everything later posts from this table. */
export class ConversationsRepository {
  constructor(private readonly store: Store) {}

  /**
   * Records an install (or a re-install, or a fresher reference). `created` is true when the
   * conversation was not installed before, so the welcome card goes out once.
   */
  async install(input: InstallInput, now: Date): Promise<{ created: boolean }> {
    const at = now.toISOString();
    return this.store.withWriteLock('conversations', async (trx) => {
      const existing = await trx
        .selectFrom('conversations')
        .select(['id', 'uninstalled_at'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      const values = {
        kind: input.kind,
        tenant_id: input.tenantId,
        service_url: input.serviceUrl,
        channel_id: input.channelId,
        team_id: input.teamId,
        user_aad_object_id: input.userAadObjectId,
        name: input.name,
        reference: JSON.stringify(input.reference),
        updated_at: at,
      };
      if (!existing) {
        await trx
          .insertInto('conversations')
          .values({ id: input.id, installed_at: at, uninstalled_at: null, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .execute();
        return { created: true };
      }
      await trx
        .updateTable('conversations')
        .set({
          ...values,
          uninstalled_at: null,
          ...(existing.uninstalled_at ? { installed_at: at } : {}),
        })
        .where('id', '=', input.id)
        .execute();
      return { created: existing.uninstalled_at !== null };
    });
  }

  /** Marks an uninstall; the row stays (nothing is deleted) but nothing is posted there. */
  async uninstall(id: string, now: Date): Promise<boolean> {
    const result = await this.store.db
      .updateTable('conversations')
      .set({ uninstalled_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('uninstalled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async get(id: string): Promise<Conversation | null> {
    const row = await this.store.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** Installed conversations, oldest first. */
  async listInstalled(): Promise<Conversation[]> {
    const rows = await this.store.db
      .selectFrom('conversations')
      .selectAll()
      .where('uninstalled_at', 'is', null)
      .orderBy('installed_at')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }
}

function fromRow(row: Selectable<ConversationsTable>): Conversation {
  return {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    channelId: row.channel_id,
    teamId: row.team_id,
    userAadObjectId: row.user_aad_object_id,
    name: row.name,
    reference: JSON.parse(row.reference) as Record<string, unknown>,
    installedAt: row.installed_at,
    updatedAt: row.updated_at,
    uninstalledAt: row.uninstalled_at,
  };
}
