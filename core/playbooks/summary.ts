import { PHASE_LABELS } from './phases.js';
import { type Playbook } from './schema.js';
import { type ResponseState } from './state.js';
import { type ResponseTimings } from './timings.js';

/** `3 h 05 min`, `2 d 4 h`, `45 s`: a duration in whole seconds as people read it. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * The comment written to the Sentinel incident when it closes: the classification, the
 * playbook, how far the response went, the headline timings and the closer's own words. Built
 * from playbook titles and numbers; `summary` is the only free text and the caller masks it.
 */
export function closingSummary(
  state: ResponseState,
  playbook: Playbook,
  timings: ResponseTimings,
  summary: string | null,
): string {
  const closure = state.closure;
  const how = closure
    ? `Closed as ${closure.classification}${closure.reason ? ` (${closure.reason})` : ''} by ${closure.by.name}`
    : 'Closed';
  const reached = state.phases
    .map((record) => PHASE_LABELS[record.phase] + (record.override ? ' (gate overridden)' : ''))
    .join(' → ');
  const done = Object.keys(state.tasks).length;
  const times = [
    timings.toAcknowledge !== null
      ? `acknowledged in ${durationText(timings.toAcknowledge)}`
      : null,
    timings.toContain !== null ? `contained in ${durationText(timings.toContain)}` : null,
    timings.toClose !== null ? `closed in ${durationText(timings.toClose)}` : null,
  ].filter((part): part is string => part !== null);
  return [
    `${how} in Microsoft Teams (Life Cockpit Security).`,
    `Playbook: ${playbook.title} (v${state.playbookVersion}); phases: ${reached}; ${done} task${done === 1 ? '' : 's'} done.`,
    times.length > 0 ? `Timings: ${times.join(', ')}.` : null,
    summary ? `Summary: ${summary}` : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
