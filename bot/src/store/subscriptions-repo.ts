import type { DataClass } from '../../../core/access/index.js';
import type { Store } from './database.js';

/** Routing: which data classes' incidents go to which channel or group chat. */
export class SubscriptionsRepository {
  constructor(private readonly store: Store) {}

  async subscribe(
    conversationId: string,
    classes: readonly DataClass[],
    by: string,
    now: Date,
  ): Promise<void> {
    if (classes.length === 0) return;
    await this.store.db
      .insertInto('subscriptions')
      .values(
        classes.map((c) => ({
          conversation_id: conversationId,
          data_class: c,
          created_at: now.toISOString(),
          created_by: by,
        })),
      )
      .onConflict((oc) => oc.columns(['conversation_id', 'data_class']).doNothing())
      .execute();
  }

  async unsubscribe(conversationId: string, classes: readonly DataClass[]): Promise<void> {
    if (classes.length === 0) return;
    await this.store.db
      .deleteFrom('subscriptions')
      .where('conversation_id', '=', conversationId)
      .where('data_class', 'in', [...classes])
      .execute();
  }

  /** The classes a conversation receives, in matrix order. */
  async classesOf(conversationId: string): Promise<DataClass[]> {
    const rows = await this.store.db
      .selectFrom('subscriptions')
      .select('data_class')
      .where('conversation_id', '=', conversationId)
      .execute();
    const order = ['personal', 'business', 'clinical', 'system'];
    return rows
      .map((r) => r.data_class as DataClass)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  /** Conversations subscribed to a class. */
  async conversationsFor(dataClass: DataClass): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('subscriptions')
      .select('conversation_id')
      .where('data_class', '=', dataClass)
      .orderBy('conversation_id')
      .execute();
    return rows.map((r) => r.conversation_id);
  }
}
