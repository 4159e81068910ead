import { ActivityTypes } from '@microsoft/agents-activity';
import { Ticker } from './ticker.js';
import type { Logger } from 'pino';
import { isRecordClass } from '../../../core/access/index.js';
import { auditDraft } from '../services/access-service.js';
import type { AuditTrail, Clock } from '../services/audit-trail.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { DeliveryService } from '../services/delivery-service.js';
import type { IdentityService } from '../services/identity-service.js';
import { mentionOf, ownerChats } from '../services/owner-chats.js';
import type { ConversationsRepository } from '../store/conversations-repo.js';
import {
  DEFAULT_ESCALATION_THRESHOLDS,
  type EscalationRepository,
  type EscalationThresholds,
  type OwedAnnouncement,
} from '../store/escalation-repo.js';
import type { EnqueueInput, OutboxRepository } from '../store/outbox-repo.js';

export interface EscalationJobOptions {
  repo: EscalationRepository;
  delivery: Pick<DeliveryService, 'deliver'>;
  outbox: Pick<OutboxRepository, 'enqueueMany'>;
  conversations: Pick<ConversationsRepository, 'listInstalled'>;
  identity: Pick<IdentityService, 'chatActor'>;
  audit: Pick<AuditTrail, 'appendWithin'>;
  clock: Clock;
  /** Minutes per severity (null: never); merged over the SPEC §3 defaults. */
  thresholds?: Partial<EscalationThresholds>;
  /** Between ticks when started; 30 s by default. */
  intervalMs?: number;
  logger?: Logger;
}

/** "15 minutes", "1 hour", "4 hours", "90 minutes". */
export function describeMinutes(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Escalation (SPEC §3): an incident not acknowledged within its severity's time after it was first
 * received gets the ESCALATED badge on every copy of its card and an @mention of each practice
 * owner in their personal chat. Nothing is held in memory: each tick reads what is due from the
 * store, so a restart loses no timer, and `markEscalated` lets only one instance escalate. The
 * announcement is owed from the mark until it is stored, and every tick makes what is owed, so a
 * crash between marking and announcing costs a late @mention, never a missing or a second one.
 */
export class EscalationJob {
  readonly thresholds: EscalationThresholds;
  private readonly ticker: Ticker;

  constructor(private readonly options: EscalationJobOptions) {
    this.thresholds = { ...DEFAULT_ESCALATION_THRESHOLDS, ...options.thresholds };
    this.ticker = new Ticker(
      () => this.tick(),
      options.intervalMs ?? 30_000,
      (error) => options.logger?.error({ err: error }, 'escalation tick failed'),
    );
  }

  /** Escalates every incident due now and announces what is owed; returns how many it escalated. */
  async tick(): Promise<number> {
    const now = this.options.clock();
    let escalated = 0;
    for (const due of await this.options.repo.dueForEscalation(now, this.thresholds)) {
      if (await this.options.repo.markEscalated(due.name, now)) escalated += 1;
    }
    for (const owed of await this.options.repo.unannounced()) {
      try {
        await this.announce(owed);
      } catch (error) {
        this.options.logger?.error(
          { err: error, incident: owed.number },
          'escalation marked but not announced yet; the next tick tries again',
        );
      }
    }
    return escalated;
  }

  /** Ticks on a timer until `stop()`; the timer does not keep the process alive. */
  start(): void {
    this.ticker.start();
  }

  /** Stops ticking and waits for the tick in flight. */
  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  /**
   * The badge on every card (queued again harmlessly if a crash came after it), then in one
   * transaction: the announcement recorded, the @mention to every owner, the audit entry. An
   * incident acknowledged or closed since it was escalated gets no @mention.
   */
  private async announce(owed: OwedAnnouncement): Promise<void> {
    const { delivery, outbox, audit, clock, repo } = this.options;
    await delivery.deliver(owed.number);
    const minutes = this.thresholds[owed.severity] ?? minutesBetween(owed);
    const waited = describeMinutes(minutes);
    const owners = owed.stillOpen
      ? await ownerChats(this.options.conversations, this.options.identity)
      : [];
    const mentions: EnqueueInput[] = owners.map((owner) => {
      const mention = mentionOf(owner);
      return {
        conversationId: owner.conversationId,
        kind: 'send',
        incidentNumber: null,
        dedupeKey: `escalation:${owed.number}:${owner.conversationId}`,
        activity: {
          type: ActivityTypes.Message,
          text: `${mention.text} #${owed.number} (${owed.severity}) has not been acknowledged for ${waited}.`,
          entities: [mention.entity],
        },
      };
    });
    const now = clock();
    await repo.announce(owed.name, now, async (trx) => {
      await outbox.enqueueMany(mentions, now, trx);
      await audit.appendWithin(trx, [
        auditDraft(
          { actor: SYSTEM_ACTOR, channel: 'job', requestId: `escalate-${owed.number}` },
          'incident.escalated',
          { type: 'incident', id: String(owed.number) },
          'allowed',
          isRecordClass(owed.dataClass) ? owed.dataClass : null,
          {
            severity: owed.severity,
            thresholdMinutes: minutes,
            firstReceivedAt: owed.firstReceivedAt,
            ownersNotified: mentions.length,
          },
        ),
      ]);
    });
  }
}

/** How long the incident had waited when it was escalated (its threshold was since removed). */
function minutesBetween(owed: OwedAnnouncement): number {
  const ms = Date.parse(owed.escalatedAt) - Date.parse(owed.firstReceivedAt);
  return Math.max(0, Math.floor(ms / 60_000));
}
