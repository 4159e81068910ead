/** Character tests and context windows shared by the detectors (no allocation per character). */

const LETTER = /\p{L}|\p{M}/u;

/** ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A letter of any script (or a combining mark), for a UTF-16 code unit. */
export function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCharCode(c));
}

/** Letter or digit at index `i` (false outside the text). */
export function isAlnumAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return isDigit(c) || isLetterCode(c);
}

/**
 * True when an identifier may start at `start`: not glued to a word or a number before it
 * ("KB5031356", "CVE-2023-…", "10.0.19045", "07:44"). `_` counts as a separator, so file names
 * like `Smith_John_1234567897.pdf` still yield their numbers.
 */
export function numberStartsCleanly(text: string, start: number): boolean {
  if (start === 0) return true;
  const p = text.charCodeAt(start - 1);
  if (isDigit(p) || isLetterCode(p)) return false;
  // '.', '-', ':', '/' right after a digit continue a number, an IP, a time or a date; a comma
  // does only before a thousands group ("1,234"): "1932,6203 879 660" is two CSV fields.
  if (p === 46 || p === 45 || p === 58 || p === 47 || p === 44) {
    if (!(start >= 2 && isDigit(text.charCodeAt(start - 2)))) return true;
    return p === 44 && runLength(text, start) !== 3;
  }
  return true;
}

function runLength(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i - from;
}

/** True when an identifier may end at `end` (exclusive): not glued to what follows. */
export function numberEndsCleanly(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const n = text.charCodeAt(end);
  if (isDigit(n) || isLetterCode(n)) return false;
  if (n === 46 || n === 45 || n === 58 || n === 47 || n === 44) {
    if (!(end + 1 < text.length && isDigit(text.charCodeAt(end + 1)))) return true;
    return n === 44 && runLength(text, end + 1) !== 3;
  }
  return true;
}

/**
 * The name of the cue family whose match ends nearest before `start`, looking back `window`
 * characters. `re` must be global with one capture group per family, in `families` order.
 */
export function nearestCue(
  text: string,
  start: number,
  re: RegExp,
  families: readonly string[],
  window = 40,
): string | null {
  const from = start > window ? start - window : 0;
  const slice = text.slice(from, start);
  re.lastIndex = 0;
  let found: string | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        found = families[g - 1] ?? null;
        break;
      }
    }
  }
  return found;
}
