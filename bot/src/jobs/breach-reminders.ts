import { ActivityTypes } from '@microsoft/agents-activity';
import type { Logger } from 'pino';
import {
  type BreachSettings,
  breachObligations,
  currentAssessment,
  obligations,
  type Reminder,
  reminders,
} from '../../../core/breach/index.js';
import type { AccessService } from '../services/access-service.js';
import type { Clock } from '../services/audit-trail.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import type { DeliveryService } from '../services/delivery-service.js';
import type { IdentityService } from '../services/identity-service.js';
import { mentionOf, ownerChats } from '../services/owner-chats.js';
import type { ConversationsRepository } from '../store/conversations-repo.js';
import type { IncidentsRepository } from '../store/incidents-repo.js';
import type { OutboxRepository } from '../store/outbox-repo.js';
import type { ResponsesRepository } from '../store/responses-repo.js';
import { Ticker } from './ticker.js';

export interface BreachRemindersOptions {
  responses: Pick<ResponsesRepository, 'withBreach'>;
  incidents: Pick<IncidentsRepository, 'byNumber'>;
  delivery: Pick<DeliveryService, 'deliver'>;
  outbox: OutboxRepository;
  conversations: Pick<ConversationsRepository, 'listInstalled'>;
  identity: Pick<IdentityService, 'chatActor'>;
  access: Pick<AccessService, 'record'>;
  clock: Clock;
  settings?: Partial<BreachSettings>;
  /** Between ticks when started; 60 s by default. */
  intervalMs?: number;
  logger?: Logger;
}

/**
 * Reminders before each breach deadline and escalation after it (SPEC §4). Each tick reads the
 * breach tracks from the store and, for every obligation not yet done, takes the latest point
 * of its schedule that has come: a message to each practice owner's personal chat (an @mention
 * once it is late), queued under a key naming the obligation and the point, so a restart or a
 * second instance never sends it twice, and a long stop sends only the latest point, not a
 * backlog. The card is refreshed so its deadline shows the new status.
 */
export class BreachReminderJob {
  private readonly ticker: Ticker;

  constructor(private readonly options: BreachRemindersOptions) {
    this.ticker = new Ticker(
      () => this.tick(),
      options.intervalMs ?? 60_000,
      (error) => options.logger?.error({ err: error }, 'breach reminder tick failed'),
    );
  }

  start(): void {
    this.ticker.start();
  }

  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  /** Queues what has come due; returns how many messages were queued. */
  async tick(): Promise<number> {
    const { responses, clock, settings } = this.options;
    const now = clock().toISOString();
    let queued = 0;
    for (const response of await responses.withBreach()) {
      const breach = response.breach;
      const assessment = breach ? currentAssessment(breach) : null;
      if (!breach || !assessment) continue;
      const open = new Set(
        breachObligations(breach, now, settings)
          .filter((o) => o.status !== 'done')
          .map((o) => o.id),
      );
      const latest = new Map<string, Reminder>();
      for (const reminder of reminders(obligations(assessment, settings), settings)) {
        if (reminder.at <= now && open.has(reminder.obligationId)) {
          latest.set(reminder.obligationId, reminder);
        }
      }
      if (latest.size === 0) continue;
      const sent = await this.remind(response.incidentNumber, [...latest.values()]);
      if (sent > 0) await this.options.delivery.deliver(response.incidentNumber);
      queued += sent;
    }
    return queued;
  }

  private async remind(incidentNumber: number, due: readonly Reminder[]): Promise<number> {
    const { outbox, clock, access } = this.options;
    const owners = await ownerChats(this.options.conversations, this.options.identity);
    const stored = await this.options.incidents.byNumber(incidentNumber);
    let queued = 0;
    for (const reminder of due) {
      for (const owner of owners) {
        const late = reminder.kind === 'escalation';
        const mention = late ? mentionOf(owner) : null;
        const line = `Breach #${incidentNumber}: notify ${reminder.party}${reminder.state ? ` (${reminder.state})` : ''} under ${reminder.rule}: ${reminder.label}. Log it with \`notified ${incidentNumber} ${reminder.party}\`.`;
        const { created } = await outbox.enqueue(
          {
            conversationId: owner.conversationId,
            kind: 'send',
            incidentNumber: null,
            dedupeKey: `breach-reminder:${incidentNumber}:${reminder.obligationId}:${reminder.at}:${owner.conversationId}`,
            activity: {
              type: ActivityTypes.Message,
              text: mention ? `${mention.text} ${line}` : line,
              ...(mention ? { entities: [mention.entity] } : {}),
            },
          },
          clock(),
        );
        if (!created) continue;
        queued += 1;
        await access.record(
          { actor: SYSTEM_ACTOR, channel: 'job', requestId: `breach-reminder-${incidentNumber}` },
          late ? 'breach.escalated' : 'breach.reminded',
          { type: 'incident', id: String(incidentNumber) },
          'allowed',
          stored?.dataClass ?? null,
          { obligation: reminder.obligationId, kind: reminder.kind, at: reminder.at },
        );
      }
    }
    return queued;
  }
}
