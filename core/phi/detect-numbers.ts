import { type Candidate, SCORE } from './candidate.js';
import { healthCardValid, luhnValid, sinValid, ssnValid } from './checksums.js';
import { cueOf } from './number-cues.js';
import { isDigit, numberEndsCleanly, numberStartsCleanly } from './text.js';

/**
 * Health card, SIN, SSN and phone numbers in one pass: the text is cut into digit groups joined
 * by single separators, then runs of groups are matched against each identifier's shape and
 * checksum. Bare 9- and 10-digit numbers also look at the nearest label before them.
 */

interface Group {
  start: number; // first digit, or the '+' / '(' that opens it
  digitsStart: number;
  end: number;
  /** Separator char code between the previous group and this one (0 for the first). */
  sep: number;
  paren: boolean;
}

const PLUS = 43;
const OPEN = 40;
const CLOSE = 41;

function isSep(c: number): boolean {
  return c === 32 || c === 45 || c === 46; // ' ', '-', '.'
}

/** Reads the digit groups of one numeric token starting at `i` (a digit, '+' or '('). */
function readGroups(text: string, i: number, out: Group[]): number {
  out.length = 0;
  const n = text.length;
  let sep = 0;
  let pos = i;
  for (;;) {
    let start = pos;
    let paren = false;
    if (text.charCodeAt(pos) === PLUS) pos++;
    else if (text.charCodeAt(pos) === OPEN) {
      paren = true;
      pos++;
    }
    const digitsStart = pos;
    while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
    if (pos === digitsStart) return start; // no digits after '+' / '(' → not a group
    if (paren) {
      if (text.charCodeAt(pos) !== CLOSE || pos - digitsStart !== 3) {
        paren = false;
        start = digitsStart;
      } else pos++;
    }
    out.push({ start, digitsStart, end: paren ? pos - 1 : pos, sep, paren });
    // Continue over one separator (or ") " already consumed) when a digit follows.
    let next = pos;
    const c = text.charCodeAt(next);
    if (paren) {
      if (c === 32 || c === 45) next++;
      if (!isDigit(text.charCodeAt(next))) return pos;
      sep = c === 32 || c === 45 ? c : 32;
    } else if (isSep(c) && next + 1 < n) {
      const d = text.charCodeAt(next + 1);
      if (isDigit(d) || (c === 32 && d === OPEN)) {
        next++;
        sep = c;
      } else return pos;
    } else return pos;
    pos = next;
  }
}

function lengths(groups: Group[], k: number, shape: readonly number[]): boolean {
  if (k + shape.length > groups.length) return false;
  let dots = 0;
  for (let j = 0; j < shape.length; j++) {
    const g = groups[k + j]!;
    if (g.end - g.digitsStart !== shape[j]) return false;
    if (j > 0 && g.paren) return false;
    if (j > 0 && g.sep === 46) dots++;
  }
  // Dots only when every separator is one ("416.555.0129"), never mixed in.
  return dots === 0 || dots === shape.length - 1;
}

function digitsOfGroups(text: string, groups: Group[], k: number, count: number): string {
  let s = '';
  for (let j = k; j < k + count; j++) s += text.slice(groups[j]!.digitsStart, groups[j]!.end);
  return s;
}

const VERSION_CODE = /[ -]?[A-Z]{2}(?![\p{L}\p{N}])/uy;

/** End of an optional 2-letter health card version code right after `end`, else `end`. */
function versionCodeEnd(text: string, end: number): number {
  VERSION_CODE.lastIndex = end;
  return VERSION_CODE.test(text) ? VERSION_CODE.lastIndex : end;
}

function nanpValid(d10: string): boolean {
  return d10.charCodeAt(0) >= 50 && d10.charCodeAt(3) >= 50;
}

// Where a numeric token can open; the regex engine skips the text in between far faster
// than a loop over characters.
const OPENER = /[0-9+(]/g;
const ALNUM_RUN = /[\p{L}\p{M}\p{N}]*/uy;

/** Detects health card numbers, SINs, SSNs and North American phone numbers. */
export function detectNumbers(text: string, out: Candidate[]): void {
  const n = text.length;
  const groups: Group[] = [];
  OPENER.lastIndex = 0;
  while (OPENER.test(text)) {
    const i = OPENER.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (!isDigit(c) && !(i + 1 < n && isDigit(text.charCodeAt(i + 1)))) continue;
    const end = readGroups(text, i, groups);
    // Every identifier here has at least 9 digits: most numbers in alerts are shorter.
    if (digitCount(groups) >= 9) classify(text, groups, out);
    // Skip the rest of an alphanumeric run (hashes, host names) in one step.
    ALNUM_RUN.lastIndex = end > i ? end : i + 1;
    ALNUM_RUN.test(text);
    OPENER.lastIndex = ALNUM_RUN.lastIndex;
  }
}

function digitCount(groups: Group[]): number {
  let n = 0;
  for (const g of groups) n += g.end - g.digitsStart;
  return n;
}

function classify(text: string, groups: Group[], out: Candidate[]): void {
  const first = groups[0]!;
  if (!numberStartsCleanly(text, first.start)) return;
  const last = groups[groups.length - 1]!;
  let k = 0;
  while (k < groups.length) {
    const used = classifyAt(text, groups, k, last.end, out);
    k += used > 0 ? used : 1;
  }
}

/** Tries every shape at group `k`; returns the number of groups consumed (0 if none). */
function classifyAt(
  text: string,
  groups: Group[],
  k: number,
  tokenEnd: number,
  out: Candidate[],
): number {
  const g = groups[k]!;
  // A window inside a token may only be cut at spaces: "10.416.555.0129" is not a phone.
  if (k > 0 && g.sep !== 32) return 0;
  const cutOk = (count: number): boolean => {
    const after = groups[k + count];
    if (after) return after.sep === 32;
    return numberEndsCleanly(text, tokenEnd);
  };
  const emit = (count: number, type: Candidate['type'], score: number, endAt?: number): number => {
    const endPos = endAt ?? groups[k + count - 1]!.end;
    out.push({ start: g.start, end: endPos, type, score });
    return count;
  };
  const plusOne = text.charCodeAt(g.start) === PLUS;
  const len = g.end - g.digitsStart;

  // +1 / 1 country code, then 3-3-4.
  if (len === 1 && text.charCodeAt(g.digitsStart) === 49 && lengths(groups, k + 1, [3, 3, 4])) {
    const d = digitsOfGroups(text, groups, k + 1, 3);
    if (nanpValid(d) && cutOk(4) && cueOf(text, g.start) !== 'other') {
      return emit(4, 'phone', SCORE.shaped);
    }
  }
  if (lengths(groups, k, [3, 3, 4])) {
    const d = digitsOfGroups(text, groups, k, 3);
    if (nanpValid(d) && cutOk(3) && cueOf(text, g.start) !== 'other') {
      return emit(3, 'phone', SCORE.shaped);
    }
  }
  if (g.paren) return 0;
  if (lengths(groups, k, [4, 3, 3])) {
    const d = digitsOfGroups(text, groups, k, 3);
    const endAt = groups[k + 2]!.end;
    const vEnd = healthCardValid(d) ? versionCodeEnd(text, endAt) : endAt;
    if (healthCardValid(d) && (vEnd > endAt || cutOk(3)) && cueOf(text, g.start) !== 'other') {
      return emit(3, 'ontario_health_card', SCORE.shaped, vEnd);
    }
  }
  if (lengths(groups, k, [3, 2, 4])) {
    const d = digitsOfGroups(text, groups, k, 3);
    if (ssnValid(d) && cutOk(3) && cueOf(text, g.start) !== 'other') {
      return emit(3, 'us_ssn', SCORE.shaped);
    }
  }
  if (lengths(groups, k, [3, 3, 3])) {
    const d = digitsOfGroups(text, groups, k, 3);
    if (luhnValid(d) && cutOk(3)) {
      const cue = cueOf(text, g.start);
      if (cue === 'sin' || (cue !== 'other' && sinValid(d, true))) {
        return emit(3, 'sin', cue === 'sin' ? SCORE.cued : SCORE.shaped);
      }
    }
  }
  const d = text.slice(g.digitsStart, g.end);
  if (plusOne && len === 11 && d[0] === '1' && nanpValid(d.slice(1)) && cutOk(1)) {
    return emit(1, 'phone', SCORE.shaped);
  }
  if (len === 10) {
    const vEnd = healthCardValid(d) ? versionCodeEnd(text, g.end) : g.end;
    if (vEnd === g.end && !cutOk(1)) return 0;
    const cue = cueOf(text, g.start);
    if (cue === 'phone' && nanpValid(d)) return emit(1, 'phone', SCORE.cued);
    if (healthCardValid(d) && cue !== 'other' && cue !== 'phone') {
      return emit(1, 'ontario_health_card', cue === 'hcn' ? SCORE.cued : SCORE.bare, vEnd);
    }
    return 0;
  }
  if (len === 11 && d[0] === '1' && nanpValid(d.slice(1)) && cutOk(1)) {
    if (cueOf(text, g.start) === 'phone') return emit(1, 'phone', SCORE.cued);
    return 0;
  }
  if (len === 9 && cutOk(1)) {
    const cue = cueOf(text, g.start);
    if (cue === 'ssn') return ssnValid(d) ? emit(1, 'us_ssn', SCORE.cued) : 0;
    if (cue === 'sin') return sinValid(d) ? emit(1, 'sin', SCORE.cued) : 0;
    if (cue === null && sinValid(d, true)) return emit(1, 'sin', SCORE.bare);
  }
  return 0;
}
