import {
  type BreachProblem,
  breachObligations,
  currentAssessment,
  notReportableDecision,
  openBreach,
  parseAssessment,
  parseNotification,
  problemLine,
  withAssessment,
  withNotification,
} from '../../../core/breach/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import type { StoredResponse } from '../store/responses-repo.js';
import type { RequestContext } from './context.js';
import type { ResponseService } from './response-service.js';

/**
 * The breach track of SPEC §4 on top of the response: assessments (each kept, the last one in
 * force), the notification log, and the signed "not reportable" decision. Every change goes
 * through the response's policy check, optimistic save and audit.
 */
export class BreachService {
  constructor(private readonly response: ResponseService) {}

  /** Saves an assessment; the first one opens the breach track (its clocks start at discovery). */
  assess(ctx: RequestContext, number: number, data: unknown) {
    return this.response.change(ctx, number, 'act', 'breach.assess', (_s, response, at, by) => {
      this.response.running(number, response, { closedToo: true });
      const parsed = parseAssessment(data, { now: at });
      if (!parsed.ok) throw invalid('The breach assessment', parsed.problems);
      const record = response.breach ?? openBreach(by, at);
      const breach = withAssessment(record, parsed.assessment, by, at);
      const settings = this.response.deps.breachSettings;
      const owed = breachObligations(breach, at, settings);
      return {
        next: { ...response, breach },
        audit: {
          opened: response.breach === null,
          discoveredAt: parsed.assessment.discoveredAt,
          obligations: owed.map((o) => o.id),
        },
      };
    });
  }

  /** Logs a notice sent (party, when, how); `at` defaults to now and is never in the future. */
  notified(ctx: RequestContext, number: number, data: unknown) {
    return this.response.change(ctx, number, 'act', 'breach.notified', (_s, response, at, by) => {
      const breach = assessed(number, response);
      const parsed = parseNotification(data, { now: at });
      if (!parsed.ok) throw invalid('The notice', parsed.problems);
      const notice = { ...parsed.notification, by: by.name };
      return {
        next: { ...response, breach: withNotification(breach, notice) },
        audit: { party: notice.party, at: notice.at, state: notice.state ?? null },
      };
    });
  }

  /**
   * Records that the breach needs no notice, with the reasoning and the sign-off of someone with
   * full access (HIPAA puts the burden of proof on the practice). Refused while any obligation
   * applies: a decision never overrules the rules.
   */
  decide(ctx: RequestContext, number: number, reasoning: unknown) {
    return this.response.change(
      ctx,
      number,
      'override_gate',
      'breach.not_reportable',
      (_s, response, at, by) => {
        const breach = assessed(number, response);
        const assessment = currentAssessment(breach);
        if (!assessment) throw noAssessment(number);
        const settings = this.response.deps.breachSettings;
        const owed = breachObligations(breach, at, settings);
        if (owed.length > 0) {
          throw new CockpitError(
            'refused',
            `#${number} is reportable under the current assessment (${owed.map((o) => o.rule).join('; ')}); correct the assessment if it is wrong.`,
          );
        }
        const result = notReportableDecision(
          { reasoning, signedOffBy: by, signedOffAt: at },
          assessment,
          { now: at, settings },
        );
        if (!result.ok) throw invalid('The decision', result.problems);
        return {
          next: { ...response, breach: { ...breach, decision: result.decision } },
          audit: { decision: 'not_reportable' },
        };
      },
    );
  }
}

function assessed(number: number, response: StoredResponse) {
  const breach = response.breach;
  if (!breach || breach.assessments.length === 0) throw noAssessment(number);
  return breach;
}

function noAssessment(number: number): CockpitError {
  return new CockpitError(
    'refused',
    `#${number} has no breach assessment yet: open it with \`breach ${number}\` and save it first.`,
  );
}

function invalid(what: string, problems: readonly BreachProblem[]): CockpitError {
  const lines = problems.map(problemLine);
  return new CockpitError('bad_request', `${what} is not valid: ${lines.join('; ')}.`, lines);
}
