import { ChainVerifier, type ChainHead } from '../../../core/audit/index.js';
import { type AuditRepository, sha256Hex } from './audit-repo.js';

/** What one range of the chain says about itself; ranges are stitched by `stitchRanges`. */
export interface RangeReport {
  /** Entries after this seq… */
  afterSeq: number;
  /** …up to and including this one (null: to the end of the table). */
  toSeq: number | null;
  /** The seq and prevHash of the first row found in the range (null when there was none). */
  firstSeq: number | null;
  firstPrevHash: string | null;
  last: ChainHead;
  count: number;
  broken: { seq: number; problem: string } | null;
}

/** Small pages: their rows die young, which keeps V8's collector cheap. */
export const VERIFY_PAGE_SIZE = 1000;

/** Verifies the links of entries afterSeq+1 … toSeq (or to the end) on their own. */
export async function verifyRange(
  repo: AuditRepository,
  afterSeq: number,
  toSeq: number | null,
): Promise<RangeReport> {
  const verifier = new ChainVerifier(sha256Hex, { seq: afterSeq, hash: null });
  const end = toSeq ?? Number.MAX_SAFE_INTEGER;
  let firstSeq: number | null = null;
  for (;;) {
    const limit = Math.min(VERIFY_PAGE_SIZE, end - verifier.head().seq);
    if (limit <= 0) break;
    const page = await repo.linkPage(verifier.head().seq, limit);
    firstSeq ??= page[0]?.seq ?? null;
    if (page.length === 0 || !verifier.feedLinks(page)) break;
  }
  const result = verifier.result();
  let broken = verifier.brokenLink();
  // Rows missing at the end of the range show up as a short range.
  if (!broken && toSeq !== null && verifier.head().seq < toSeq) {
    const want = verifier.head().seq + 1;
    broken = { seq: want, problem: `expected seq ${want} but found none (an entry is missing)` };
  }
  return {
    afterSeq,
    toSeq,
    firstSeq,
    firstPrevHash: verifier.firstPrevHash,
    last: verifier.head(),
    count: result.entries,
    broken,
  };
}

/** Joins range reports in seq order into one verdict, as a single walk would give it. */
export function stitchRanges(
  ranges: readonly RangeReport[],
  genesis: ChainHead,
): {
  ok: boolean;
  entries: number;
  head: string;
  firstBrokenSeq: number | null;
  problem: string | null;
} {
  let expected = genesis;
  let entries = 0;
  for (const range of ranges) {
    if (
      range.firstPrevHash !== null &&
      range.firstPrevHash !== expected.hash &&
      !isGapAtStart(range)
    ) {
      const seq = range.afterSeq + 1;
      return {
        ok: false,
        entries,
        head: expected.hash,
        firstBrokenSeq: seq,
        problem: 'prevHash does not match the previous entry',
      };
    }
    entries += range.count;
    if (range.broken) {
      return {
        ok: false,
        entries,
        head: range.count > 0 ? range.last.hash : expected.hash,
        firstBrokenSeq: range.broken.seq,
        problem: range.broken.problem,
      };
    }
    expected = range.last;
  }
  return { ok: true, entries, head: expected.hash, firstBrokenSeq: null, problem: null };
}

/** A range whose first row is not afterSeq+1 reports that gap itself, before any link check. */
function isGapAtStart(range: RangeReport): boolean {
  return range.firstSeq !== range.afterSeq + 1;
}
