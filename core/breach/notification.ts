import { BREACH_PARTIES } from './obligations.js';
import { isRecord, type BreachProblem } from './problems.js';
import { usStateCode } from './states.js';
import { type BreachNotification } from './status.js';
import { isoOf, parseInstant } from './time.js';

/** The longest `method` text kept. */
export const METHOD_MAX = 200;

/** A logged notice before the caller adds who logged it. */
export type NotificationInput = Omit<BreachNotification, 'by'>;

/** The notice, or every problem with it. */
export type NotificationResult =
  { ok: true; notification: NotificationInput } | { ok: false; problems: BreachProblem[] };

/**
 * Validates `breach.notified` data (SPEC §3): `party` (case-insensitive), `at` (ISO with a zone;
 * `now` when absent, as `notified N <party>` without a time means "just now"; never in the
 * future), `method` (optional text), and `state` for media, which 164.406 counts per state.
 */
export function parseNotification(input: unknown, options: { now: string }): NotificationResult {
  const data = isRecord(input) ? input : {};
  const problems: BreachProblem[] = [];
  const now = parseInstant(options.now);
  if (now === null) throw new RangeError('now must be an ISO instant');
  const partyText = typeof data.party === 'string' ? data.party.trim().toLowerCase() : '';
  const party = BREACH_PARTIES.find((p) => p === partyText) ?? null;
  if (party === null) {
    problems.push({ field: 'party', message: `must be one of ${BREACH_PARTIES.join(', ')}` });
  }
  const blankAt = data.at === undefined || data.at === null || data.at === '';
  const at = blankAt ? now : typeof data.at === 'string' ? parseInstant(data.at) : null;
  if (at === null) {
    problems.push({
      field: 'at',
      message: 'must be an ISO-8601 date-time with its zone, e.g. 2026-03-16T10:00:00-04:00',
    });
  } else if (at > now) {
    problems.push({ field: 'at', message: 'is in the future: log a notice once it is sent' });
  }
  const methodText = typeof data.method === 'string' ? data.method.trim() : '';
  if (data.method != null && typeof data.method !== 'string') {
    problems.push({ field: 'method', message: 'must be text, e.g. "first-class mail"' });
  } else if (methodText.length > METHOD_MAX) {
    problems.push({ field: 'method', message: `is too long (at most ${METHOD_MAX} characters)` });
  }
  const stateText = typeof data.state === 'string' ? data.state.trim() : '';
  const state = stateText === '' ? null : usStateCode(stateText);
  if (party === 'media' && stateText === '') {
    problems.push({ field: 'state', message: 'name the state whose media were told, e.g. CA' });
  } else if (stateText !== '' && state === null) {
    problems.push({
      field: 'state',
      message: `"${stateText}" is not a US state or territory code`,
    });
  } else if (stateText !== '' && party !== null && party !== 'media') {
    problems.push({ field: 'state', message: 'only a media notice names a state' });
  }
  if (problems.length > 0 || party === null || at === null) return { ok: false, problems };
  return {
    ok: true,
    notification: {
      party,
      at: isoOf(at),
      method: methodText === '' ? null : methodText,
      state: party === 'media' ? state : null,
    },
  };
}
