import { type Candidate, resolveOverlaps } from './candidate.js';
import { type CompiledPattern, compilePatterns, detectCustom } from './custom.js';
import { detectAddresses } from './detect-address.js';
import { detectDatesOfBirth, detectRecordDates } from './detect-dob.js';
import { detectEmails } from './detect-email.js';
import { detectMrns } from './detect-mrn.js';
import { detectNames } from './detect-names.js';
import { detectNumbers } from './detect-numbers.js';
import { type NameLexicon } from './lexicon.js';
import { scanKeywords } from './keywords.js';
import { maskTokenRanges } from './mask-tokens.js';
import { type CustomPattern, type PhiSpan } from './types.js';

/** What the detector needs: name lists, and optionally the deployment's own patterns. */
export interface DetectOptions {
  lexicon: NameLexicon;
  /** Extra patterns (a clinic's MRN format…); they win over built-in detections. */
  patterns?: readonly CustomPattern[];
}

/** A detector with its options compiled once; call it per text. */
export type PhiDetector = (text: string) => PhiSpan[];

const DIGIT = /\d/;
const UPPER = /\p{Lu}/u;

/** Compiles `options` once and returns a reusable detector. */
export function createPhiDetector(options: DetectOptions): PhiDetector {
  const compiled = compilePatterns(options.patterns ?? []);
  return (text) => detectWith(text, options.lexicon, compiled);
}

const NO_PATTERNS: CompiledPattern[] = [];
const compiledCache = new WeakMap<readonly CustomPattern[], CompiledPattern[]>();

/**
 * Finds PHI in `text`: non-overlapping spans sorted by start; on overlap the more specific
 * detection wins (configured pattern > labelled identifier > shape and checksum > bare number >
 * name), then the longer one. Existing mask tokens (`[NAME]`…) are never reported.
 */
export function detectPhi(text: string, options: DetectOptions): PhiSpan[] {
  const patterns = options.patterns;
  if (!patterns || patterns.length === 0) return detectWith(text, options.lexicon, NO_PATTERNS);
  let compiled = compiledCache.get(patterns);
  if (!compiled) {
    compiled = compilePatterns(patterns);
    compiledCache.set(patterns, compiled);
  }
  return detectWith(text, options.lexicon, compiled);
}

function mergeSorted(a: Candidate[], b: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function detectWith(text: string, lexicon: NameLexicon, patterns: CompiledPattern[]): PhiSpan[] {
  if (text.length === 0) return [];
  const cands: Candidate[] = [];
  if (DIGIT.test(text)) {
    const keywords = scanKeywords(text);
    detectNumbers(text, cands);
    detectMrns(text, keywords, cands);
    detectDatesOfBirth(text, keywords, cands);
    detectAddresses(text, cands);
  }
  if (text.includes('@')) detectEmails(text, cands);
  if (patterns.length) detectCustom(text, patterns, cands);
  // Mask tokens take part in resolution as unbeatable blockers, then are dropped.
  const tokens = maskTokenRanges(text);
  for (const [start, end] of tokens)
    cands.push({ start, end, type: 'person_name', score: Infinity });
  let kept = resolveOverlaps(cands);
  if (UPPER.test(text)) {
    // Names never overlap what is kept (their words inside other spans are skipped).
    const names: Candidate[] = [];
    detectNames(text, lexicon, kept, names);
    if (names.length) {
      kept = mergeSorted(kept, names);
      // A record's field right after a name may be its birth date.
      const dates: Candidate[] = [];
      detectRecordDates(text, names, dates);
      if (dates.length) kept = resolveOverlaps(kept.concat(dates));
    }
  }
  const spans: PhiSpan[] = [];
  for (const c of kept) {
    if (c.score !== Infinity) spans.push({ start: c.start, end: c.end, type: c.type });
  }
  return spans;
}
