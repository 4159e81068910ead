import type { Store } from './database.js';

/**
 * Leases and watermarks of background pollers. A lease is taken under the store's write lock
 * (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so of several instances sharing
 * a store only one holds it at a time.
 */
export class PollerStateRepo {
  constructor(private readonly store: Store) {}

  /**
   * Takes the lease, or extends it when `holder` already holds it; true when `holder` holds it
   * until `now + ttlMs` afterwards. An expired lease of another holder is taken over.
   */
  async acquireLease(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    return this.store.withWriteLock(`lease:${name}`, async (db) => {
      const current = await db
        .selectFrom('leases')
        .select(['holder', 'expires_at'])
        .where('name', '=', name)
        .executeTakeFirst();
      if (!current) {
        await db.insertInto('leases').values({ name, holder, expires_at: expiresAt }).execute();
        return true;
      }
      if (current.holder !== holder && Date.parse(current.expires_at) > now.getTime()) return false;
      await db
        .updateTable('leases')
        .set({ holder, expires_at: expiresAt })
        .where('name', '=', name)
        .execute();
      return true;
    });
  }

  /** Extends the lease only if `holder` still holds it (even if it just expired); true if so. */
  async renewLease(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    return this.store.withWriteLock(`lease:${name}`, async (db) => {
      const result = await db
        .updateTable('leases')
        .set({ expires_at: expiresAt })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  /** Gives the lease up at once (a graceful stop), if `holder` holds it. */
  async releaseLease(name: string, holder: string): Promise<void> {
    await this.store.withWriteLock(`lease:${name}`, async (db) => {
      await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    });
  }

  /** Who holds the lease and until when, or null. */
  async leaseHolder(name: string): Promise<{ holder: string; expiresAt: string } | null> {
    const row = await this.store.db
      .selectFrom('leases')
      .select(['holder', 'expires_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { holder: row.holder, expiresAt: row.expires_at } : null;
  }

  async getWatermark(name: string): Promise<string | null> {
    const row = await this.store.db
      .selectFrom('watermarks')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async setWatermark(name: string, value: string, now: Date): Promise<void> {
    const updatedAt = now.toISOString();
    await this.store.db
      .insertInto('watermarks')
      .values({ name, value, updated_at: updatedAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: updatedAt }))
      .execute();
  }
}
