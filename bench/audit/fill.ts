import type { AuditRepository } from '../../bot/src/store/audit-repo.js';
import { makeDraft } from './drafts.js';

const BATCH = 10_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');

/**
 * Appends `count` linked entries in transactions of 10,000 drafts: the quickest way through the
 * real write path to a long chain. Returns the seconds it took (context, not the measured figure).
 */
export async function fillChain(
  repo: AuditRepository,
  count: number,
  label: string,
): Promise<number> {
  const start = performance.now();
  for (let done = 0; done < count;) {
    const size = Math.min(BATCH, count - done);
    const drafts = Array.from({ length: size }, (_, k) => ({
      draft: makeDraft(done + k),
      ts: new Date(START + (done + k) * 250).toISOString(),
    }));
    await repo.append(drafts);
    done += size;
    if (done % 250_000 === 0 || done === count) {
      const rate = Math.round(done / ((performance.now() - start) / 1000));
      console.log(`  ${label}: filled ${done.toLocaleString('en-US')} entries (${rate}/s)`);
    }
  }
  return (performance.now() - start) / 1000;
}
