import { parseInstant } from '../breach/index.js';
import { escapeText } from './markdown.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

// Lenient on purpose: a report must still render a stored time that a stricter parser refuses,
// so an unreadable one is shown as given rather than failing the whole document.
function instantOf(text: string): number | null {
  const strict = parseInstant(text);
  if (strict !== null) return strict;
  const loose = Date.parse(text);
  return Number.isNaN(loose) ? null : loose;
}

/** `2026-03-14T13:30:00.000Z` for any ISO time with a zone; the text as given when unreadable. */
export function isoUtc(text: string): string {
  const ms = instantOf(text);
  return ms === null ? text : new Date(ms).toISOString();
}

/** `Saturday 14 March 2026, 13:30 UTC`; the text as given when unreadable. */
export function readableUtc(text: string): string {
  const ms = instantOf(text);
  if (ms === null) return text;
  const d = new Date(ms);
  const date = `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${date}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `14 March 2026` (the UTC calendar day), for letters; the text as given when unreadable. */
export function dayText(text: string): string {
  const ms = instantOf(text);
  if (ms === null) return text;
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * A time as reports show it: ISO-8601 UTC for machines and auditors, then a readable form for
 * people: `2026-03-14T13:30:00.000Z (Saturday 14 March 2026, 13:30 UTC)`. `missing` when null.
 */
export function when(text: string | null | undefined, missing = 'not recorded'): string {
  if (text === null || text === undefined || text === '') return missing;
  if (instantOf(text) === null) return escapeText(text);
  return `${isoUtc(text)} (${readableUtc(text)})`;
}

/**
 * A span of whole seconds, readable then exact: `45 s`, `12 min (750 s)`, `1 h 05 min (3900 s)`,
 * `2 d 3 h 05 min (183900 s)`. `missing` when null (the moment has not come).
 */
export function duration(seconds: number | null | undefined, missing = 'not reached'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return missing;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (s < 3600) return `${minutes} min (${s} s)`;
  const hours = Math.floor(minutes / 60);
  const hm = `${hours % 24} h ${pad(minutes % 60)} min`;
  const days = Math.floor(hours / 24);
  return `${days > 0 ? `${days} d ${hm}` : hm} (${s} s)`;
}
