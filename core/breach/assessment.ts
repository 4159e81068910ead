import { z } from 'zod';
import { byState, circumstances, count, instant, notes, yesNo } from './fields.js';
import { isRecord, zodProblems, type BreachProblem } from './problems.js';
import { parseInstant } from './time.js';

/**
 * The `breach.assess` data of SPEC §3, field by field. Each field accepts what both callers
 * send: JSON values from the tab API, and the text every Adaptive Card input submits
 * (`"true"`, `"120"`, `"CA 120, NY 8"`, `"stolen,pattern"`). Unknown keys (the card's `verb`,
 * `incident`) are dropped.
 */
export const assessmentFields = {
  discoveredAt: instant,
  phiInvolved: yesNo,
  usIndividuals: count,
  usByState: byState,
  ontarioIndividuals: count,
  canadaIndividuals: count,
  hipaaLowProbability: yesNo,
  phipaCircumstances: circumstances,
  pipedaRealRisk: yesNo,
  cardholderData: yesNo,
  notes,
};

/** The field-level schema (cross-field rules are in `parseAssessment`). */
export const breachAssessmentSchema = z.object(assessmentFields);

/** A validated breach assessment; `discoveredAt` is ISO-8601 UTC, `usByState` sorted by code. */
export type BreachAssessment = z.output<typeof breachAssessmentSchema>;

/** What `parseAssessment` gives: the assessment, or every problem found. */
export type AssessmentResult =
  { ok: true; assessment: BreachAssessment } | { ok: false; problems: BreachProblem[] };

/**
 * A breach of PHI discovered at `discoveredAt` with nobody counted yet and nothing else
 * involved: where an assessment starts (the breach card's initial values) before it is filled in.
 */
export function blankAssessment(discoveredAt: string): BreachAssessment {
  return {
    discoveredAt,
    phiInvolved: true,
    usIndividuals: 0,
    usByState: {},
    ontarioIndividuals: 0,
    canadaIndividuals: 0,
    hipaaLowProbability: false,
    phipaCircumstances: [],
    pipedaRealRisk: false,
    cardholderData: false,
    notes: '',
  };
}

/** The largest number of people 164.406 lets one state have without a media notice. */
export const MEDIA_THRESHOLD = 500;

/**
 * A HIPAA breach (164.402): unsecured PHI of US individuals, presumed a breach unless the
 * documented four-factor assessment shows a low probability of compromise.
 */
export function isHipaaBreach(a: BreachAssessment): boolean {
  return a.phiInvolved && a.usIndividuals > 0 && !a.hipaaLowProbability;
}

/** The sum of the per-state counts. */
export function statesTotal(a: Pick<BreachAssessment, 'usByState'>): number {
  return Object.values(a.usByState).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/**
 * Whether the US individuals without a state could change the 164.406 answer: they could all
 * live in one state, so the answer is open when they alone exceed 500, or when they would lift
 * a listed state from 500 or fewer to more than 500.
 */
export function mediaUndecided(a: BreachAssessment): number | null {
  const unattributed = a.usIndividuals - statesTotal(a);
  if (unattributed <= 0) return null;
  const counts = Object.values(a.usByState).filter((n): n is number => n !== undefined);
  const open =
    unattributed > MEDIA_THRESHOLD ||
    counts.some((n) => n <= MEDIA_THRESHOLD && n + unattributed > MEDIA_THRESHOLD);
  return open ? unattributed : null;
}

/** Rules that need more than one field. Each names the field the person should change. */
function crossProblems(a: BreachAssessment, now: number | null): BreachProblem[] {
  const problems: BreachProblem[] = [];
  const discovered = parseInstant(a.discoveredAt) as number;
  if (now !== null && discovered > now) {
    problems.push({ field: 'discoveredAt', message: 'is in the future' });
  }
  const states = statesTotal(a);
  if (states > a.usIndividuals) {
    problems.push({
      field: 'usByState',
      message: `the states add up to ${states}, more than usIndividuals (${a.usIndividuals})`,
    });
  }
  // Ontario residents are Canadians: canadaIndividuals counts them too.
  if (a.ontarioIndividuals > a.canadaIndividuals) {
    problems.push({
      field: 'ontarioIndividuals',
      message: `${a.ontarioIndividuals} is more than canadaIndividuals (${a.canadaIndividuals}); count Ontario residents in canadaIndividuals as well`,
    });
  }
  if (a.phipaCircumstances.length > 0 && !a.phiInvolved) {
    problems.push({
      field: 'phipaCircumstances',
      message:
        'O. Reg. 329/04 s.6.3 concerns personal health information, but phiInvolved is false',
    });
  }
  if (a.phiInvolved && a.usIndividuals > 0 && a.hipaaLowProbability && a.notes === '') {
    problems.push({
      field: 'notes',
      message:
        'record the four-factor assessment behind hipaaLowProbability: the PHI involved, who received it, whether it was actually acquired or viewed, and how the risk was mitigated',
    });
  }
  const unattributed = isHipaaBreach(a) ? mediaUndecided(a) : null;
  if (unattributed !== null) {
    problems.push({
      field: 'usByState',
      message: `${unattributed} of the ${a.usIndividuals} US individuals have no state; give their states (by last known address) so the media notice of 164.406 (more than 500 residents of one state) can be decided`,
    });
  }
  return problems;
}

/**
 * Validates `breach.assess` data. With `now` (ISO), a discovery in the future is refused. On
 * failure every problem is listed, each naming its field (`usByState.ZZ`, `phipaCircumstances[2]`)
 * in words a person can act on; cross-field rules are checked once every field is valid.
 */
export function parseAssessment(input: unknown, options: { now?: string } = {}): AssessmentResult {
  if (!isRecord(input)) {
    return { ok: false, problems: [{ field: 'assessment', message: 'must be an object' }] };
  }
  const parsed = breachAssessmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, []) };
  const now = options.now === undefined ? null : parseInstant(options.now);
  if (options.now !== undefined && now === null) throw new RangeError('now must be an ISO instant');
  const problems = crossProblems(parsed.data, now);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, assessment: parsed.data };
}
