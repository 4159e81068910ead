import type { Logger } from 'pino';
import type { Pacer } from '../../../core/teams/pacing.js';
import type { OutboxItem, OutboxRepository } from '../store/outbox-repo.js';
import { MAX_DIGEST_LINES } from './cards/digest-card.js';

/** Builds the digest activity that lists these incidents for this conversation. */
export type DigestBuilder = (
  conversationId: string,
  incidentNumbers: readonly number[],
  since: Date,
) => Promise<Record<string, unknown>>;

export interface StormGuardOptions {
  repo: OutboxRepository;
  pacer: Pacer;
  digest: DigestBuilder;
  logger?: Logger;
  /** The longest a card may wait for its turn (SPEC §3: 60 s). */
  maxHoldMs?: number;
  /**
   * Kept back from `maxHoldMs` for the digest itself to find a slot and for the time between
   * checks.
   */
  marginMs?: number;
}

/** A backlog this small always goes out within a second or two: not worth a check. */
const BURST = 7;

/**
 * Alert storms (SPEC §3): when pacing would hold a conversation's waiting cards longer than
 * allowed, the new-incident cards waiting there are folded into digest cards, which go first.
 * Limits are never exceeded and nothing is dropped: each folded row names the digest that
 * carried it. Updates to cards already shown are never folded; they edit their card in place.
 */
export class StormGuard {
  private readonly maxHoldMs: number;
  private readonly marginMs: number;

  constructor(private readonly options: StormGuardOptions) {
    this.maxHoldMs = options.maxHoldMs ?? 60_000;
    this.marginMs = options.marginMs ?? 20_000;
  }

  /** Checks every conversation with a backlog; returns how many cards were folded. */
  async check(now: Date): Promise<number> {
    const { repo, pacer } = this.options;
    let folded = 0;
    for (const backlog of await repo.backlogs(BURST)) {
      const waited = now.getTime() - Date.parse(backlog.oldestCreatedAt);
      const left = this.maxHoldMs - this.marginMs - waited;
      const fits =
        left < 0 ? 0 : pacer.capacity(backlog.conversationId, now.getTime(), left, backlog.pending);
      if (fits >= backlog.pending) continue;
      folded += await this.fold(backlog.conversationId, now);
    }
    return folded;
  }

  private async fold(conversationId: string, now: Date): Promise<number> {
    const { repo, digest, logger } = this.options;
    const waiting = await repo.waitingCards(conversationId, 10 * MAX_DIGEST_LINES);
    if (waiting.length === 0) return 0;
    const folds = [];
    for (const part of chunksByIncident(waiting, MAX_DIGEST_LINES)) {
      const numbers = [...new Set(part.map((row) => row.incidentNumber as number))];
      const first = part[0] as OutboxItem;
      folds.push({
        rowIds: part.map((row) => row.id),
        digest: {
          conversationId,
          kind: 'send' as const,
          incidentNumber: null,
          dedupeKey: `digest:${conversationId}:${first.id}`,
          activity: await digest(conversationId, numbers, new Date(first.createdAt)),
        },
      });
    }
    const folded = await repo.fold(folds, now);
    logger?.warn(
      { conversationId, folded, digests: folds.length },
      'alert storm: waiting cards folded into digests',
    );
    return folded;
  }
}

/** Rows split into parts of at most `size` distinct incidents, in order. */
function chunksByIncident(rows: readonly OutboxItem[], size: number): OutboxItem[][] {
  const parts: OutboxItem[][] = [];
  let current: OutboxItem[] = [];
  let incidents = new Set<number>();
  for (const row of rows) {
    const number = row.incidentNumber as number;
    if (!incidents.has(number) && incidents.size === size) {
      parts.push(current);
      current = [];
      incidents = new Set();
    }
    incidents.add(number);
    current.push(row);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
