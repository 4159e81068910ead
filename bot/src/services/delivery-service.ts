import { createHash } from 'node:crypto';
import { ActivityTypes } from '@microsoft/agents-activity';
import { isRecordClass } from '../../../core/access/index.js';
import type { ConversationsRepository } from '../store/conversations-repo.js';
import type { IncidentsRepository } from '../store/incidents-repo.js';
import type { OutboxRepository } from '../store/outbox-repo.js';
import type { SubscriptionsRepository } from '../store/subscriptions-repo.js';
import { cardAttachment } from '../teams/cards/adaptive-card.js';
import { digestCard } from '../teams/cards/digest-card.js';
import { incidentCard } from '../teams/cards/incident-card.js';
import type { Clock } from './audit-trail.js';
import { SYSTEM_ACTOR } from './context.js';
import type { IdentityService } from './identity-service.js';
import type { PhiViewService } from './phi-view-service.js';

/**
 * Routes an incident's live card (SPEC §3): every practice owner's personal chat, plus the
 * channels and group chats subscribed to its data class (none for `unclassified`). Each target
 * gets the card through the outbox: a new card the first time, an update in place after that.
 * Shared conversations get the PHI-masked card; an owner's personal chat gets the original,
 * recorded as a PHI access.
 */
export class DeliveryService {
  constructor(
    private readonly deps: {
      incidents: IncidentsRepository;
      conversations: ConversationsRepository;
      subscriptions: SubscriptionsRepository;
      outbox: OutboxRepository;
      identity: IdentityService;
      views: PhiViewService;
      clock: Clock;
      /** Told when something was queued (the sender sends at once instead of at its next tick). */
      onQueued?: () => void;
    },
  ) {}

  /** Queues the current card of incident `number` for every conversation that should show it. */
  async deliver(number: number): Promise<number> {
    const { incidents, outbox, views, clock } = this.deps;
    const stored = await incidents.byNumber(number);
    if (!stored) return 0;
    const card = incidentCard({
      incident: stored.incident,
      dataClass: stored.dataClass,
      escalated: stored.escalatedAt !== null,
      acknowledgedBy: stored.acknowledgedBy,
    });
    let queued = 0;
    for (const target of await this.targets(stored.dataClass)) {
      const ctx = { actor: target.reader, channel: 'job' as const, requestId: `deliver-${number}` };
      const view = await views.view(
        ctx,
        { shared: target.shared },
        stored.dataClass,
        { type: 'incident', id: String(number) },
        card,
      );
      const known =
        (await outbox.cardFor(target.conversationId, number)) !== null ||
        (await outbox.hasPendingSend(target.conversationId, number));
      const { created } = await outbox.enqueue(
        {
          conversationId: target.conversationId,
          kind: known ? 'update' : 'send',
          incidentNumber: number,
          // Keyed by what the card shows: any change (Sentinel, an action, escalation) is a new
          // update; the same card queued twice (a replay, a restart) is one call.
          dedupeKey: `incident:${number}:${target.conversationId}:${stored.updatedAt}:${contentHash(view.content)}`,
          activity: { type: ActivityTypes.Message, attachments: [cardAttachment(view.content)] },
        },
        clock(),
      );
      if (created) queued += 1;
    }
    if (queued > 0) this.deps.onQueued?.();
    return queued;
  }

  /**
   * A digest activity listing these incidents (alert storms, SPEC §3). Always masked: it is a
   * summary, the same for every conversation, and `incident N` gives the full card.
   */
  async digest(numbers: readonly number[], since: Date): Promise<Record<string, unknown>> {
    const stored = await this.deps.incidents.byNumbers(numbers);
    const card = digestCard(
      stored.map((s) => ({
        number: s.incident.number,
        severity: s.incident.severity,
        status: s.incident.status,
        dataClass: s.dataClass,
        title: s.incident.title,
      })),
      since.toISOString(),
    );
    const ctx = { actor: SYSTEM_ACTOR, channel: 'job' as const, requestId: 'digest' };
    const view = await this.deps.views.view(
      ctx,
      { shared: true },
      'unclassified',
      { type: 'digest', id: String(numbers[0] ?? '') },
      card,
    );
    return { type: ActivityTypes.Message, attachments: [cardAttachment(view.content)] };
  }

  /**
   * Queues every open incident's card where it belongs: run after an install, so an owner who
   * installs the app (or a channel subscribed later) sees what is already open. Cards already
   * queued or shown are not queued again.
   */
  async deliverOpen(): Promise<number> {
    let queued = 0;
    // Oldest first, so the chat reads in the order the incidents came.
    for (const stored of (await this.deps.incidents.list(500)).reverse()) {
      if (stored.incident.status !== 'Closed') queued += await this.deliver(stored.incident.number);
    }
    return queued;
  }

  /** Owners' personal chats, then subscribed shared conversations, all currently installed. */
  private async targets(
    dataClass: string,
  ): Promise<{ conversationId: string; shared: boolean; reader: typeof SYSTEM_ACTOR }[]> {
    const { conversations, subscriptions, identity } = this.deps;
    const installed = await conversations.listInstalled();
    const out: { conversationId: string; shared: boolean; reader: typeof SYSTEM_ACTOR }[] = [];
    for (const c of installed) {
      if (c.kind !== 'personal' || !c.userAadObjectId) continue;
      const reader = await identity.chatActor({ aadObjectId: c.userAadObjectId });
      if (reader.roles.includes('PracticeOwner'))
        out.push({ conversationId: c.id, shared: false, reader });
    }
    if (isRecordClass(dataClass) && dataClass !== 'unclassified') {
      const subscribed = new Set(await subscriptions.conversationsFor(dataClass));
      for (const c of installed) {
        if (c.kind !== 'personal' && subscribed.has(c.id))
          out.push({ conversationId: c.id, shared: true, reader: SYSTEM_ACTOR });
      }
    }
    return out;
  }
}

function contentHash(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 24);
}
