import { randomUUID } from 'node:crypto';
import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Pacer } from '../../../core/teams/pacing.js';
import type { OutboxRepository } from '../store/outbox-repo.js';

/** The longest a turn waits for its reply's slot; Teams redelivers a message it waited 15 s on. */
const MAX_WAIT_MS = 4_000;

/**
 * Replies under Teams' limits. A reply is an outbound call like the outbox's cards, so it books
 * its slot with the same pacer: when the slot comes within a few seconds the turn waits for it
 * and replies; when the conversation is busier than that (an alert storm), the reply is queued
 * in the outbox instead and the turn ends at once, so Teams never times out and redelivers.
 */
export class PacedReplies {
  constructor(
    private readonly deps: {
      pacer: Pacer;
      clock: () => Date;
      outbox: OutboxRepository;
      /** Told when a reply was queued (the sender sends at once). */
      onQueued: () => void;
      maxWaitMs?: number;
    },
  ) {}

  /** `purpose` tells replies of one turn apart in the outbox (`answer`, `error`). */
  async send(
    context: TurnContext,
    activity: Record<string, unknown>,
    purpose: string,
  ): Promise<'sent' | 'queued'> {
    const { pacer, clock } = this.deps;
    const key = pacingKey(context.activity.conversation?.id ?? '');
    const now = clock().getTime();
    const at = pacer.earliest(key, now);
    if (at - now > (this.deps.maxWaitMs ?? MAX_WAIT_MS)) {
      await this.deps.outbox.enqueue(
        {
          conversationId: key,
          kind: 'send',
          incidentNumber: null,
          dedupeKey: `reply:${key}:${context.activity.id ?? randomUUID()}:${purpose}`,
          activity,
        },
        clock(),
      );
      this.deps.onQueued();
      return 'queued';
    }
    pacer.record(key, at);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    await context.sendActivity(Activity.fromObject(activity));
    return 'sent';
  }
}

/**
 * A channel thread (`<channel>;messageid=<root>`) counts against its channel's limits, and is
 * the channel the outbox knows (a queued reply goes to the channel, not the thread).
 */
function pacingKey(conversationId: string): string {
  return conversationId.split(';messageid=')[0] as string;
}
