import { describe, expect, it } from '@jest/globals';
import { parseAssessment, type AssessmentResult } from './assessment.js';
import { problemLine } from './problems.js';
import { US_STATE_CODES, usStateCode } from './states.js';

/** A complete, valid `breach.assess` body as the tab API sends it. */
function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    discoveredAt: '2026-03-14T09:30:00-04:00',
    phiInvolved: true,
    usIndividuals: 12,
    usByState: { NY: 10, VT: 2 },
    ontarioIndividuals: 40,
    canadaIndividuals: 45,
    hipaaLowProbability: false,
    phipaCircumstances: ['stolen'],
    pipedaRealRisk: false,
    cardholderData: false,
    notes: 'Unencrypted laptop stolen from a car.',
    ...overrides,
  };
}

function problems(result: AssessmentResult): string[] {
  if (result.ok) throw new Error('expected problems, got an assessment');
  return result.problems.map(problemLine);
}

describe('parseAssessment: accepted input', () => {
  it('normalises the discovery time to UTC and keeps everything else', () => {
    const result = parseAssessment(body());
    expect(result).toEqual({
      ok: true,
      assessment: {
        discoveredAt: '2026-03-14T13:30:00.000Z',
        phiInvolved: true,
        usIndividuals: 12,
        usByState: { NY: 10, VT: 2 },
        ontarioIndividuals: 40,
        canadaIndividuals: 45,
        hipaaLowProbability: false,
        phipaCircumstances: ['stolen'],
        pipedaRealRisk: false,
        cardholderData: false,
        notes: 'Unencrypted laptop stolen from a car.',
      },
    });
  });

  it('reads what Adaptive Card inputs submit: text for numbers, toggles, states and choices', () => {
    const result = parseAssessment({
      verb: 'breach.assess',
      incident: 42,
      discoveredAt: '2026-03-14T13:30Z',
      phiInvolved: 'true',
      usIndividuals: ' 612 ',
      usByState: 'tx 12; CA: 600',
      ontarioIndividuals: '0',
      canadaIndividuals: '0',
      hipaaLowProbability: 'False',
      phipaCircumstances: 'pattern,stolen,stolen',
      pipedaRealRisk: 'false',
      cardholderData: 'false',
      notes: '',
    });
    expect(result).toEqual({
      ok: true,
      assessment: expect.objectContaining({
        discoveredAt: '2026-03-14T13:30:00.000Z',
        usIndividuals: 612,
        usByState: { CA: 600, TX: 12 },
        hipaaLowProbability: false,
        phipaCircumstances: ['stolen', 'pattern'],
      }),
    });
    if (result.ok) expect(Object.keys(result.assessment)).not.toContain('verb');
  });

  it('treats absent states, circumstances and notes as none', () => {
    const result = parseAssessment(
      body({
        usByState: undefined,
        usIndividuals: 3,
        phipaCircumstances: undefined,
        notes: undefined,
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      assessment: { usByState: {}, phipaCircumstances: [], notes: '' },
    });
  });

  it('accepts US individuals without a state while they cannot change the media answer', () => {
    expect(parseAssessment(body({ usIndividuals: 300, usByState: { CA: 100 } })).ok).toBe(true);
    expect(parseAssessment(body({ usIndividuals: 900, usByState: { CA: 600 } })).ok).toBe(true);
  });
});

describe('parseAssessment: problems named per field', () => {
  it('names every wrong field at once, in words a person can act on', () => {
    const result = parseAssessment({
      discoveredAt: '2026-03-14 09:30',
      phiInvolved: 'yes',
      usIndividuals: -3,
      usByState: { ZZ: 4, CA: 2.5 },
      canadaIndividuals: 'many',
      hipaaLowProbability: false,
      phipaCircumstances: ['stolen', 'hacked'],
      pipedaRealRisk: false,
      cardholderData: false,
      notes: 7,
    });
    expect(problems(result)).toEqual([
      'discoveredAt: must be an ISO-8601 date-time with its zone, e.g. 2026-03-14T09:30:00-04:00 or 2026-03-14T13:30:00Z',
      'phiInvolved: must be true or false, not "yes"',
      'usIndividuals: must not be negative',
      'usByState.ZZ: "ZZ" is not a US state or territory code',
      'usByState.CA: must be a whole number of people',
      'ontarioIndividuals: is required (enter 0 if nobody)',
      'canadaIndividuals: must be a whole number of people, not "many"',
      'phipaCircumstances[1]: "hacked" is not one of knowingly_unauthorized, stolen, further_use, pattern, college_notice, agent_college_notice, significant',
      'notes: must be text',
    ]);
  });

  it('refuses a time without a zone, a date that does not exist, and an implausible year', () => {
    const zone = 'discoveredAt: must be an ISO-8601 date-time with its zone';
    expect(problems(parseAssessment(body({ discoveredAt: '2026-03-14T09:30:00' })))[0]).toContain(
      zone,
    );
    expect(problems(parseAssessment(body({ discoveredAt: '2026-02-30T09:30:00Z' })))[0]).toContain(
      zone,
    );
    expect(problems(parseAssessment(body({ discoveredAt: '2026-03-14T24:00:00Z' })))[0]).toContain(
      zone,
    );
    expect(problems(parseAssessment(body({ discoveredAt: '3026-03-14T10:00:00Z' })))).toEqual([
      'discoveredAt: is in the year 3026: check the year',
    ]);
    expect(problems(parseAssessment(body({ discoveredAt: '' })))).toEqual([
      'discoveredAt: is required: when the breach was discovered',
    ]);
  });

  it('refuses a discovery in the future when told the time', () => {
    const result = parseAssessment(body({ discoveredAt: '2026-03-15T00:00:00Z' }), {
      now: '2026-03-14T23:59:59Z',
    });
    expect(problems(result)).toEqual(['discoveredAt: is in the future']);
  });

  it('refuses state text it cannot read, and a state listed twice', () => {
    expect(problems(parseAssessment(body({ usByState: 'NY ten' })))).toEqual([
      'usByState.NY: must be a whole number of people, not "ten"',
    ]);
    expect(problems(parseAssessment(body({ usByState: 'New York 10' })))).toEqual([
      'usByState: "New York 10" is not "<state code> <count>", e.g. "CA 120, NY 8"',
    ]);
    expect(problems(parseAssessment(body({ usByState: { ny: 5, NY: 5 } })))).toEqual([
      'usByState.NY: is listed twice ("ny" and "NY")',
    ]);
    expect(problems(parseAssessment(body({ usByState: [10] })))).toEqual([
      'usByState: must map state codes to counts, e.g. {"CA": 120, "NY": 8}',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(problems(parseAssessment('breach'))).toEqual(['assessment: must be an object']);
    expect(problems(parseAssessment(null))).toEqual(['assessment: must be an object']);
  });
});

describe('parseAssessment: rules across fields', () => {
  it('the states cannot add up to more than the US total', () => {
    expect(
      problems(parseAssessment(body({ usIndividuals: 11, usByState: { NY: 10, VT: 2 } }))),
    ).toEqual(['usByState: the states add up to 12, more than usIndividuals (11)']);
  });

  it('Ontario residents are Canadians: ontarioIndividuals cannot exceed canadaIndividuals', () => {
    expect(problems(parseAssessment(body({ ontarioIndividuals: 46 })))).toEqual([
      'ontarioIndividuals: 46 is more than canadaIndividuals (45); count Ontario residents in canadaIndividuals as well',
    ]);
  });

  it('s.6.3 circumstances need PHI', () => {
    expect(problems(parseAssessment(body({ phiInvolved: false })))).toEqual([
      'phipaCircumstances: O. Reg. 329/04 s.6.3 concerns personal health information, but phiInvolved is false',
    ]);
  });

  it('a low probability of compromise must be documented in the notes', () => {
    const result = parseAssessment(body({ hipaaLowProbability: true, notes: '  ' }));
    expect(problems(result)).toHaveLength(1);
    expect(problems(result)[0]).toMatch(/^notes: record the four-factor assessment/);
    // Not needed where HIPAA cannot apply.
    expect(
      parseAssessment(
        body({ hipaaLowProbability: true, notes: '', usIndividuals: 0, usByState: {} }),
      ).ok,
    ).toBe(true);
  });

  it('US individuals without a state who could push one over 500 must be given states', () => {
    const spread = problems(parseAssessment(body({ usIndividuals: 700, usByState: { CA: 450 } })));
    expect(spread).toEqual([
      'usByState: 250 of the 700 US individuals have no state; give their states (by last known address) so the media notice of 164.406 (more than 500 residents of one state) can be decided',
    ]);
    expect(problems(parseAssessment(body({ usIndividuals: 501, usByState: {} })))[0]).toContain(
      '501 of the 501 US individuals have no state',
    );
    // When HIPAA does not apply, media notices cannot either.
    expect(
      parseAssessment(body({ usIndividuals: 700, usByState: {}, hipaaLowProbability: true })).ok,
    ).toBe(true);
  });
});

describe('US states and territories', () => {
  it('are the 50 states, DC and the five inhabited territories of HIPAA', () => {
    expect(US_STATE_CODES).toHaveLength(56);
    for (const code of ['DC', 'PR', 'GU', 'VI', 'AS', 'MP', 'CA', 'WY'])
      expect(US_STATE_CODES).toContain(code);
    for (const code of ['ON', 'FM', 'MH', 'PW', 'AA', 'AE', 'AP', 'UM', 'ZZ'])
      expect(usStateCode(code)).toBeNull();
    expect(usStateCode(' ny ')).toBe('NY');
    expect(usStateCode('toString')).toBeNull();
  });
});
