import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { ARM_RETRY, NETWORK_ERROR, retryDecision } from '../../../core/retry/index.js';
import { defaultComment } from '../../../core/incidents/index.js';
import { ArmError, type SentinelArmClient } from '../azure/sentinel-arm.js';
import type { WritebackItem, WritebackRepository } from '../store/writeback-repo.js';
import { Ticker } from './ticker.js';

export interface SentinelWritebackOptions {
  repo: WritebackRepository;
  client: Pick<SentinelArmClient, 'updateIncident' | 'addComment'>;
  clock: () => Date;
  /** A number in [0, 1), as Math.random gives: the jitter of retries. */
  random: () => number;
  logger?: Logger;
  /** Between ticks when started; 5 s by default. */
  intervalMs?: number;
  /** Rows taken per tick. */
  batchSize?: number;
  /** How long a taken row is hidden from other workers; past it, a crashed call is retried. */
  leaseMs?: number;
  /** Tries in all before a row is dead-lettered; 12 by default (about an hour of retrying). */
  maxAttempts?: number;
}

/** What one tick did, for tests and metrics. */
export interface WritebackTickResult {
  done: number;
  retried: number;
  dead: number;
}

/** The incident comment's id for a write-back row: the same on every retry, so one comment. */
export function commentIdFor(writebackId: string): string {
  const hex = createHash('sha256').update(`cockpit-writeback:${writebackId}`).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/**
 * Applies queued Teams actions to Sentinel incidents through ARM (SPEC §2): for each due row,
 * the incident update (GET, PUT with If-Match, re-applied on 412), then the comment, then done.
 *
 * Restart safety: a row stays `pending` until both calls succeeded and `markDone` ran, and a
 * taken row is leased, not removed. A process that dies in between repeats the row after the
 * lease: the update finds its change in place and sends nothing, and the comment is PUT under
 * the same id, so Sentinel still shows one comment.
 */
export class SentinelWriteback {
  private readonly ticker: Ticker;

  constructor(private readonly options: SentinelWritebackOptions) {
    this.ticker = new Ticker(
      () => this.tick(),
      options.intervalMs ?? 5_000,
      (error) => options.logger?.error({ err: error }, 'Sentinel write-back tick failed'),
    );
  }

  /** Processes the rows due now, one at a time. A store failure is thrown, leaving the lease. */
  async tick(): Promise<WritebackTickResult> {
    const { repo, clock } = this.options;
    const result: WritebackTickResult = { done: 0, retried: 0, dead: 0 };
    const now = clock();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 120_000));
    const rows = await repo.claimDue(now, this.options.batchSize ?? 20, leaseUntil);
    for (const row of rows) result[await this.process(row)] += 1;
    // A later write-back of the same incident may have been waiting on one done now.
    if (result.done > 0) this.ticker.nudge();
    return result;
  }

  /** Ticks on a timer until `stop()`; the timer does not keep the process alive. */
  start(): void {
    this.ticker.start();
  }

  /** Something was just queued: apply it now instead of at the next interval. */
  nudge(): void {
    this.ticker.nudge();
  }

  /** Stops ticking and waits for the tick in flight, so no row is left half-handled. */
  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  private async process(row: WritebackItem): Promise<keyof WritebackTickResult> {
    const { client, repo, clock } = this.options;
    try {
      await client.updateIncident(row.armId, row.change);
      const message = row.comment ?? defaultComment(row.change, row.actor);
      await client.addComment(row.armId, commentIdFor(row.id), message);
    } catch (error) {
      return this.failed(row, error);
    }
    await repo.markDone(row.id, clock());
    this.options.logger?.info(
      { writebackId: row.id, incidentName: row.incidentName, attempts: row.attempts + 1 },
      'Sentinel write-back applied',
    );
    return 'done';
  }

  private async failed(row: WritebackItem, error: unknown): Promise<keyof WritebackTickResult> {
    const { repo, clock, logger } = this.options;
    const status = error instanceof ArmError ? error.status : NETWORK_ERROR;
    const retryAfter = error instanceof ArmError ? error.retryAfterSeconds : null;
    const text = error instanceof Error ? error.message : String(error);
    const attempts = row.attempts + 1;
    const log = { writebackId: row.id, incidentName: row.incidentName, status, attempts };
    const policy = { ...ARM_RETRY, maxAttempts: this.options.maxAttempts ?? ARM_RETRY.maxAttempts };
    const decision = retryDecision(policy, status, attempts, retryAfter, this.options.random);
    if (decision.retry) {
      const nextAt = new Date(clock().getTime() + decision.delayMs);
      await repo.reschedule(row.id, attempts, nextAt, text);
      logger?.warn(
        { ...log, delayMs: decision.delayMs, error: text },
        'Sentinel write-back failed; will retry',
      );
      return 'retried';
    }
    const why = decision.why === 'exhausted' ? `gave up after ${attempts} tries: ${text}` : text;
    await repo.markDead(row.id, why, attempts);
    logger?.error({ ...log, error: why }, 'Sentinel write-back failed for good; dead-lettered');
    return 'dead';
  }
}
