import type { Logger } from 'pino';
import type { Pacer } from '../../../core/teams/pacing.js';
import { NETWORK_ERROR, retryDecision, TEAMS_RETRY } from '../../../core/retry/index.js';
import type { OutboxItem, OutboxRepository } from '../store/outbox-repo.js';
import { Ticker } from '../jobs/ticker.js';
import type { StormGuard } from './storm-guard.js';

/** Where an outbound call goes: the conversation and what is needed to reach it. */
export interface ConversationTarget {
  conversationId: string;
  /** The Bot Connector base for the conversation (Teams' `serviceUrl`). */
  serviceUrl: string;
  /** The stored Bot Framework ConversationReference, for SDK-based transports. */
  reference: Record<string, unknown>;
}

/** The only thing that talks to the Bot Connector; the outbox sender is its only caller. */
export interface TeamsTransport {
  send(target: ConversationTarget, activity: Record<string, unknown>): Promise<{ id: string }>;
  update(
    target: ConversationTarget,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<void>;
}

/**
 * A failed outbound call. `status` is the HTTP status, or 0 when no answer came back (network
 * error, timeout); `retryAfterSeconds` is the 429's `Retry-After`, when given.
 */
export class TransportError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** What the sender needs to know about a conversation (the conversations repository gives it). */
export interface ConversationLookup {
  get(id: string): Promise<{
    id: string;
    serviceUrl: string;
    reference: Record<string, unknown>;
    uninstalledAt: string | null;
  } | null>;
}

export interface OutboxSenderOptions {
  repo: OutboxRepository;
  conversations: ConversationLookup;
  pacer: Pacer;
  transport: TeamsTransport;
  clock: () => Date;
  random: () => number;
  logger?: Logger;
  /** Between ticks when started; 250 ms by default. */
  intervalMs?: number;
  /** Rows taken per tick. */
  batchSize?: number;
  /** How long a taken row is hidden from other senders; past it, a crashed call is retried. */
  leaseMs?: number;
  /** Folds what pacing would hold too long into digests (checked before each tick's sends). */
  storm?: StormGuard;
  /**
   * The only sender on its store (SQLite: one process): leases left by a crashed run are its
   * own, so they are released at start instead of waiting for them to run out.
   */
  soleSender?: boolean;
}

/** What one tick did, for tests and metrics. */
export interface TickResult {
  sent: number;
  paced: number;
  retried: number;
  dead: number;
  /** Cards folded into digests by the storm check. */
  folded: number;
}

const DEFAULT_LEASE_MS = 60_000;

/** How long an update waits for the card it updates, while that card is still queued. */
const WAIT_FOR_CARD_MS = 1_000;

/**
 * The one outbound Teams sender: takes due outbox rows, paces them under Teams' limits, sends new
 * activities or updates the live card in place, retries what may succeed later and dead-letters
 * the rest.
 *
 * Restart safety: a row stays `pending` until the connector has answered and `markSent` ran, and
 * a taken row is leased, not removed. A process that dies between the connector's answer and
 * `markSent` therefore resends that one activity (at most one: calls go one at a time) after the
 * lease, or at once on restart when it is the sole sender; nothing is ever lost. Enqueueing
 * is idempotent by dedupe key, so callers replaying their own work after a restart add nothing.
 */
export class OutboxSender {
  private readonly ticker: Ticker;
  private warmed = false;

  constructor(private readonly options: OutboxSenderOptions) {
    this.ticker = new Ticker(
      () => this.tick(),
      options.intervalMs ?? 250,
      (error) => options.logger?.error({ err: error }, 'outbox tick failed'),
    );
  }

  /** Processes the rows due now; one at a time, so pacing sees every send before the next. */
  async tick(): Promise<TickResult> {
    const { repo, clock } = this.options;
    const result: TickResult = { sent: 0, paced: 0, retried: 0, dead: 0, folded: 0 };
    if (!this.warmed) await this.warmUp();
    const now = clock();
    if (this.options.storm) result.folded = await this.checkStorm(now);
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? DEFAULT_LEASE_MS));
    const rows = await repo.claimDue(now, this.options.batchSize ?? 50, leaseUntil);
    for (const row of rows) result[await this.process(row)] += 1;
    return result;
  }

  /**
   * The storm check must never stop the sends: if it fails (a digest cannot be built), cards
   * still go out paced, just later than a digest would have shown them.
   */
  private async checkStorm(now: Date): Promise<number> {
    try {
      return (await this.options.storm?.check(now)) ?? 0;
    } catch (error) {
      this.options.logger?.error({ err: error }, 'alert-storm check failed; sending as paced');
      return 0;
    }
  }

  /** Ticks on a timer until `stop()`; the timer does not keep the process alive. */
  start(): void {
    this.ticker.start();
  }

  /** Something was just queued: send now instead of at the next interval. */
  nudge(): void {
    this.ticker.nudge();
  }

  /** Stops ticking and waits for the tick in flight, so no row is left half-handled. */
  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  /**
   * A new sender (a restart) starts knowing the sends of the last hour, so pacing holds, and,
   * when it is the only sender, takes back the rows its crashed predecessor held.
   */
  private async warmUp(): Promise<void> {
    const now = this.options.clock();
    if (this.options.soleSender) {
      // The crashed run sent one call at a time, so at most one was in flight, in one of these
      // conversations, and may have reached Teams: count one send in each, at the time the rows
      // were taken, so pacing stays on the safe side.
      const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
      const held = await this.options.repo.releaseLeases();
      const claimed = new Map<string, number>();
      for (const lease of held) {
        claimed.set(lease.conversationId, Date.parse(lease.leasedUntil) - leaseMs);
      }
      for (const [conversationId, at] of claimed) this.options.pacer.record(conversationId, at);
    }
    const since = new Date(now.getTime() - 3_600_000);
    for (const send of await this.options.repo.recentSends(since)) {
      this.options.pacer.record(send.conversationId, Date.parse(send.sentAt));
    }
    this.warmed = true;
  }

  private async process(row: OutboxItem): Promise<Exclude<keyof TickResult, 'folded'>> {
    const { repo, pacer, clock, conversations } = this.options;
    const now = clock();
    const newer = await repo.newerUpdate(row);
    if (newer) {
      await repo.supersede(row.id, newer, now);
      return 'sent';
    }
    const earliest = pacer.earliest(row.conversationId, now.getTime());
    if (earliest > now.getTime()) {
      await repo.reschedule(row.id, row.attempts, new Date(earliest), null);
      return 'paced';
    }
    const conversation = await conversations.get(row.conversationId);
    if (!conversation || conversation.uninstalledAt !== null) {
      await repo.markDead(row.id, `conversation ${row.conversationId} is not installed`);
      return 'dead';
    }
    let activityId: string | null = null;
    if (row.kind === 'update' && row.incidentNumber !== null) {
      activityId = await repo.cardFor(row.conversationId, row.incidentNumber);
      if (!activityId && (await repo.hasPendingSend(row.conversationId, row.incidentNumber))) {
        // The card itself is still queued (perhaps retrying): update it once it exists.
        await repo.reschedule(
          row.id,
          row.attempts,
          new Date(now.getTime() + WAIT_FOR_CARD_MS),
          null,
        );
        return 'paced';
      }
    }
    const target = {
      conversationId: conversation.id,
      serviceUrl: conversation.serviceUrl,
      reference: conversation.reference,
    };
    pacer.record(row.conversationId, now.getTime());
    try {
      if (activityId) {
        await this.options.transport.update(target, activityId, row.activity);
      } else {
        // A new card, or an update whose card was never delivered: post it as the live card.
        activityId = (await this.options.transport.send(target, row.activity)).id;
        if (row.incidentNumber !== null) {
          await repo.rememberCard(row.conversationId, row.incidentNumber, activityId, clock());
        }
      }
      await repo.markSent(row.id, activityId, clock());
      return 'sent';
    } catch (error) {
      return this.failed(row, error);
    }
  }

  private async failed(
    row: OutboxItem,
    error: unknown,
  ): Promise<Exclude<keyof TickResult, 'folded'>> {
    const { repo, clock, random, logger } = this.options;
    const status = error instanceof TransportError ? error.status : NETWORK_ERROR;
    const retryAfter = error instanceof TransportError ? error.retryAfterSeconds : null;
    const text = error instanceof Error ? error.message : String(error);
    const attempts = row.attempts + 1;
    const decision = retryDecision(TEAMS_RETRY, status, attempts, retryAfter, random);
    const log = { outboxId: row.id, conversationId: row.conversationId, status, attempts };
    if (decision.retry) {
      const nextAt = new Date(clock().getTime() + decision.delayMs);
      await repo.reschedule(row.id, attempts, nextAt, text);
      logger?.warn({ ...log, delayMs: decision.delayMs }, 'outbox call failed; will retry');
      return 'retried';
    }
    await repo.markDead(row.id, text, attempts);
    logger?.error(log, 'outbox call failed for good; dead-lettered');
    return 'dead';
  }
}
