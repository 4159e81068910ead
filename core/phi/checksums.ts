/**
 * Check-digit and range rules for the numeric identifiers. Each takes the digits only (no
 * separators) as a string, so callers strip formatting once.
 */

const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** True when `digits` (ASCII digits only, at least 2) passes the Luhn mod-10 check. */
export function luhnValid(digits: string): boolean {
  const n = digits.length;
  if (n < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = n - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += double ? DOUBLED[d]! : d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * An Ontario health number: 10 digits whose last digit is the Luhn check digit over the first
 * nine (equivalently, the 10 digits pass Luhn).
 */
export function healthCardValid(digits: string): boolean {
  return digits.length === 10 && luhnValid(digits);
}

/**
 * A Canadian Social Insurance Number: 9 digits passing Luhn. SINs starting with 0 are never
 * issued and 8 is used for business numbers; `strict` rejects both (used when nothing in the
 * text says "SIN").
 */
export function sinValid(digits: string, strict = false): boolean {
  if (digits.length !== 9 || !luhnValid(digits)) return false;
  if (strict && (digits[0] === '0' || digits[0] === '8')) return false;
  return true;
}

/**
 * A US Social Security Number in the ranges the SSA issues: area not 000, 666 or 900–999,
 * group not 00, serial not 0000.
 */
export function ssnValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  for (let i = 0; i < 9; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00') return false;
  return digits.slice(5) !== '0000';
}

const NON_DIGITS = /\D+/g;

/** The ASCII digits of `s`, in order. */
export function digitsOf(s: string): string {
  return s.replace(NON_DIGITS, '');
}
