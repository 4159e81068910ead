import { ActivityTypes } from '@microsoft/agents-activity';
import {
  can,
  type ClassAction,
  type DataClass,
  isRecordClass,
  type RecordClass,
} from '../../../core/access/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import { type IncidentChange, SEVERITIES, type Severity } from '../../../core/incidents/index.js';
import type { ConversationsRepository } from '../store/conversations-repo.js';
import type { WritebackRepository } from '../store/writeback-repo.js';
import type { IncidentsRepository, StoredIncident } from '../store/incidents-repo.js';
import type { OutboxRepository } from '../store/outbox-repo.js';
import { cardAttachment, type AdaptiveCard } from '../teams/cards/adaptive-card.js';
import type { AccessService } from './access-service.js';
import type { Clock } from './audit-trail.js';
import type { RequestContext } from './context.js';
import type { DeliveryService } from './delivery-service.js';
import type { IncidentCards } from './incident-cards.js';
import type { PhiViewService } from './phi-view-service.js';

export type IncidentFilter = 'open' | 'mine' | 'all';

/**
 * What people do to incidents, from chat commands, card buttons or the tab: one service, the
 * access policy first, the audit trail always, and every copy of the card updated after.
 */
export class IncidentActions {
  constructor(
    private readonly deps: {
      incidents: IncidentsRepository;
      conversations: ConversationsRepository;
      outbox: OutboxRepository;
      delivery: DeliveryService;
      views: PhiViewService;
      access: AccessService;
      clock: Clock;
      cards: IncidentCards;
      /** Set when changes are written back to Sentinel (azure mode, SENTINEL_WRITEBACK=1). */
      writeback?: { repo: WritebackRepository; onQueued: () => void } | null;
    },
  ) {}

  /** An incident the caller may read (unknown and forbidden both name the number). */
  async get(ctx: RequestContext, number: number): Promise<StoredIncident> {
    const stored = await this.deps.incidents.byNumber(number);
    if (!stored) throw new CockpitError('not_found', `There is no incident #${number}.`);
    await this.deps.access.require(ctx, 'read', stored.dataClass, target(number));
    return stored;
  }

  /** The incidents the caller may read, newest first. */
  async list(ctx: RequestContext, filter: IncidentFilter): Promise<StoredIncident[]> {
    const all = await this.deps.incidents.list(500);
    return all.filter(
      (s) =>
        can(ctx.actor, 'read', s.dataClass).allowed &&
        (filter === 'all' || s.incident.status !== 'Closed') &&
        (filter !== 'mine' || s.incident.owner?.objectId === ctx.actor.id),
    );
  }

  async acknowledge(ctx: RequestContext, number: number): Promise<StoredIncident> {
    const stored = await this.actOn(ctx, number);
    const did = await this.deps.incidents.acknowledge(number, ctx.actor.name, this.deps.clock());
    // Acknowledging is Sentinel's New → Active.
    const activate = did && stored.incident.status === 'New';
    if (activate) await this.deps.incidents.amend(number, { status: 'Active' }, this.deps.clock());
    const writeback = activate
      ? await this.writeBack(ctx, stored, 'ack', { status: 'Active' })
      : false;
    await this.deps.access.record(
      ctx,
      'incident.ack',
      target(number),
      'allowed',
      stored.dataClass,
      { already: !did, writeback },
    );
    return this.refreshed(number);
  }

  async assign(
    ctx: RequestContext,
    number: number,
    to: { id: string; name: string; upn: string | null },
  ): Promise<StoredIncident> {
    const stored = await this.actOn(ctx, number);
    const owner = {
      objectId: to.id,
      email: to.upn,
      assignedTo: to.name,
      userPrincipalName: to.upn,
    };
    await this.deps.incidents.amend(number, { owner }, this.deps.clock());
    const writeback = await this.writeBack(ctx, stored, 'assign', { owner });
    await this.deps.access.record(
      ctx,
      'incident.assign',
      target(number),
      'allowed',
      stored.dataClass,
      { to: to.id, writeback },
    );
    return this.refreshed(number);
  }

  async setSeverity(
    ctx: RequestContext,
    number: number,
    severity: string,
  ): Promise<StoredIncident> {
    const level = SEVERITIES.find((s) => s.toLowerCase() === severity.toLowerCase());
    if (!level)
      throw new CockpitError(
        'bad_request',
        `"${severity}" is not a severity; use ${SEVERITIES.join(', ')}.`,
      );
    const stored = await this.actOn(ctx, number);
    await this.deps.incidents.amend(number, { severity: level as Severity }, this.deps.clock());
    const writeback = await this.writeBack(ctx, stored, 'severity', {
      severity: level as Severity,
    });
    await this.deps.access.record(
      ctx,
      'incident.severity',
      target(number),
      'allowed',
      stored.dataClass,
      { from: stored.incident.severity, to: level, writeback },
    );
    return this.refreshed(number);
  }

  /** Reclassifying needs the right to act on the incident now and on the class it moves to. */
  async classify(ctx: RequestContext, number: number, dataClass: string): Promise<StoredIncident> {
    const next = dataClass.toLowerCase();
    if (!isRecordClass(next) || next === 'unclassified') {
      throw new CockpitError(
        'bad_request',
        `"${dataClass}" is not a data class; use personal, business, clinical or system.`,
      );
    }
    const stored = await this.actOn(ctx, number);
    await this.deps.access.require(ctx, 'act', next as DataClass, target(number));
    await this.deps.incidents.amend(number, { dataClass: next as RecordClass }, this.deps.clock());
    await this.deps.access.record(
      ctx,
      'incident.classify',
      target(number),
      'allowed',
      next as RecordClass,
      {
        from: stored.dataClass,
      },
    );
    return this.refreshed(number);
  }

  /**
   * Details: the unredacted card, sent to the caller's personal chat when their level on the
   * class allows revealing PHI (audited as a PHI access); otherwise the masked one.
   */
  async details(
    ctx: RequestContext,
    number: number,
  ): Promise<{ sent: boolean; revealed: boolean }> {
    const stored = await this.get(ctx, number);
    return this.sendPrivately(ctx, stored, await this.deps.cards.build(stored), 'details');
  }

  /**
   * Sends a card about the incident to the caller's personal chat, unmasked when their level
   * allows (audited as a PHI access). Not sent when they have no personal chat with the bot.
   */
  async sendPrivately(
    ctx: RequestContext,
    stored: StoredIncident,
    card: AdaptiveCard,
    what: string,
  ): Promise<{ sent: boolean; revealed: boolean }> {
    const number = stored.incident.number;
    const chat = (await this.deps.conversations.listInstalled()).find(
      (c) =>
        c.kind === 'personal' && c.userAadObjectId?.toLowerCase() === ctx.actor.id.toLowerCase(),
    );
    if (!chat) return { sent: false, revealed: false };
    const view = await this.deps.views.view(
      ctx,
      { shared: false },
      stored.dataClass,
      target(number),
      card,
    );
    await this.deps.outbox.enqueue(
      {
        conversationId: chat.id,
        kind: 'send',
        incidentNumber: null,
        // One per request: Teams redelivering the same activity sends it once.
        dedupeKey: `${what}:${number}:${chat.id}:${ctx.requestId}`,
        activity: { type: ActivityTypes.Message, attachments: [cardAttachment(view.content)] },
      },
      this.deps.clock(),
    );
    return { sent: true, revealed: view.revealed };
  }

  /** The incident's card as the caller should see it where they are. */
  async cardFor(
    ctx: RequestContext,
    stored: StoredIncident,
    shared: boolean,
  ): Promise<AdaptiveCard> {
    return this.viewFor(ctx, stored, await this.deps.cards.build(stored), shared);
  }

  /** A card about the incident as the caller should see it: PHI masked unless they may see it. */
  async viewFor(
    ctx: RequestContext,
    stored: StoredIncident,
    card: AdaptiveCard,
    shared: boolean,
  ): Promise<AdaptiveCard> {
    const number = stored.incident.number;
    return (await this.deps.views.view(ctx, { shared }, stored.dataClass, target(number), card))
      .content;
  }

  /** The incident, once the policy allows the caller `action` on its class (audited if not). */
  async actOn(
    ctx: RequestContext,
    number: number,
    action: ClassAction = 'act',
  ): Promise<StoredIncident> {
    const stored = await this.deps.incidents.byNumber(number);
    if (!stored) throw new CockpitError('not_found', `There is no incident #${number}.`);
    await this.deps.access.require(ctx, action, stored.dataClass, target(number));
    return stored;
  }

  /**
   * Queues the change for the Sentinel incident (applied through ARM, with a comment naming the
   * person); true when queued. Nothing is queued when write-back is off or the incident came
   * without an ARM id.
   */
  async writeBack(
    ctx: RequestContext,
    stored: StoredIncident,
    verb: string,
    change: IncidentChange,
    comment: string | null = null,
  ): Promise<boolean> {
    const writeback = this.deps.writeback;
    const armId = stored.incident.armId;
    if (!writeback || !armId) return false;
    const now = this.deps.clock();
    await writeback.repo.enqueue(
      {
        // One per request: Teams redelivering the same activity adds no second comment.
        dedupeKey: `${verb}:${stored.incident.name}:${ctx.requestId}`,
        incidentName: stored.incident.name,
        armId,
        change,
        comment,
        actor: ctx.actor.upn ? `${ctx.actor.name} (${ctx.actor.upn})` : ctx.actor.name,
      },
      now,
    );
    writeback.onQueued();
    return true;
  }

  /** Every copy of the incident's card shows the current state again; the incident after. */
  async refreshed(number: number): Promise<StoredIncident> {
    await this.deps.delivery.deliver(number);
    return (await this.deps.incidents.byNumber(number)) as StoredIncident;
  }
}

const target = (number: number) => ({ type: 'incident', id: String(number) });
