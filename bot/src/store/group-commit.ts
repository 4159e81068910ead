/**
 * Group commit: items submitted while a commit is in flight are committed together by the next
 * one, so many callers share one transaction (one fsync) instead of paying one each. A caller's
 * promise settles only when the commit that holds its item has finished: resolved with its
 * result once durable, rejected with the commit's error otherwise.
 */
export class GroupCommit<I, O> {
  private pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    /** Commits the items in one transaction; returns one result per item, in order. */
    private readonly commit: (items: readonly I[]) => Promise<O[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Resolves when everything submitted so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * One commit at a time: on SQLite writes are serialised anyway, and on PostgreSQL running
   * batches side by side measured no faster (they queue on the audit chain's lock).
   */
  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // One turn of the event loop first: requests already read in this turn join the batch
        // (SQLite's driver is synchronous, so nothing else is read while a commit runs).
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          const results = await this.commit(batch.map((p) => p.item));
          batch.forEach((p, i) => p.resolve(results[i] as O));
        } catch (error) {
          batch.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}

/** Errors after which the same transaction may simply be run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  // PostgreSQL: deadlock detected, serialization failure, unique violation (another writer won
  // a race outside our locks); SQLite: a unique clash of the same kind.
  return (
    code === '40P01' ||
    code === '40001' ||
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/** Runs `work` again (up to `attempts` times in all) while it fails with a retryable conflict. */
export async function retryConflicts<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
    }
  }
}
