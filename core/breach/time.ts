/** Milliseconds in an hour and in a day: breach clocks count elapsed time, in UTC. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Days in a month (1-based month) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Milliseconds since the epoch of an ISO-8601 date-time that names its zone (`Z` or an offset),
 * or null. Stricter than `Date.parse`: a date that does not exist (`2026-02-30`) or a time such
 * as `24:00` is refused instead of rolled over, and a time without a zone is refused because a
 * person in Ontario typing 09:00 does not mean 09:00 UTC.
 */
export function parseInstant(text: string): number | null {
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // Two-digit years would land in the 1900s through Date.UTC; nothing here predates the epoch.
  if (year < 1970) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return local - offsetMinutes * 60_000;
}

/** The ISO-8601 UTC text of an instant, millisecond precision (`2026-03-14T13:30:00.000Z`). */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses an instant the caller vouches for; a bad one is a programming error, not user input. */
export function instantOrThrow(text: string, what: string): number {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError(`${what} must be an ISO-8601 date-time with a zone`);
  return ms;
}

/** The UTC calendar year of an instant. */
export function utcYear(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

/** The last millisecond of a UTC calendar day (month 1-based). */
export function endOfUtcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day + 1) - 1;
}

/**
 * The same UTC wall-clock time `years` later. 29 February of a leap year maps to 1 March when
 * the target year has none: a retention period must never come out a day short.
 */
export function addUtcYears(ms: number, years: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const timeOfDay = ms - Date.UTC(date.getUTCFullYear(), month - 1, day);
  if (day > daysInMonth(year, month)) return Date.UTC(year, month, 1) + timeOfDay;
  return Date.UTC(year, month - 1, day) + timeOfDay;
}

/** `2028-02-29` of an instant, for sentences. */
export function utcDateText(ms: number): string {
  return isoOf(ms).slice(0, 10);
}

/** `2028-02-29 23:59 UTC` of an instant, for sentences. */
export function utcMinuteText(ms: number): string {
  const text = isoOf(ms);
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}
