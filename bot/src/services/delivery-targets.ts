import { isRecordClass } from '../../../core/access/index.js';
import type { Conversation, ConversationsRepository } from '../store/conversations-repo.js';
import type { SubscriptionsRepository } from '../store/subscriptions-repo.js';
import { SYSTEM_ACTOR } from './context.js';
import { ownersAmong } from './owner-chats.js';
import type { IdentityService } from './identity-service.js';

/** A conversation a card goes to, and whose view of it that is. */
export interface Target {
  conversationId: string;
  shared: boolean;
  reader: typeof SYSTEM_ACTOR;
}

/**
 * Where incident cards go (SPEC §3), read once for a batch of incidents: every practice owner's
 * personal chat, then the installed channels and group chats subscribed to the incident's class
 * (none for `unclassified`).
 */
export class DeliveryTargets {
  private readonly byClass = new Map<string, Target[]>();

  private constructor(
    private readonly subscriptions: Pick<SubscriptionsRepository, 'conversationsFor'>,
    private readonly installed: readonly Conversation[],
    private readonly owners: readonly Target[],
  ) {}

  static async load(deps: {
    conversations: Pick<ConversationsRepository, 'listInstalled'>;
    subscriptions: Pick<SubscriptionsRepository, 'conversationsFor'>;
    identity: Pick<IdentityService, 'chatActor'>;
  }): Promise<DeliveryTargets> {
    const installed = await deps.conversations.listInstalled();
    const owners = (await ownersAmong(installed, deps.identity)).map((owner): Target => ({
      conversationId: owner.conversationId,
      shared: false,
      reader: owner.actor,
    }));
    return new DeliveryTargets(deps.subscriptions, installed, owners);
  }

  /** No conversation is installed: no card goes anywhere. */
  get none(): boolean {
    return this.installed.length === 0;
  }

  /** Owners' personal chats, then subscribed shared conversations, all currently installed. */
  async of(dataClass: string): Promise<Target[]> {
    const known = this.byClass.get(dataClass);
    if (known) return known;
    const out = [...this.owners];
    if (isRecordClass(dataClass) && dataClass !== 'unclassified') {
      const subscribed = new Set(await this.subscriptions.conversationsFor(dataClass));
      for (const c of this.installed) {
        if (c.kind !== 'personal' && subscribed.has(c.id))
          out.push({ conversationId: c.id, shared: true, reader: SYSTEM_ACTOR });
      }
    }
    this.byClass.set(dataClass, out);
    return out;
  }
}
