/** How times, durations and codes read on the page. */

import { h } from './dom.js';

export const PHASE_LABELS: Readonly<Record<string, string>> = {
  detection: 'Detection',
  analysis: 'Analysis',
  containment: 'Containment',
  eradication: 'Eradication',
  recovery: 'Recovery',
  lessons_learned: 'Lessons learned',
  closed: 'Closed',
};

export const phaseLabel = (phase: string | null): string =>
  phase === null ? 'Not started' : (PHASE_LABELS[phase] ?? phase);

const LOCAL = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** `Mar 14, 2026, 9:30 AM` in the viewer's zone; '—' when absent or unreadable. */
export function localTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : LOCAL.format(date);
}

/** `2026-03-14T13:30:00Z`: the instant in UTC, to the second. */
export function utcTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A `<time>` showing the local time, with the UTC instant as its machine value and tooltip. */
export function timeElement(iso: string | null): Node {
  if (!iso) return document.createTextNode('—');
  return h('time', { datetime: iso, title: utcTime(iso) }, localTime(iso));
}

/** `3 h 05 min`, `2 d 4 h`, `45 s` (as core/playbooks `durationText`). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** `in 2 d 4 h` / `3 h 05 min ago`, from now. */
export function fromNow(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const span = duration(Math.abs(ms - now) / 1000);
  return ms >= now ? `in ${span}` : `${span} ago`;
}

/** A `datetime-local` input's value (local wall time) → ISO-8601 UTC; null when blank or bad. */
export function isoFromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO-8601 → a `datetime-local` value in the viewer's zone (`2026-03-14T09:30`). */
export function localInputValue(iso: string | null, fallback = new Date()): string {
  const date = iso ? new Date(iso) : fallback;
  const when = Number.isNaN(date.getTime()) ? fallback : date;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

/** `readwrite` → `read-write`, `due_soon` → `due soon`. */
export const words = (code: string): string =>
  code === 'readwrite' ? 'read-write' : code.replace(/_/g, ' ');

/** A short coloured tag; the text carries the meaning, the colour only repeats it. */
export function badge(text: string, kind: string): HTMLElement {
  return h(
    'span',
    { class: `badge badge-${kind.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` },
    text,
  );
}
