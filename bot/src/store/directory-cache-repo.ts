import type { Role } from '../../../core/access/index.js';
import type { DirectoryUser } from '../identity/directory.js';
import type { Store } from './database.js';

/** Roles looked up in Entra ID, kept until `expires_at` so chat turns need no Graph call. */
export class DirectoryCacheRepository {
  constructor(private readonly store: Store) {}

  /** The cached user if the entry has not expired at `now`. */
  async get(aadObjectId: string, now: Date): Promise<DirectoryUser | null> {
    const row = await this.store.db
      .selectFrom('directory_cache')
      .selectAll()
      .where('aad_object_id', '=', aadObjectId.toLowerCase())
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    if (!row) return null;
    return {
      aadObjectId: row.aad_object_id,
      name: row.name ?? '',
      upn: row.upn,
      roles: JSON.parse(row.roles) as Role[],
    };
  }

  async put(user: DirectoryUser, now: Date, ttlSeconds: number): Promise<void> {
    const values = {
      aad_object_id: user.aadObjectId.toLowerCase(),
      name: user.name,
      upn: user.upn,
      roles: JSON.stringify(user.roles),
      fetched_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
    };
    await this.store.db
      .insertInto('directory_cache')
      .values(values)
      .onConflict((oc) => oc.column('aad_object_id').doUpdateSet(values))
      .execute();
  }
}
