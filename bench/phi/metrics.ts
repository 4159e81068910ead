/**
 * Entity-level scoring of PHI spans, and an adapter that turns redact-pii's redacted text back
 * into typed spans so the two tools are scored the same way.
 */
import { SyncRedactor } from 'redact-pii';
import { PHI_TYPES, type PhiType, type Span } from './corpus.js';

// ---------------------------------------------------------------------------------------------
// Scores

export interface Scores {
  /** Gold spans. */
  gold: number;
  /** Predicted spans. */
  predicted: number;
  /** Predicted spans that count as right. */
  truePredicted: number;
  /** Gold spans that were found. */
  foundGold: number;
  /** null when nothing of the type was predicted. */
  precision: number | null;
  /** null when the corpus has no span of the type. */
  recall: number | null;
  /** 0 when precision or recall is null or 0. */
  f1: number;
}

export interface ScoreTable {
  overall: Scores;
  byType: Record<PhiType, Scores>;
}

export interface ScoreReport {
  /** A prediction counts only when start, end and type all equal a gold span's. */
  strict: ScoreTable;
  /**
   * Relaxed: a prediction is right when it overlaps a gold span of the same type, and a gold span
   * is found when a prediction of its type overlaps it (so boundary differences do not count).
   */
  overlap: ScoreTable;
}

function scores(gold: number, predicted: number, truePredicted: number, foundGold: number): Scores {
  const precision = predicted === 0 ? null : truePredicted / predicted;
  const recall = gold === 0 ? null : foundGold / gold;
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? 0
      : (2 * precision * recall) / (precision + recall);
  return { gold, predicted, truePredicted, foundGold, precision, recall, f1 };
}

interface Counts {
  gold: number;
  predicted: number;
  truePredicted: number;
  foundGold: number;
}

const zero = (): Counts => ({ gold: 0, predicted: 0, truePredicted: 0, foundGold: 0 });

function table(counts: Record<PhiType, Counts>): ScoreTable {
  const total = zero();
  const byType = {} as Record<PhiType, Scores>;
  for (const type of PHI_TYPES) {
    const c = counts[type];
    byType[type] = scores(c.gold, c.predicted, c.truePredicted, c.foundGold);
    total.gold += c.gold;
    total.predicted += c.predicted;
    total.truePredicted += c.truePredicted;
    total.foundGold += c.foundGold;
  }
  return {
    overall: scores(total.gold, total.predicted, total.truePredicted, total.foundGold),
    byType,
  };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * Scores predictions against gold, line by line (`gold[i]` and `predicted[i]` belong to the same
 * line). Strict matching pairs each gold span with at most one prediction, so a duplicated
 * prediction is a false positive.
 */
export function scoreSpans(
  gold: readonly (readonly Span[])[],
  predicted: readonly (readonly Span[])[],
): ScoreReport {
  if (gold.length !== predicted.length) {
    throw new Error(`${gold.length} gold lines but ${predicted.length} predicted lines`);
  }
  const strict = Object.fromEntries(PHI_TYPES.map((t) => [t, zero()])) as Record<PhiType, Counts>;
  const loose = Object.fromEntries(PHI_TYPES.map((t) => [t, zero()])) as Record<PhiType, Counts>;
  gold.forEach((goldLine, i) => {
    const predLine = (predicted[i] ?? []).filter((s) =>
      (PHI_TYPES as readonly string[]).includes(s.type),
    );
    for (const g of goldLine) {
      strict[g.type].gold += 1;
      loose[g.type].gold += 1;
      if (predLine.some((p) => p.type === g.type && overlaps(p, g))) loose[g.type].foundGold += 1;
    }
    const unmatched = new Set(goldLine);
    for (const p of predLine) {
      strict[p.type].predicted += 1;
      loose[p.type].predicted += 1;
      const exact = [...unmatched].find(
        (g) => g.start === p.start && g.end === p.end && g.type === p.type,
      );
      if (exact) {
        unmatched.delete(exact);
        strict[p.type].truePredicted += 1;
        strict[p.type].foundGold += 1;
      }
      if (goldLine.some((g) => g.type === p.type && overlaps(p, g)))
        loose[p.type].truePredicted += 1;
    }
  });
  return { strict: table(strict), overlap: table(loose) };
}

/**
 * What a masking tool leaves behind, whatever types it assigns: the share of gold spans whose
 * every letter and digit was masked, and the share of no-PHI lines it masked something in.
 * `masked` may hold untyped ranges (redact-pii's DIGITS, IP_ADDRESS...).
 */
export interface Coverage {
  goldSpans: number;
  fullyMasked: number;
  fullyMaskedShare: number;
  negativeLines: number;
  negativeLinesTouched: number;
  negativeTouchedShare: number;
}

export function coverage(
  texts: readonly string[],
  gold: readonly (readonly Span[])[],
  masked: readonly (readonly { start: number; end: number }[])[],
): Coverage {
  let goldSpans = 0;
  let fullyMasked = 0;
  let negativeLines = 0;
  let touched = 0;
  texts.forEach((text, i) => {
    const ranges = masked[i] ?? [];
    const goldLine = gold[i] ?? [];
    if (goldLine.length === 0) {
      negativeLines += 1;
      if (ranges.length > 0) touched += 1;
      return;
    }
    const hidden = new Uint8Array(text.length);
    for (const r of ranges) hidden.fill(1, Math.max(0, r.start), Math.min(text.length, r.end));
    for (const g of goldLine) {
      goldSpans += 1;
      let leak = false;
      for (let k = g.start; k < g.end && !leak; k += 1) {
        if (!hidden[k] && /[\p{L}\p{N}]/u.test(text[k] as string)) leak = true;
      }
      if (!leak) fullyMasked += 1;
    }
  });
  return {
    goldSpans,
    fullyMasked,
    fullyMaskedShare: goldSpans === 0 ? 0 : fullyMasked / goldSpans,
    negativeLines,
    negativeLinesTouched: touched,
    negativeTouchedShare: negativeLines === 0 ? 0 : touched / negativeLines,
  };
}

// ---------------------------------------------------------------------------------------------
// redact-pii adapter

/** redact-pii's replacement tokens and the type each one maps to (null: no type of ours). */
export const REDACT_PII_TYPES: Readonly<Record<string, PhiType | null>> = {
  PERSON_NAME: 'person_name',
  PHONE_NUMBER: 'phone',
  EMAIL_ADDRESS: 'email',
  US_SOCIAL_SECURITY_NUMBER: 'us_ssn',
  STREET_ADDRESS: 'postal_address',
  ZIPCODE: 'postal_address',
  CREDIT_CARD_NUMBER: null,
  IP_ADDRESS: null,
  USERNAME: null,
  PASSWORD: null,
  CREDENTIALS: null,
  DIGITS: null,
  URL: null,
};

/** One range redact-pii replaced, in the coordinates of the original text. */
export interface Redaction {
  start: number;
  end: number;
  token: string;
}

export interface AdaptedLine {
  /** redact-pii's own output for the line. */
  output: string;
  /** Every replaced range, typed or not. */
  redactions: Redaction[];
  /** The redactions whose token maps to one of our types. */
  spans: Span[];
}

interface SyncStep {
  redact(text: string): string;
  replaceWith?: unknown;
  regexpMatcher?: unknown;
}

/**
 * Recovers, for each line, the ranges redact-pii replaced. redact-pii runs a chain of redactors,
 * each rewriting the previous one's output, so the adapter runs the same chain step by step (the
 * `SyncRedactor`'s own child redactors, in its order) and keeps, for every character of the text
 * so far, the range of the original text it stands for:
 *
 * - a regular-expression step is replayed with its own pattern to get the exact match ranges
 *   (and checked against the step's real output);
 * - the name step is aligned: its output is its input with some names replaced by PERSON_NAME, and
 *   the replaced stretches can only hold letters, spaces and periods.
 *
 * A token that swallows earlier tokens (STREET_ADDRESS over DIGITS, say) covers the union of what
 * they replaced and keeps its own type, which is what redact-pii's output shows. The adapter's
 * final text is checked against `redact()` on the whole line; `mismatches` counts lines where they
 * differ (expected: 0).
 */
export class RedactPiiAdapter {
  readonly redactor = new SyncRedactor();
  private readonly steps: SyncStep[];
  mismatches = 0;

  constructor() {
    const steps = (this.redactor as unknown as { childRedactors?: SyncStep[] }).childRedactors;
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new Error('redact-pii: SyncRedactor has no childRedactors (package internals changed)');
    }
    this.steps = steps;
  }

  /** redact-pii's detect+mask path, nothing else: what the throughput benchmark times. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  adapt(text: string): AdaptedLine {
    let current = text;
    // For each character of `current`: the original range it stands for, and which replacement
    // produced it (-1: an original character).
    let from = Array.from({ length: text.length }, (_, i) => i);
    let to = Array.from({ length: text.length }, (_, i) => i + 1);
    let rid = new Array<number>(text.length).fill(-1);
    const tokens: string[] = [];

    for (const step of this.steps) {
      const output = step.redact(current);
      if (output === current) continue;
      const token = typeof step.replaceWith === 'string' ? step.replaceWith : 'PERSON_NAME';
      const ranges =
        step.regexpMatcher instanceof RegExp
          ? regexMatches(current, step.regexpMatcher, token, output)
          : alignReplacements(current, output, token);
      if (!ranges) {
        // Untraceable step: its redactions are lost for this line, and counted.
        this.mismatches += 1;
        continue;
      }
      const nFrom: number[] = [];
      const nTo: number[] = [];
      const nRid: number[] = [];
      let cursor = 0;
      let rebuilt = '';
      for (const [s, e] of ranges) {
        for (let k = cursor; k < s; k += 1) {
          nFrom.push(from[k] as number);
          nTo.push(to[k] as number);
          nRid.push(rid[k] as number);
        }
        rebuilt += current.slice(cursor, s);
        let lo = Infinity;
        let hi = -Infinity;
        for (let k = s; k < e; k += 1) {
          lo = Math.min(lo, from[k] as number);
          hi = Math.max(hi, to[k] as number);
        }
        const id = tokens.push(token) - 1;
        for (let k = 0; k < token.length; k += 1) {
          nFrom.push(lo);
          nTo.push(hi);
          nRid.push(id);
        }
        rebuilt += token;
        cursor = e;
      }
      for (let k = cursor; k < current.length; k += 1) {
        nFrom.push(from[k] as number);
        nTo.push(to[k] as number);
        nRid.push(rid[k] as number);
      }
      rebuilt += current.slice(cursor);
      if (rebuilt !== output) this.mismatches += 1;
      current = rebuilt;
      from = nFrom;
      to = nTo;
      rid = nRid;
    }

    const output = this.redactor.redact(text);
    if (output !== current) this.mismatches += 1;
    const redactions: Redaction[] = [];
    let last = -1;
    for (let k = 0; k < current.length; k += 1) {
      const id = rid[k] as number;
      if (id === -1 || id === last) continue;
      last = id;
      redactions.push({
        start: from[k] as number,
        end: to[k] as number,
        token: tokens[id] as string,
      });
    }
    const spans: Span[] = [];
    for (const r of redactions) {
      const type = REDACT_PII_TYPES[r.token];
      if (type) spans.push({ start: r.start, end: r.end, type });
    }
    return { output, redactions, spans };
  }
}

/** Match ranges of a global regex, as `String.prototype.replace` would visit them. */
function regexMatches(
  text: string,
  pattern: RegExp,
  token: string,
  expected: string,
): Array<[number, number]> | null {
  const re = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  const ranges: Array<[number, number]> = [];
  let rebuilt = '';
  let cursor = 0;
  for (const m of text.matchAll(re)) {
    const s = m.index;
    const e = s + m[0].length;
    if (e === s) continue;
    ranges.push([s, e]);
    rebuilt += text.slice(cursor, s) + token;
    cursor = e;
  }
  rebuilt += text.slice(cursor);
  return rebuilt === expected ? ranges : null;
}

const NAME_CHARS = /^[\p{L}\s.'-]+$/u;

/**
 * The ranges of `input` that became `token` in `output`, when that is all the step did. Each
 * literal stretch of the output must appear in the input in order; the earliest placement whose
 * replaced stretches look like names wins.
 */
export function alignReplacements(
  input: string,
  output: string,
  token: string,
): Array<[number, number]> | null {
  const pieces = output.split(token);
  const head = pieces[0] as string;
  if (!input.startsWith(head)) return null;
  const ranges: Array<[number, number]> = [];
  const place = (piece: number, pos: number): boolean => {
    if (piece === pieces.length) return pos === input.length;
    const literal = pieces[piece] as string;
    const last = piece === pieces.length - 1;
    for (let q = pos + 1; q <= input.length - literal.length; q += 1) {
      if (last && q !== input.length - literal.length) continue;
      if (!input.startsWith(literal, q)) continue;
      // Stretches only grow with q: once one holds a non-name character, none further can fit.
      if (!NAME_CHARS.test(input.slice(pos, q))) return false;
      ranges.push([pos, q]);
      if (place(piece + 1, q + literal.length)) return true;
      ranges.pop();
    }
    return false;
  };
  return place(1, head.length) ? ranges : null;
}
