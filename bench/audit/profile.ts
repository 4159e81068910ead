import { entryHashInput, type AuditEntry } from '../../core/audit/index.js';
import { fromRow, sha256Hex } from '../../bot/src/store/audit-repo.js';
import type { Store } from '../../bot/src/store/database.js';

/** Seconds spent in each stage of a verify pass, measured one stage at a time per page. */
export interface VerifyProfile {
  query: number;
  fromRow: number;
  canonicalJson: number;
  sha256: number;
  entries: number;
}

/**
 * Repeats what `AuditTrail.verify` does for every page — the same keyset query as
 * `AuditRepository.page`, `fromRow` (two JSON.parse), `entryHashInput` (canonicalJson) and
 * SHA-256 — timing each stage on its own so the total can be split.
 */
export async function profileVerify(store: Store, pageSize: number): Promise<VerifyProfile> {
  const out: VerifyProfile = { query: 0, fromRow: 0, canonicalJson: 0, sha256: 0, entries: 0 };
  let after = 0;
  let t = 0;
  const lap = (): number => {
    const now = performance.now();
    const spent = (now - t) / 1000;
    t = now;
    return spent;
  };
  for (;;) {
    t = performance.now();
    const rows = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    out.query += lap();
    if (rows.length === 0) break;
    const entries: AuditEntry[] = rows.map(fromRow);
    out.fromRow += lap();
    const inputs = entries.map((e) => e.prevHash + entryHashInput(e));
    out.canonicalJson += lap();
    const hashes = inputs.map(sha256Hex);
    out.sha256 += lap();
    if (hashes[0] !== entries[0]?.hash) throw new Error('profile: hash mismatch');
    out.entries += entries.length;
    after = (entries[entries.length - 1] as AuditEntry).seq;
  }
  return out;
}
