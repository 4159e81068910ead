import {
  type AuditDraft,
  type AuditEntry,
  EMPTY_HEAD,
  type VerifyResult,
} from '../../../core/audit/index.js';
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AuditRepository } from '../store/audit-repo.js';
import type { Database } from '../store/schema.js';
import { type RangeReport, stitchRanges, verifyRange } from '../store/audit-verify-range.js';

export type Clock = () => Date;

/** Masks PHI in an entry's details before it is chained (details never hold PHI). */
export type DetailsRedactor = (details: AuditDraft['details']) => AuditDraft['details'];

/**
 * The tamper-evident trail. Appends made while a write is in flight are committed together in
 * the next transaction (group commit): each caller's promise resolves only once its entry is
 * durably stored, and throughput grows with concurrency instead of one fsync per entry.
 */
export class AuditTrail {
  private pending: {
    draft: AuditDraft;
    ts: string;
    resolve: (e: AuditEntry) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
    private readonly options: {
      redactDetails?: DetailsRedactor;
      maxBatch?: number;
      /** Worker threads for verifying a long chain (default 1: one walk on this thread). */
      verifyWorkers?: number;
      /** Chain length from which workers are used. */
      parallelFrom?: number;
    } = {},
  ) {}

  append(draft: AuditDraft): Promise<AuditEntry> {
    const safe = this.redact(draft);
    return new Promise((resolve, reject) => {
      this.pending.push({ draft: safe, ts: this.clock().toISOString(), resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /**
   * Appends inside the caller's write transaction (`Store.transaction`), so the entries commit
   * with what they record (an accepted event, a recorded version) or not at all. Call it last
   * in the transaction: the chain lock is held from here to the commit.
   */
  appendWithin(trx: Kysely<Database>, drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
    const ts = this.clock().toISOString();
    return this.repo.appendWithin(
      trx,
      drafts.map((draft) => ({ draft: this.redact(draft), ts })),
    );
  }

  private redact(draft: AuditDraft): AuditDraft {
    const redact = this.options.redactDetails;
    return redact && Object.keys(draft.details).length > 0
      ? { ...draft, details: redact(draft.details) }
      : draft;
  }

  /** Resolves when everything appended so far is stored. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.options.maxBatch ?? 1000);
        try {
          const entries = await this.appendWithRetry(batch);
          batch.forEach((item, i) => item.resolve(entries[i] as AuditEntry));
        } catch (error) {
          batch.forEach((item) => item.reject(error));
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** A unique-key clash means another writer got there first outside our lock: read the head again. */
  private async appendWithRetry(
    batch: readonly { draft: AuditDraft; ts: string }[],
  ): Promise<AuditEntry[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.repo.append(batch);
      } catch (error) {
        if (attempt >= 5 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /**
   * Walks the whole chain and reports the first broken `seq`. A long chain is split into seq
   * ranges checked on worker threads, one connection each, then stitched (each range's first
   * `prevHash` must be the previous range's last `hash`): the same verdict as one walk.
   */
  async verify(): Promise<VerifyResult> {
    const head = await this.repo.head();
    const workers = this.options.verifyWorkers ?? 1;
    if (
      workers > 1 &&
      head.seq >= (this.options.parallelFrom ?? 200_000) &&
      existsSync(WORKER_FILE)
    ) {
      return this.verifyInParallel(head.seq, workers);
    }
    return stitchRanges([await verifyRange(this.repo, 0, null)], EMPTY_HEAD);
  }

  private async verifyInParallel(headSeq: number, workers: number): Promise<VerifyResult> {
    const size = Math.ceil(headSeq / workers);
    const bounds = Array.from(
      { length: workers },
      (_, i) => [i * size, Math.min(headSeq, (i + 1) * size)] as const,
    );
    const ranges = await Promise.all(
      bounds.map(
        ([afterSeq, toSeq]) =>
          new Promise<RangeReport>((resolve, reject) => {
            const worker = new Worker(WORKER_FILE, {
              workerData: { options: this.repo.storeOptions(), afterSeq, toSeq },
            });
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (code !== 0)
                reject(new Error(`audit verification worker stopped with code ${code}`));
            });
          }),
      ),
    );
    return stitchRanges(ranges, EMPTY_HEAD);
  }
}

/** The compiled worker beside this file (absent when running from TypeScript sources). */
const WORKER_FILE = fileURLToPath(new URL('../store/audit-verify-worker.js', import.meta.url));

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
