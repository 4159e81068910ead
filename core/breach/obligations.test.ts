import { describe, expect, it } from '@jest/globals';
import { blankAssessment, type BreachAssessment } from './assessment.js';
import { obligations, RULES, type Obligation } from './obligations.js';

/** A breach with nobody affected and nothing involved; each test adds what it is about. */
function assess(overrides: Partial<BreachAssessment> = {}): BreachAssessment {
  return { ...blankAssessment('2026-03-14T13:30:00.000Z'), ...overrides };
}

const ids = (list: Obligation[]): string[] => list.map((o) => o.id);
const byId = (list: Obligation[], id: string): Obligation => {
  const found = list.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${ids(list).join(', ')}`);
  return found;
};

describe('obligations: nothing applies', () => {
  it('is empty when no one is affected and nothing is involved', () => {
    expect(obligations(assess())).toEqual([]);
  });

  it('gives US individuals nothing under HIPAA when no PHI is involved', () => {
    const list = obligations(
      assess({ phiInvolved: false, usIndividuals: 900, usByState: { CA: 900 } }),
    );
    expect(list).toEqual([]);
  });

  it('gives nothing under HIPAA when the four-factor assessment shows a low probability', () => {
    const list = obligations(
      assess({
        usIndividuals: 2_000,
        usByState: { CA: 1_500, NY: 500 },
        hipaaLowProbability: true,
        notes: 'Laptop encrypted; recovered unopened.',
      }),
    );
    expect(list).toEqual([]);
  });

  it('gives nothing under HIPAA without US individuals', () => {
    const list = obligations(assess({ ontarioIndividuals: 3, canadaIndividuals: 3 }));
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((o) => o.rule.startsWith('HIPAA'))).toEqual([]);
  });
});

describe('obligations: HIPAA', () => {
  it('499 US individuals: each individual within 60 days, HHS through the annual log, no media', () => {
    const list = obligations(assess({ usIndividuals: 499, usByState: { CA: 499 } }));
    expect(ids(list)).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    expect(byId(list, 'hipaa-individuals')).toMatchObject({
      rule: 'HIPAA 45 CFR 164.404',
      party: 'individuals',
      kind: 'notify',
      since: '2026-03-14T13:30:00.000Z',
      dueAt: '2026-05-13T13:30:00.000Z',
    });
    expect(byId(list, 'hipaa-hhs')).toMatchObject({
      rule: 'HIPAA 45 CFR 164.408(c)',
      party: 'hhs',
      dueAt: '2027-03-01T23:59:59.999Z',
    });
    expect(byId(list, 'hipaa-hhs').basis).toContain('fewer than 500');
    expect(byId(list, 'hipaa-hhs').basis).toContain('by the end of 2027-03-01 (UTC)');
  });

  it('500 US individuals in one state: HHS with the individual notices, but no media (not more than 500)', () => {
    const list = obligations(assess({ usIndividuals: 500, usByState: { CA: 500 } }));
    expect(ids(list)).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    expect(byId(list, 'hipaa-hhs')).toMatchObject({
      rule: 'HIPAA 45 CFR 164.408(b)',
      dueAt: '2026-05-13T13:30:00.000Z',
    });
  });

  it('501 residents of one state: media in that state, named, within 60 days', () => {
    const list = obligations(assess({ usIndividuals: 501, usByState: { CA: 501 } }));
    expect(ids(list)).toEqual(['hipaa-individuals', 'hipaa-media-CA', 'hipaa-hhs']);
    expect(byId(list, 'hipaa-media-CA')).toMatchObject({
      rule: 'HIPAA 45 CFR 164.406',
      party: 'media',
      state: 'CA',
      recipient: 'Prominent media outlets serving California',
      dueAt: '2026-05-13T13:30:00.000Z',
    });
    expect(byId(list, 'hipaa-media-CA').basis).toContain('501 residents of California');
  });

  it('600 spread over states with none above 500: HHS at once, no media', () => {
    const list = obligations(
      assess({ usIndividuals: 600, usByState: { CA: 300, NY: 250, TX: 50 } }),
    );
    expect(ids(list)).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    expect(byId(list, 'hipaa-hhs').rule).toBe(RULES.hipaaHhs);
  });

  it('one media obligation per state above 500, in code order, whatever the input order', () => {
    const list = obligations(
      assess({ usIndividuals: 1_700, usByState: { TX: 600, NY: 99, CA: 501, PR: 500 } }),
    );
    expect(list.filter((o) => o.party === 'media').map((o) => o.state)).toEqual(['CA', 'TX']);
  });

  it('only every party other than media has no state', () => {
    const list = obligations(assess({ usIndividuals: 700, usByState: { FL: 700 } }));
    for (const o of list) expect(o.state === null).toBe(o.party !== 'media');
  });

  it('discovery on 31 Dec 23:59Z: individuals by 1 Mar 23:59, the HHS log by the end of 1 Mar', () => {
    const list = obligations(
      assess({ discoveredAt: '2026-12-31T23:59:00Z', usIndividuals: 10, usByState: { NY: 10 } }),
    );
    expect(byId(list, 'hipaa-individuals').dueAt).toBe('2027-03-01T23:59:00.000Z');
    expect(byId(list, 'hipaa-hhs').dueAt).toBe('2027-03-01T23:59:59.999Z');
  });

  it('one minute later it is the next year: the log moves a year on', () => {
    const list = obligations(
      assess({ discoveredAt: '2027-01-01T00:00:00Z', usIndividuals: 10, usByState: { NY: 10 } }),
    );
    expect(byId(list, 'hipaa-hhs').dueAt).toBe('2028-02-29T23:59:59.999Z');
  });

  it('discovered in 2027, the year before a leap year: the log is due by the end of 29 Feb 2028', () => {
    const list = obligations(
      assess({ discoveredAt: '2027-06-01T08:00:00Z', usIndividuals: 12, usByState: { WA: 12 } }),
    );
    expect(byId(list, 'hipaa-hhs').dueAt).toBe('2028-02-29T23:59:59.999Z');
    expect(byId(list, 'hipaa-hhs').basis).toContain(
      'after the end of 2027, by the end of 2028-02-29',
    );
  });

  it('discovered on 29 Feb 2028 (a leap year): individuals on 29 Apr, the log by the end of 1 Mar 2029', () => {
    const list = obligations(
      assess({ discoveredAt: '2028-02-29T12:00:00Z', usIndividuals: 12, usByState: { WA: 12 } }),
    );
    expect(byId(list, 'hipaa-individuals').dueAt).toBe('2028-04-29T12:00:00.000Z');
    expect(byId(list, 'hipaa-hhs').dueAt).toBe('2029-03-01T23:59:59.999Z');
  });

  it('counts 60 days from the instant of discovery, whatever zone it was given in', () => {
    const list = obligations(
      assess({ discoveredAt: '2026-11-01T01:30:00.000Z', usIndividuals: 3, usByState: { NY: 3 } }),
    );
    expect(byId(list, 'hipaa-individuals').dueAt).toBe('2026-12-31T01:30:00.000Z');
  });
});

describe('obligations: PHIPA', () => {
  const ontario = { ontarioIndividuals: 40, canadaIndividuals: 40 };

  it('Ontario only, no s.6.3 circumstance: each individual at discovery + 72 h and the annual statistics', () => {
    const list = obligations(assess(ontario));
    expect(ids(list)).toEqual(['phipa-individuals', 'phipa-annual']);
    expect(byId(list, 'phipa-individuals')).toMatchObject({
      rule: 'PHIPA s.12(2)',
      party: 'individuals',
      kind: 'notify',
      dueAt: '2026-03-17T13:30:00.000Z',
    });
    expect(byId(list, 'phipa-individuals').basis).toContain('may complain to the IPC');
    expect(byId(list, 'phipa-annual')).toMatchObject({
      rule: 'O. Reg. 329/04 s.6.4',
      party: 'ipc',
      kind: 'record',
      doneWhen: 'reported_after_year_end',
      dueAt: '2027-03-01T23:59:59.999Z',
    });
  });

  it('with s.6.3 circumstances: the IPC too, at the same target, naming them', () => {
    const list = obligations(assess({ ...ontario, phipaCircumstances: ['stolen', 'pattern'] }));
    expect(ids(list)).toEqual(['phipa-individuals', 'phipa-ipc', 'phipa-annual']);
    const ipc = byId(list, 'phipa-ipc');
    expect(ipc).toMatchObject({
      rule: 'PHIPA s.12(3), O. Reg. 329/04 s.6.3',
      party: 'ipc',
      dueAt: '2026-03-17T13:30:00.000Z',
    });
    expect(ipc.basis).toContain('stolen');
    expect(ipc.basis).toContain('pattern of similar losses');
  });

  it('a s.6.3 circumstance notifies the IPC even when no affected person lives in Ontario', () => {
    // PHIPA binds the practice as an Ontario custodian; whoever ticked "stolen" decided so.
    const list = obligations(
      assess({ usIndividuals: 4, usByState: { NY: 4 }, phipaCircumstances: ['stolen'] }),
    );
    expect(ids(list)).toEqual(['hipaa-individuals', 'hipaa-hhs', 'phipa-ipc', 'phipa-annual']);
  });

  it('personal information that is not PHI is outside PHIPA', () => {
    expect(obligations(assess({ ...ontario, phiInvolved: false }))).toEqual([]);
  });

  it('a custom internal target moves every "first reasonable opportunity" and "as soon as feasible" date', () => {
    const list = obligations(
      assess({ ...ontario, phipaCircumstances: ['significant'], pipedaRealRisk: true }),
      { firstReasonableOpportunityHours: 24 },
    );
    for (const id of ['phipa-individuals', 'phipa-ipc', 'pipeda-opc', 'pipeda-individuals']) {
      expect(byId(list, id).dueAt).toBe('2026-03-15T13:30:00.000Z');
      expect(byId(list, id).basis).toContain('24 h after discovery');
    }
    expect(byId(list, 'phipa-annual').dueAt).toBe('2027-03-01T23:59:59.999Z');
  });

  it('the annual statistics of a 2027 breach are due by 1 Mar 2028 (not 29 Feb: the regulation names a date)', () => {
    const list = obligations(assess({ ...ontario, discoveredAt: '2027-12-31T23:59:00Z' }));
    expect(byId(list, 'phipa-annual').dueAt).toBe('2028-03-01T23:59:59.999Z');
  });
});

describe('obligations: PIPEDA and PCI DSS', () => {
  it('real risk of significant harm: OPC, individuals, organizations, and a 24-month record', () => {
    const list = obligations(assess({ phiInvolved: false, pipedaRealRisk: true }));
    expect(list.map((o) => [o.id, o.party, o.kind, o.dueAt])).toEqual([
      ['pipeda-opc', 'opc', 'notify', '2026-03-17T13:30:00.000Z'],
      ['pipeda-individuals', 'individuals', 'notify', '2026-03-17T13:30:00.000Z'],
      ['pipeda-organizations', 'other', 'notify', '2026-03-17T13:30:00.000Z'],
      ['pipeda-record', 'opc', 'record', '2028-03-14T13:30:00.000Z'],
    ]);
    expect(byId(list, 'pipeda-record').doneWhen).toBe('retention_ended');
  });

  it('a record started on 29 Feb is kept until 1 Mar two years on, never a day short', () => {
    const list = obligations(
      assess({ phiInvolved: false, pipedaRealRisk: true, discoveredAt: '2028-02-29T10:00:00Z' }),
    );
    expect(byId(list, 'pipeda-record').dueAt).toBe('2030-03-01T10:00:00.000Z');
  });

  it('cardholder data: the acquirer, dated per brand rules', () => {
    const list = obligations(assess({ phiInvolved: false, cardholderData: true }));
    expect(list).toEqual([
      expect.objectContaining({
        id: 'pci-acquirer',
        rule: 'PCI DSS 4.0 12.10.1',
        party: 'acquirer',
        dueAt: null,
        basis: expect.stringContaining('per brand rules'),
      }),
    ]);
  });

  it('cardholder data with an internal target: dated at discovery + the target', () => {
    const list = obligations(assess({ phiInvolved: false, cardholderData: true }), {
      pciTargetHours: 24,
    });
    expect(byId(list, 'pci-acquirer').dueAt).toBe('2026-03-15T13:30:00.000Z');
  });
});

describe('obligations: everything at once', () => {
  it('lists the table in order', () => {
    const list = obligations(
      assess({
        usIndividuals: 1_200,
        usByState: { NY: 510, CA: 690 },
        ontarioIndividuals: 80,
        canadaIndividuals: 95,
        phipaCircumstances: ['stolen'],
        pipedaRealRisk: true,
        cardholderData: true,
      }),
    );
    expect(ids(list)).toEqual([
      'hipaa-individuals',
      'hipaa-media-CA',
      'hipaa-media-NY',
      'hipaa-hhs',
      'phipa-individuals',
      'phipa-ipc',
      'phipa-annual',
      'pipeda-opc',
      'pipeda-individuals',
      'pipeda-organizations',
      'pipeda-record',
      'pci-acquirer',
    ]);
    expect(new Set(ids(list)).size).toBe(list.length);
  });
});

describe('obligations: bad input from a caller', () => {
  it('refuses invalid settings, naming them', () => {
    expect(() => obligations(assess(), { firstReasonableOpportunityHours: 0 })).toThrow(
      /firstReasonableOpportunityHours/,
    );
    expect(() => obligations(assess(), { pciTargetHours: 1.5 })).toThrow(/pciTargetHours/);
  });

  it('refuses an assessment that was not parsed', () => {
    expect(() => obligations(assess({ discoveredAt: 'yesterday' }))).toThrow(RangeError);
  });
});
