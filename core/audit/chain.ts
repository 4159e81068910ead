import { type AuditDraft, type AuditEntry, entryHashInput, GENESIS_HASH } from './entry.js';

/** SHA-256 hex digest; injected so `core/` needs no crypto import of its own. */
export type Sha256Hex = (text: string) => string;

/** The head of a chain: the last entry's `seq` and `hash` (0 and the genesis hash when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}
export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** What verification needs of one entry: its links and the exact text that was hashed. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  /** The entry's hash input (see `linkHashInput`). */
  input: string;
}

/** `hash = sha256(prevHash ‖ canonical JSON of the entry without hash)`. */
export function hashEntry(sha256: Sha256Hex, entry: Omit<AuditEntry, 'hash'>): string {
  return sha256(entry.prevHash + entryHashInput(entry));
}

/** An entry held as an object, as a link to verify. */
export function linkOf(entry: AuditEntry): ChainLink {
  return {
    seq: entry.seq,
    prevHash: entry.prevHash,
    hash: entry.hash,
    input: entryHashInput(entry),
  };
}

/** Links drafts onto a head, in order. */
export function linkEntries(
  sha256: Sha256Hex,
  head: ChainHead,
  drafts: readonly { draft: AuditDraft; ts: string }[],
): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = head;
  for (const { draft, ts } of drafts) {
    const unhashed = { ...draft, seq: prev.seq + 1, ts, prevHash: prev.hash };
    const entry: AuditEntry = { ...unhashed, hash: hashEntry(sha256, unhashed) };
    out.push(entry);
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return out;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: string;
  /** The first `seq` whose link does not hold, or null. */
  firstBrokenSeq: number | null;
  /** Why that link is broken, for a person reading the report. */
  problem: string | null;
}

/**
 * Walks a chain in `seq` order, a page at a time, and stops at the first broken link: a gap or
 * repeat in `seq`, a `prevHash` that is not the previous `hash`, or a `hash` that does not match
 * the entry's content.
 */
export class ChainVerifier {
  private expected: ChainHead = EMPTY_HEAD;
  private count = 0;
  private broken: { seq: number; problem: string } | null = null;
  /** The `prevHash` of the first link fed, for stitching ranges verified apart. */
  firstPrevHash: string | null = null;

  /**
   * @param start where the walk begins: the genesis head, or (for one range of a chain checked
   *   in parallel) the seq before the range, whose hash is then taken from the first link and
   *   checked by whoever stitches the ranges together.
   */
  constructor(
    private readonly sha256: Sha256Hex,
    start: ChainHead | { seq: number; hash: null } = EMPTY_HEAD,
  ) {
    this.expected = { seq: start.seq, hash: start.hash ?? '' };
    this.trustFirstPrev = start.hash === null;
  }

  private readonly trustFirstPrev: boolean;

  /** Feeds the next entries; returns false once the chain is known broken. */
  feed(entries: readonly AuditEntry[]): boolean {
    return this.feedLinks(entries.map(linkOf));
  }

  /** Feeds the next links (as built from stored rows); returns false once broken. */
  feedLinks(links: readonly ChainLink[]): boolean {
    for (const link of links) {
      if (this.broken) return false;
      if (this.firstPrevHash === null) {
        this.firstPrevHash = link.prevHash;
        if (this.trustFirstPrev) this.expected = { seq: this.expected.seq, hash: link.prevHash };
      }
      const broken = this.check(link);
      if (broken) {
        this.broken = broken;
        return false;
      }
      this.expected = { seq: link.seq, hash: link.hash };
      this.count += 1;
    }
    return this.broken === null;
  }

  /** The last good link so far. */
  head(): ChainHead {
    return this.expected;
  }

  /** The first broken link, if any. */
  brokenLink(): { seq: number; problem: string } | null {
    return this.broken;
  }

  result(): VerifyResult {
    return {
      ok: this.broken === null,
      entries: this.count,
      head: this.expected.hash,
      firstBrokenSeq: this.broken?.seq ?? null,
      problem: this.broken?.problem ?? null,
    };
  }

  private check(link: ChainLink): { seq: number; problem: string } | null {
    const want = this.expected.seq + 1;
    if (link.seq !== want) {
      return {
        seq: want,
        problem: `expected seq ${want} but found ${link.seq} (an entry is missing or repeated)`,
      };
    }
    if (link.prevHash !== this.expected.hash) {
      return { seq: link.seq, problem: 'prevHash does not match the previous entry' };
    }
    if (this.sha256(link.prevHash + link.input) !== link.hash) {
      return { seq: link.seq, problem: 'hash does not match the entry content' };
    }
    return null;
  }
}
