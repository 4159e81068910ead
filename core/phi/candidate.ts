import { type PhiSpan } from './types.js';

/**
 * A detector's proposal. On overlap the higher `score` wins, then the longer span: the score
 * says how specific the evidence was (a configured pattern or a cue next to a checksum-valid
 * number beats a bare number; anything structured beats a name guess).
 */
export interface Candidate extends PhiSpan {
  score: number;
}

/** Score tiers, highest first. */
export const SCORE = {
  custom: 100,
  cued: 90,
  email: 90,
  shaped: 85,
  address: 80,
  bare: 70,
  postalCode: 70,
  name: 50,
} as const;

const byStart = (a: Candidate, b: Candidate): number => a.start - b.start || b.end - a.end;
const byRank = (a: Candidate, b: Candidate): number =>
  b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;

/**
 * Keeps the best non-overlapping candidates, returned sorted by start. Candidates are swept in
 * order of start; only clusters of overlapping ones (rarely more than two) are ranked.
 */
export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  if (cands.length < 2) return cands.slice();
  const sorted = cands.slice().sort(byStart);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [sorted[0]!];
  let clusterEnd = sorted[0]!.end;
  for (let i = 1; i <= sorted.length; i++) {
    const c = sorted[i];
    if (c && c.start < clusterEnd) {
      cluster.push(c);
      if (c.end > clusterEnd) clusterEnd = c.end;
      continue;
    }
    if (cluster.length === 1) kept.push(cluster[0]!);
    else keepBest(cluster, kept);
    if (!c) break;
    cluster = [c];
    clusterEnd = c.end;
  }
  return kept;
}

/** Greedy by rank inside one cluster of overlapping candidates; appends in start order. */
function keepBest(cluster: Candidate[], kept: Candidate[]): void {
  const chosen: Candidate[] = [];
  for (const c of cluster.sort(byRank)) {
    if (chosen.every((k) => c.end <= k.start || k.end <= c.start)) chosen.push(c);
  }
  kept.push(...chosen.sort(byStart));
}
