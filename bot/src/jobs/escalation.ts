import { ActivityTypes } from '@microsoft/agents-activity';
import { Ticker } from './ticker.js';
import type { Logger } from 'pino';
import { isRecordClass } from '../../../core/access/index.js';
import type { AccessService } from '../services/access-service.js';
import type { Clock } from '../services/audit-trail.js';
import { SYSTEM_ACTOR, type RequestContext } from '../services/context.js';
import type { DeliveryService } from '../services/delivery-service.js';
import type { IdentityService } from '../services/identity-service.js';
import type { Conversation, ConversationsRepository } from '../store/conversations-repo.js';
import {
  DEFAULT_ESCALATION_THRESHOLDS,
  type DueEscalation,
  type EscalationRepository,
  type EscalationThresholds,
} from '../store/escalation-repo.js';
import type { OutboxRepository } from '../store/outbox-repo.js';

export interface EscalationJobOptions {
  repo: EscalationRepository;
  delivery: Pick<DeliveryService, 'deliver'>;
  outbox: OutboxRepository;
  conversations: Pick<ConversationsRepository, 'listInstalled'>;
  identity: Pick<IdentityService, 'chatActor'>;
  access: Pick<AccessService, 'record'>;
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
 * store, so a restart loses no timer, and `markEscalated` lets only one instance escalate.
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

  /** Escalates every incident due now; returns how many this call escalated. */
  async tick(): Promise<number> {
    const now = this.options.clock();
    let escalated = 0;
    for (const due of await this.options.repo.dueForEscalation(now, this.thresholds)) {
      if (!(await this.options.repo.markEscalated(due.name, now))) continue;
      escalated += 1;
      try {
        await this.announce(due);
      } catch (error) {
        this.options.logger?.error(
          { err: error, incident: due.number },
          'escalation marked but not fully announced',
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

  /** The badge on every card, the @mention to every owner, the audit entry. */
  private async announce(due: DueEscalation): Promise<void> {
    const { delivery, outbox, access, clock } = this.options;
    await delivery.deliver(due.number);
    const waited = describeMinutes(due.thresholdMinutes);
    const owners = await this.owners();
    for (const owner of owners) {
      const at = `<at>${escapeXml(owner.name)}</at>`;
      await outbox.enqueue(
        {
          conversationId: owner.conversationId,
          kind: 'send',
          incidentNumber: null,
          dedupeKey: `escalation:${due.number}:${owner.conversationId}`,
          activity: {
            type: ActivityTypes.Message,
            text: `${at} #${due.number} (${due.severity}) has not been acknowledged for ${waited}.`,
            entities: [
              { type: 'mention', text: at, mentioned: { id: owner.teamsId, name: owner.name } },
            ],
          },
        },
        clock(),
      );
    }
    const ctx: RequestContext = {
      actor: SYSTEM_ACTOR,
      channel: 'job',
      requestId: `escalate-${due.number}`,
    };
    await access.record(
      ctx,
      'incident.escalated',
      { type: 'incident', id: String(due.number) },
      'allowed',
      isRecordClass(due.dataClass) ? due.dataClass : null,
      {
        severity: due.severity,
        thresholdMinutes: due.thresholdMinutes,
        firstReceivedAt: due.firstReceivedAt,
        ownersNotified: owners.length,
      },
    );
  }

  /** Practice owners with the app installed in their personal chat. */
  private async owners(): Promise<{ conversationId: string; teamsId: string; name: string }[]> {
    const out: { conversationId: string; teamsId: string; name: string }[] = [];
    for (const c of await this.options.conversations.listInstalled()) {
      if (c.kind !== 'personal' || !c.userAadObjectId) continue;
      const user = teamsUser(c);
      const actor = await this.options.identity.chatActor({
        aadObjectId: c.userAadObjectId,
        ...(user?.name ? { name: user.name } : {}),
      });
      if (!actor.roles.includes('PracticeOwner')) continue;
      out.push({
        conversationId: c.id,
        teamsId: user?.id ?? c.userAadObjectId,
        name: actor.name,
      });
    }
    return out;
  }
}

/** The person in a personal chat, from its stored ConversationReference (`user`). */
function teamsUser(c: Conversation): { id: string | null; name: string | null } | null {
  const user = c.reference.user;
  if (!user || typeof user !== 'object') return null;
  const { id, name, aadObjectId } = user as Record<string, unknown>;
  // Only the chat's own user: the reference is the install's, in a personal chat that person.
  if (typeof aadObjectId === 'string' && aadObjectId !== c.userAadObjectId) return null;
  return {
    id: typeof id === 'string' && id ? id : null,
    name: typeof name === 'string' && name ? name : null,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
