import {
  type AuditDraft,
  type AuditEntry,
  ChainVerifier,
  type VerifyResult,
} from '../../../core/audit/index.js';
import { type AuditRepository, sha256Hex } from '../store/audit-repo.js';

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
    private readonly options: { redactDetails?: DetailsRedactor; maxBatch?: number } = {},
  ) {}

  append(draft: AuditDraft): Promise<AuditEntry> {
    const redact = this.options.redactDetails;
    const safe =
      redact && Object.keys(draft.details).length > 0
        ? { ...draft, details: redact(draft.details) }
        : draft;
    return new Promise((resolve, reject) => {
      this.pending.push({ draft: safe, ts: this.clock().toISOString(), resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
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
   * Walks the whole chain in small pages (their rows die young, which keeps V8's collector
   * cheap) and reports the first broken `seq`.
   */
  async verify(pageSize = 1000): Promise<VerifyResult> {
    const verifier = new ChainVerifier(sha256Hex);
    for (;;) {
      const page = await this.repo.linkPage(verifier.head().seq, pageSize);
      if (page.length === 0 || !verifier.feedLinks(page)) break;
    }
    return verifier.result();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
