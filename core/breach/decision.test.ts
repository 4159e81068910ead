import { describe, expect, it } from '@jest/globals';
import { blankAssessment, type BreachAssessment } from './assessment.js';
import { notReportableDecision, type DecisionResult } from './decision.js';
import { problemLine } from './problems.js';

function assess(overrides: Partial<BreachAssessment> = {}): BreachAssessment {
  return { ...blankAssessment('2026-03-14T13:30:00.000Z'), ...overrides };
}

/** A US-only breach the four-factor assessment cleared: nothing to notify. */
const cleared = assess({
  usIndividuals: 30,
  usByState: { NY: 30 },
  hipaaLowProbability: true,
  notes: 'Encrypted laptop recovered; forensic image shows no access.',
});

const decision = {
  reasoning:
    'Encrypted device (AES-256, key not with it), recovered within 2 h, no access in logs.',
  signedOffBy: { id: 'aad-owner-1', name: 'Dr. Owner' },
  signedOffAt: '2026-03-15T10:00:00-04:00',
};

const lines = (result: DecisionResult): string[] =>
  result.ok ? [] : result.problems.map(problemLine);

describe('notReportableDecision', () => {
  it('accepts reasoning and a sign-off on an assessment under which nothing applies', () => {
    expect(notReportableDecision(decision, cleared, { now: '2026-03-16T00:00:00Z' })).toEqual({
      ok: true,
      decision: { ...decision, signedOffAt: '2026-03-15T14:00:00.000Z' },
    });
  });

  it('requires reasoning an auditor can read, and who signs off and when', () => {
    expect(lines(notReportableDecision({ reasoning: 'n/a' }, cleared))).toEqual([
      'reasoning: explain in at least 20 characters why no notice is required (for US individuals, the four-factor assessment)',
      'signedOffBy: name who signs off (id and name)',
      'signedOffAt: must be an ISO-8601 date-time with its zone',
    ]);
    expect(lines(notReportableDecision(undefined, cleared))).toHaveLength(3);
    expect(
      lines(
        notReportableDecision(
          { ...decision, signedOffBy: { id: 'aad-owner-1', name: ' ' } },
          cleared,
        ),
      ),
    ).toEqual(['signedOffBy: name who signs off (id and name)']);
  });

  it('refuses a sign-off before discovery or in the future', () => {
    const early = { ...decision, signedOffAt: '2026-03-14T13:29:59Z' };
    expect(lines(notReportableDecision(early, cleared))).toEqual([
      'signedOffAt: is before the breach was discovered',
    ]);
    expect(
      lines(notReportableDecision(decision, cleared, { now: '2026-03-15T13:00:00Z' })),
    ).toEqual(['signedOffAt: is in the future']);
  });

  it('cannot overrule obligations the rules compute', () => {
    const reportable = assess({ ontarioIndividuals: 2, canadaIndividuals: 2 });
    expect(lines(notReportableDecision(decision, reportable))).toEqual([
      'assessment: the assessment requires PHIPA s.12(2); O. Reg. 329/04 s.6.4: a not-reportable decision only stands when no obligation applies',
    ]);
  });
});
