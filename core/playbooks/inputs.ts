import { type StepActor } from './state.js';

/** Longest note, override reason or task note kept on the timeline. */
export const MAX_NOTE_LENGTH = 2000;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with a zone, normalised to UTC with milliseconds; else null. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || !ISO.test(value.trim())) return null;
  const [year, month, day] = value.trim().slice(0, 10).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  // Date rolls 2026-02-30 over to March 2; a date that is not on the calendar is a mistake.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const time = new Date(value.trim());
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** The id and name of an actor, trimmed; null when either is missing. */
export function stepActor(
  actor: { id?: unknown; name?: unknown } | null | undefined,
): StepActor | null {
  if (!actor || typeof actor.id !== 'string' || typeof actor.name !== 'string') return null;
  const id = actor.id.trim();
  const name = actor.name.trim();
  return id && name ? { id, name } : null;
}

/** Trimmed text, `null` when blank, or an error when too long or not text. */
export function noteText(
  value: unknown,
  what: string,
): { ok: true; text: string | null } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, text: null };
  if (typeof value !== 'string') return { ok: false, message: `The ${what} must be text.` };
  const text = value.trim();
  if (text.length > MAX_NOTE_LENGTH) {
    return {
      ok: false,
      message: `The ${what} is ${text.length} characters long; keep it under ${MAX_NOTE_LENGTH}.`,
    };
  }
  return { ok: true, text: text === '' ? null : text };
}

/** The common first checks of every engine call: a valid actor and time. */
export function actorAndTime(
  actor: { id?: unknown; name?: unknown } | null | undefined,
  at: unknown,
): { ok: true; by: StepActor; at: string } | { ok: false; message: string } {
  const by = stepActor(actor);
  if (!by) return { ok: false, message: 'The actor needs an id and a name.' };
  const time = isoTime(at);
  if (!time) {
    return {
      ok: false,
      message: `The time ${JSON.stringify(at)} is not an ISO-8601 date-time with a zone (e.g. 2026-01-31T14:05:00Z).`,
    };
  }
  return { ok: true, by, at: time };
}
