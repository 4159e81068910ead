import { createHash } from 'node:crypto';
import { ActivityTypes } from '@microsoft/agents-activity';
import type { ConversationsRepository } from '../store/conversations-repo.js';
import type { IncidentsRepository, StoredIncident } from '../store/incidents-repo.js';
import type { EnqueueInput, OutboxRepository } from '../store/outbox-repo.js';
import type { SubscriptionsRepository } from '../store/subscriptions-repo.js';
import { type AdaptiveCard, cardAttachment } from '../teams/cards/adaptive-card.js';
import { digestCard } from '../teams/cards/digest-card.js';
import type { Clock } from './audit-trail.js';
import { SYSTEM_ACTOR } from './context.js';
import { DeliveryTargets, type Target } from './delivery-targets.js';
import type { IdentityService } from './identity-service.js';
import type { IncidentCards } from './incident-cards.js';
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
      cards: IncidentCards;
      clock: Clock;
      /** Told when something was queued (the sender sends at once instead of at its next tick). */
      onQueued?: () => void;
    },
  ) {}

  /** Queues the current card of incident `number` for every conversation that should show it. */
  async deliver(number: number): Promise<number> {
    return this.deliverMany([number]);
  }

  /**
   * Queues the current cards of these incidents, in this order, for every conversation that
   * should show each: one transaction for all the rows, so a batch of incidents costs one
   * commit. Returns how many calls were queued (cards already queued are not queued again).
   */
  async deliverMany(numbers: readonly number[]): Promise<number> {
    const { incidents, outbox, views, clock } = this.deps;
    if (numbers.length === 0) return 0;
    const targets = await DeliveryTargets.load(this.deps);
    if (targets.none) return 0;
    const stored = new Map((await incidents.byNumbers(numbers)).map((s) => [s.incident.number, s]));
    const planned: { stored: StoredIncident; target: Target; card: AdaptiveCard }[] = [];
    for (const number of new Set(numbers)) {
      const incident = stored.get(number);
      if (!incident) continue;
      const where = await targets.of(incident.dataClass);
      if (where.length === 0) continue;
      const card = await this.deps.cards.build(incident);
      for (const target of where) planned.push({ stored: incident, target, card });
    }
    // All views at once: the PHI reveals they audit share one group commit of the trail.
    const shown = await Promise.all(
      planned.map(({ stored: s, target, card }) =>
        views.view(
          { actor: target.reader, channel: 'job', requestId: `deliver-${s.incident.number}` },
          { shared: target.shared },
          s.dataClass,
          { type: 'incident', id: String(s.incident.number) },
          card,
        ),
      ),
    );
    const inputs: EnqueueInput[] = [];
    for (const [i, { stored: s, target }] of planned.entries()) {
      const number = s.incident.number;
      const { content } = shown[i]!;
      const known =
        (await outbox.cardFor(target.conversationId, number)) !== null ||
        (await outbox.hasPendingSend(target.conversationId, number));
      inputs.push({
        conversationId: target.conversationId,
        kind: known ? 'update' : 'send',
        incidentNumber: number,
        // Keyed by what the card shows: any change (Sentinel, an action, escalation) is a new
        // update; the same card queued twice (a replay, a restart) is one call.
        dedupeKey: `incident:${number}:${target.conversationId}:${s.updatedAt}:${contentHash(content)}`,
        activity: { type: ActivityTypes.Message, attachments: [cardAttachment(content)] },
      });
    }
    const queued = await outbox.enqueueMany(inputs, clock());
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
    // Oldest first, so the chat reads in the order the incidents came.
    const open = (await this.deps.incidents.list(500))
      .reverse()
      .filter((stored) => stored.incident.status !== 'Closed');
    return this.deliverMany(open.map((stored) => stored.incident.number));
  }
}

function contentHash(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 24);
}
