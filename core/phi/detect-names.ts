import { type Candidate, SCORE } from './candidate.js';
import { type NameLexicon, WORD } from './lexicon.js';
import { isAlnumAt } from './text.js';
import { words } from './words.js';
import { cueAfter, phiBefore } from './name-after.js';
import { type Before, readBefore } from './name-before.js';

/**
 * Person names. Capitalised words are grouped into runs ("Anna K. Osei", "Osei, Anna",
 * "Osei_Anna"); inside a run, windows of two or three words (plus initials) are scored and a
 * window needs two points from: a known given name first, a known family name last, a middle
 * initial, a cue before it (patient, Dr., for, by, a file-name prefix), a capitalised pair in
 * the middle of a lower-case sentence, and a cue after it (", DOB", ".pdf", other PHI).
 * Stop words (structure, security vocabulary, common words) veto a window unless they are
 * also known names.
 */

// A capitalised word ("Osei", "O'Brien", "MacKinnon", "Jean-Luc", "Zoé"), or an initial
// ("V." / "V", but "A" and "I" only with their dot: they are words) directly followed by another
// capitalised word. Sticky: tried only where a
// capital letter starts a word.
const TOKEN =
  /(?:(?:Ma?c|O['’]|D['’]|D[aeiu]|L[ae]|Van|Fitz)?\p{Lu}[\p{Ll}\p{M}]+(?:['’](?![sS](?![\p{L}]))\p{Lu}?[\p{Ll}\p{M}]+|-\p{Lu}[\p{Ll}\p{M}]+)*|\p{Lu}(?:\.(?=[ _]\p{Lu})|(?<![AI])(?=[ _]\p{Lu}[\p{Ll}'’])))(?![\p{L}\p{M}\p{N}])/uy;

// Upper-case letters of the Latin script that start a word (TOKEN checks the case of accented
// ones); capitals inside words ("RECEPTION", "PowerShell") are skipped by the regex engine.
const CAPITAL =
  /(?<![A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF])[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]/g;

const TITLES = new Set(words('Dr Mr Mrs Ms Mx Prof Mme Mlle DR MR MRS MS'));

const SPACE = 1;
const UNDER = 2;
const COMMA = 3;

/**
 * The tokens of the run being read, as parallel arrays reused across calls (detection is
 * synchronous, so one set of buffers serves every call without allocation per word).
 */
const starts: number[] = [];
const ends: number[] = [];
const initials: boolean[] = [];
const particles: boolean[] = [];
/** The lexicon's flags of each token, -1 until looked up. */
const flags: number[] = [];
/** How token k is joined to token k-1 (0 for the first). */
const joins: number[] = [];

// Lower-case particles inside a name: "Ludwig van Beethoven", "Ana de la Cruz".
const PARTICLE_GAP =
  /^(?: (?:van|von|de|da|del|della|di|du|la|le|der|den|ter|ten|dos|das|do|bin|ibn|al|el))+ $/;

// Capitalised particles that never end a name: "Ó Briain", "De La Cruz", "Van Der Berg".
const PARTICLES = new Set(words('ó ní nic uí de la le da di du van von der den del della ter ten'));

function joinKind(text: string, from: number, to: number): number {
  const gap = to - from;
  if (gap === 1) {
    const c = text.charCodeAt(from);
    if (c === 32) return SPACE;
    if (c === 95) return UNDER;
  } else if (gap === 2 && text.charCodeAt(from) === 44 && text.charCodeAt(from + 1) === 32) {
    return COMMA;
  } else if (gap >= 4 && gap <= 14 && text.charCodeAt(from) === 32) {
    const c = text.charCodeAt(from + 1);
    if (c >= 97 && c <= 122 && PARTICLE_GAP.test(text.slice(from, to))) return SPACE;
  }
  return 0;
}

interface Scan {
  text: string;
  lexicon: NameLexicon;
  others: readonly Candidate[];
  out: Candidate[];
  /** Tokens in the current run. */
  n: number;
}

/** Detects person names; `others` are the spans already found (they bound runs and cue names). */
export function detectNames(
  text: string,
  lexicon: NameLexicon,
  others: readonly Candidate[],
  out: Candidate[],
): void {
  const scan: Scan = { text, lexicon, others, out, n: 0 };
  let o = 0; // index into `others`, sorted by start
  CAPITAL.lastIndex = 0;
  while (CAPITAL.test(text)) {
    const start = CAPITAL.lastIndex - 1;
    if (isAlnumAt(text, start - 1)) continue;
    TOKEN.lastIndex = start;
    if (!TOKEN.test(text)) continue;
    const end = TOKEN.lastIndex;
    CAPITAL.lastIndex = end;
    while (o < others.length && others[o]!.end <= start) o++;
    if (o < others.length && others[o]!.start < end) {
      endRun(scan); // a word inside another span (an address, say) ends the run
      continue;
    }
    const join = scan.n > 0 ? joinKind(text, ends[scan.n - 1]!, start) : 0;
    if (scan.n > 0 && join === 0) endRun(scan);
    const k = scan.n++;
    starts[k] = start;
    ends[k] = end;
    particles[k] = end - start <= 4 && PARTICLES.has(text.slice(start, end).toLowerCase());
    initials[k] =
      !particles[k] &&
      (end - start === 1 || (end - start === 2 && text.charCodeAt(start + 1) === 46));
    joins[k] = k === 0 ? 0 : join;
  }
  endRun(scan);
}

function endRun(scan: Scan): void {
  const n = scan.n;
  scan.n = 0;
  if (n === 0) return;
  for (let k = 0; k < n; k++) flags[k] = -1;
  if (n === 1) {
    // A lone capitalised word is a name only after a title: "Dr. Osei".
    if (!initials[0] && afterTitle(scan.text, starts[0]!) && !(flagsOf(scan, 0) & WORD.stop)) {
      emit(scan.out, starts[0]!, ends[0]!);
    }
    return;
  }
  let i = 0;
  while (i < n) {
    const used = tryAt(scan, n, i);
    i += used > 0 ? used : 1;
  }
}

/** The lexicon's {@link WORD} flags of token `k`, looked up once per run. */
function flagsOf(scan: Scan, k: number): number {
  let f = flags[k]!;
  if (f < 0) {
    f = scan.lexicon.wordFlags(scan.text.slice(starts[k], ends[k]));
    flags[k] = f;
  }
  return f;
}

/** A stop word that is not also a known name vetoes any window containing it. */
function hardStop(f: number): boolean {
  return (f & (WORD.stop | WORD.known)) === WORD.stop;
}

/** Tries the name shapes starting at token `i` of a run of `n`; returns tokens consumed. */
function tryAt(scan: Scan, n: number, i: number): number {
  const { text, lexicon, others, out } = scan;
  if (initials[i]) return 0;
  const f0 = flagsOf(scan, i);
  if (hardStop(f0)) return 0;
  const start = starts[i]!;
  let before: number | undefined;

  // "Last, First [I.]"
  if (i + 1 < n && joins[i + 1] === COMMA && !initials[i + 1]) {
    const f1 = flagsOf(scan, i + 1);
    if (!hardStop(f1)) {
      const used = i + 2 < n && initials[i + 2] && joins[i + 2] === SPACE ? 3 : 2;
      const firstKnown = (f1 & WORD.first) !== 0;
      let points = (f0 & WORD.last ? 1 : 0) + (firstKnown ? 1 : 0) + (used === 3 ? 1 : 0);
      const end = ends[i + used - 1]!;
      before = beforePoints(text, start, others);
      points += before + cueAfter(text, end, others);
      // "Lagos, Nigeria", "Kingston, Jamaica": a place after the comma, not a given name —
      // unless the context is strong (3+ points: "claim for Last, First (SSN …").
      const place =
        points < 3 && !firstKnown && lexicon.isPlace(text.slice(starts[i + 1], ends[i + 1]));
      if (points >= 2 && !place) return emit(out, start, end, used);
    }
  }

  // "First [I.|Middle] Last", joined by spaces or by underscores throughout.
  let best = 0;
  let bestEnd = 0;
  let bestPoints = 0;
  let words = 1;
  let initialSeen = false;
  const join = i + 1 < n ? joins[i + 1] : 0;
  const firstKnown = (f0 & WORD.first) !== 0;
  if (join === SPACE || join === UNDER) {
    for (let j = i + 1; j < n && j <= i + 5; j++) {
      if (joins[j] !== join) break;
      if (initials[j]) {
        if (initialSeen) break;
        initialSeen = true;
        continue;
      }
      if (particles[j] && j + 1 < n && joins[j + 1] === join) continue;
      const f = flagsOf(scan, j);
      if (hardStop(f)) break;
      if (++words > 3) break;
      const last = (f & WORD.last) !== 0;
      // Three words only when the third is a known family name; else keep two.
      if (words === 3 && !last) break;
      let points = (firstKnown ? 1 : 0) + (last ? 1 : 0) + (initialSeen ? 1 : 0);
      before ??= beforePoints(text, start, others);
      points += before + cueAfter(text, ends[j]!, others);
      if (points < 2) continue;
      best = j - i + 1;
      bestEnd = ends[j]!;
      bestPoints = points;
    }
  }
  if (best > 0) {
    if (bestPoints < 3 && isPlace(text, lexicon, start, bestEnd, firstKnown)) return best;
    // "Ho Chi" of "Ho Chi Minh City": the run goes on into a known place.
    for (let j = i + best; j < n && j < i + 5 && joins[j] === SPACE; j++) {
      if (lexicon.isPlace(text.slice(start, ends[j]))) return j - i + 1;
    }
    return emit(out, start, bestEnd, best);
  }

  // A single family name after a title: "Dr. Osei".
  if (afterTitle(text, start) && !(f0 & WORD.stop)) return emit(out, start, ends[i]!);
  return 0;
}

const PLACE_AFTER = /^,[ \t]*(\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){0,2})/u;

/**
 * A place rather than a person: the words form a known place ("San Francisco"), or are followed
 * by ", <place>" ("São Paulo, Brazil") and do not start with a known given name. Only asked
 * when the context is weak (under 3 points): place lists are long and hold many names.
 */
function isPlace(
  text: string,
  lexicon: NameLexicon,
  start: number,
  end: number,
  firstKnown: boolean,
): boolean {
  if (lexicon.isPlace(text.slice(start, end))) return true;
  if (firstKnown) return false;
  const m = PLACE_AFTER.exec(text.slice(end, end + 40));
  return m !== null && lexicon.isPlace(m[1]!) && !lexicon.isFirstName(m[1]!);
}

/** The word before `start` (across one space) is a title: "Dr. ", "Mrs ". */
function afterTitle(text: string, start: number): boolean {
  let i = start - 1;
  if (i < 2 || text.charCodeAt(i) !== 32) return false;
  i--;
  if (text.charCodeAt(i) === 46) i--; // '.'
  const end = i + 1;
  while (i >= 0 && end - i <= 5 && isAsciiLetter(text.charCodeAt(i))) i--;
  if (end - i - 1 < 2 || end - i - 1 > 4 || (i >= 0 && isAsciiLetter(text.charCodeAt(i)))) {
    return false;
  }
  return TITLES.has(text.slice(i + 1, end));
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Points from what precedes `start`: a cue word, adjacent PHI, a lower-case sentence. */
function beforePoints(text: string, start: number, others: readonly Candidate[]): number {
  const before: Before = readBefore(text, start);
  let points = before.cue;
  if (points === 0) points = phiBefore(text, start, others);
  if (before.mid) points++;
  return points;
}

function emit(out: Candidate[], start: number, end: number, used = 1): number {
  out.push({ start, end, type: 'person_name', score: SCORE.name });
  return used;
}
