import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { packageRoot } from '../../bot/src/paths.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';
import type * as DatabaseModule from '../../bot/src/store/database.js';
import type * as AuditRepoModule from '../../bot/src/store/audit-repo.js';
import type * as AuditTrailModule from '../../bot/src/services/audit-trail.js';

/*
 * Parallel verification runs worker threads from the compiled service (`npm test` builds
 * first), so this test drives the built modules: the same code a deployment runs.
 */
const dist = (file: string) =>
  import(pathToFileURL(path.join(packageRoot(), 'dist', 'bot', 'src', file)).href);
const { Store } = (await dist('store/database.js')) as typeof DatabaseModule;
const { AuditRepository } = (await dist('store/audit-repo.js')) as typeof AuditRepoModule;
const { AuditTrail } = (await dist('services/audit-trail.js')) as typeof AuditTrailModule;

const ENTRIES = 3000;

describe.each(ENGINES)('parallel chain verification on $name', (engine) => {
  let t: TestStore;
  let store: DatabaseModule.Store;
  afterEach(async () => {
    await store?.close();
    await t?.dispose();
  });

  async function filled() {
    t = await engine.create();
    store = Store.open({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
    const repo = new AuditRepository(store);
    await repo.append(
      Array.from({ length: ENTRIES }, (_, i) => ({
        ts: new Date(1_800_000_000_000 + i).toISOString(),
        draft: {
          actor: { id: `u${i % 5}`, name: 'Casey Clinician', kind: 'user' as const },
          roles: ['ClinicalUser' as const],
          action: 'incident.read',
          target: { type: 'incident', id: String(i) },
          dataClass: 'clinical' as const,
          outcome: 'allowed' as const,
          channel: 'tab' as const,
          requestId: `r${i}`,
          details: { page: i % 7 },
        },
      })),
    );
    const parallel = new AuditTrail(repo, () => new Date(), { verifyWorkers: 3, parallelFrom: 0 });
    const single = new AuditTrail(repo, () => new Date());
    return { parallel, single };
  }

  it('gives the same verdict as one walk: intact, then each kind of tampering', async () => {
    const { parallel, single } = await filled();
    expect(await parallel.verify()).toEqual(await single.verify());
    expect(await parallel.verify()).toMatchObject({ ok: true, entries: ENTRIES });

    const cases: [string, number][] = [
      [`update audit_log set prev_hash = 'f' || substr(prev_hash, 2) where seq = 2001`, 2001],
      [`update audit_log set action = 'forged' where seq = 1001`, 1001],
      [`delete from audit_log where seq = 1000`, 1000],
      [`update audit_log set target_id = 'forged' where seq = 17`, 17],
    ];
    for (const [statement, seq] of cases) {
      await sql.raw(statement).execute(store.db);
      const got = await parallel.verify();
      expect(got).toEqual(await single.verify());
      expect(got).toMatchObject({ ok: false, firstBrokenSeq: seq });
    }
  });
});
