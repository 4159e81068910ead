import { RESPONSE_PHASES, type ResponsePhase } from './phases.js';
import { type ResponseState } from './state.js';

/** The incident's own times: when it first arrived and when someone acknowledged it. */
export interface IncidentTimes {
  firstReceivedAt: string | null;
  acknowledgedAt: string | null;
}

/** Response times in whole seconds; null where the moment has not come (or is unknown). */
export interface ResponseTimings {
  /** First received → acknowledged. */
  toAcknowledge: number | null;
  /** First received → containment left for eradication (the threat is contained). */
  toContain: number | null;
  /** First received → closed. */
  toClose: number | null;
  /** Time spent in each phase; the current phase counts up to `now` when it is given. */
  inPhase: Record<ResponsePhase, number | null>;
}

function seconds(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const span = new Date(to).getTime() - new Date(from).getTime();
  // Clocks of different instances may disagree by a little; a response never takes less than 0 s.
  return Number.isNaN(span) ? null : Math.max(0, Math.round(span / 1000));
}

/**
 * Time to acknowledge, to contain and to close, and time in each phase (SPEC §4), from the
 * response state and the incident's received and acknowledged times.
 */
export function timings(
  state: ResponseState,
  incident: IncidentTimes,
  now?: string,
): ResponseTimings {
  const entered = (phase: string) =>
    state.phases.find((record) => record.phase === phase)?.enteredAt;
  const inPhase = {} as Record<ResponsePhase, number | null>;
  for (const phase of RESPONSE_PHASES) {
    let total: number | null = null;
    for (const record of state.phases.filter((candidate) => candidate.phase === phase)) {
      const span = seconds(record.enteredAt, record.leftAt ?? now);
      if (span !== null) total = (total ?? 0) + span;
    }
    inPhase[phase] = total;
  }
  return {
    toAcknowledge: seconds(incident.firstReceivedAt, incident.acknowledgedAt),
    toContain: seconds(incident.firstReceivedAt, entered('eradication')),
    toClose: seconds(incident.firstReceivedAt, entered('closed')),
    inPhase,
  };
}
