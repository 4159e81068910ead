import { type Candidate, SCORE } from './candidate.js';

/**
 * E-mail addresses, found from each '@' outwards rather than by a regex that would start at
 * every letter of the text.
 */

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 || // .
    c === 95 || // _
    c === 37 || // %
    c === 43 || // +
    c === 45 // -
  );
}

function isDomainChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45
  );
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Detects e-mail addresses (`local@domain.tld`). */
export function detectEmails(text: string, out: Candidate[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && !isAlphaNum(text.charCodeAt(s))) s++; // no leading '.', '-', '+'
    let e = at + 1;
    while (e < text.length && isDomainChar(text.charCodeAt(e))) e++;
    while (e > at + 1 && !isAlphaNum(text.charCodeAt(e - 1))) e--; // no trailing '.', '-'
    const next = at + 1 < e ? text.indexOf('@', e) : text.indexOf('@', at + 1);
    if (s < at && e > at + 1 && validDomain(text, at + 1, e)) {
      out.push({ start: s, end: e, type: 'email', score: SCORE.email });
    }
    at = next;
  }
}

function isAlphaNum(c: number): boolean {
  return isAlpha(c) || (c >= 48 && c <= 57);
}

/** At least one dot, a top-level domain of 2+ letters, well-formed labels. */
function validDomain(text: string, s: number, e: number): boolean {
  const lastDot = text.lastIndexOf('.', e - 1);
  if (lastDot <= s || e - lastDot - 1 < 2) return false;
  for (let i = lastDot + 1; i < e; i++) if (!isAlpha(text.charCodeAt(i))) return false;
  if (!isAlphaNum(text.charCodeAt(s))) return false;
  for (let i = s + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    const p = text.charCodeAt(i - 1);
    // no empty label, no label starting or ending with '-'
    if (c === 46 && (p === 46 || p === 45)) return false;
    if (c === 45 && p === 46) return false;
  }
  return true;
}
