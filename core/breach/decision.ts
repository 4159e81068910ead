import { type BreachAssessment } from './assessment.js';
import { obligations } from './obligations.js';
import { isRecord, type BreachProblem } from './problems.js';
import { type BreachSettings } from './settings.js';
import { instantOrThrow, isoOf, parseInstant } from './time.js';

/** The reasoning must say something an auditor can check, not "n/a". */
export const REASONING_MIN = 20;
export const REASONING_MAX = 10_000;

/** A signed decision that a breach needs no notice, kept with the incident:
 * HIPAA 164.414(b) puts on the practice the burden of showing a use or disclosure was no breach. */
export interface NotReportableDecision {
  reasoning: string;
  /** Who signs off: an AAD object id and a display name. */
  signedOffBy: { id: string; name: string };
  /** ISO-8601 UTC. */
  signedOffAt: string;
}

/** The decision, or every problem with it. */
export type DecisionResult =
  { ok: true; decision: NotReportableDecision } | { ok: false; problems: BreachProblem[] };

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Validates a "not reportable" decision for an assessment under which no obligation applies:
 * reasoning (at least REASONING_MIN characters), who signs off, and when — not before discovery
 * and, with `now`, not in the future. A decision cannot overrule obligations the rules compute.
 */
export function notReportableDecision(
  input: unknown,
  assessment: BreachAssessment,
  options: { now?: string; settings?: Partial<BreachSettings> } = {},
): DecisionResult {
  const data = isRecord(input) ? input : {};
  const problems: BreachProblem[] = [];
  const reasoning = text(data.reasoning);
  if (reasoning.length < REASONING_MIN) {
    problems.push({
      field: 'reasoning',
      message: `explain in at least ${REASONING_MIN} characters why no notice is required (for US individuals, the four-factor assessment)`,
    });
  } else if (reasoning.length > REASONING_MAX) {
    problems.push({
      field: 'reasoning',
      message: `is too long (at most ${REASONING_MAX} characters)`,
    });
  }
  const by = isRecord(data.signedOffBy) ? data.signedOffBy : {};
  const id = text(by.id);
  const name = text(by.name);
  if (id === '' || name === '') {
    problems.push({ field: 'signedOffBy', message: 'name who signs off (id and name)' });
  }
  const at = typeof data.signedOffAt === 'string' ? parseInstant(data.signedOffAt) : null;
  const discovered = instantOrThrow(assessment.discoveredAt, 'discoveredAt');
  const now = options.now === undefined ? null : instantOrThrow(options.now, 'now');
  if (at === null) {
    problems.push({ field: 'signedOffAt', message: 'must be an ISO-8601 date-time with its zone' });
  } else if (at < discovered) {
    problems.push({ field: 'signedOffAt', message: 'is before the breach was discovered' });
  } else if (now !== null && at > now) {
    problems.push({ field: 'signedOffAt', message: 'is in the future' });
  }
  const owed = obligations(assessment, options.settings);
  if (owed.length > 0) {
    problems.push({
      field: 'assessment',
      message: `the assessment requires ${[...new Set(owed.map((o) => o.rule))].join('; ')}: a not-reportable decision only stands when no obligation applies`,
    });
  }
  if (problems.length > 0 || at === null) return { ok: false, problems };
  return { ok: true, decision: { reasoning, signedOffBy: { id, name }, signedOffAt: isoOf(at) } };
}
