import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseAssessment, type BreachAssessment } from './assessment.js';
import { PHIPA_CIRCUMSTANCES } from './fields.js';
import { obligations, type Obligation } from './obligations.js';
import { reminders } from './status.js';
import { US_STATE_CODES, type UsState } from './states.js';

const DAY = 86_400_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Discovery instants, biased toward the edges of years and leap days. */
const discovery = fc.oneof(
  fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31, 23, 59, 59, 999) }),
  fc
    .tuple(fc.integer({ min: 2001, max: 2099 }), fc.integer({ min: -DAY, max: DAY }))
    .map(([year, offset]) => Date.UTC(year, 0, 1) + offset),
  fc
    .tuple(fc.constantFrom(2024, 2027, 2028, 2096, 2099), fc.integer({ min: 0, max: DAY - 1 }))
    .map(([year, ms]) => Date.UTC(year, 1, 28) + (isLeap(year) ? DAY : 0) + ms),
);

/** Counts that often sit on the 500 threshold. */
const people = fc.oneof(fc.integer({ min: 0, max: 1_500 }), fc.constantFrom(0, 1, 499, 500, 501));

const stateCounts = fc.uniqueArray(fc.tuple(fc.constantFrom(...US_STATE_CODES), people), {
  selector: ([code]) => code,
  maxLength: 6,
});

/** Assessments as `parseAssessment` would accept them (consistent across fields). */
const assessment: fc.Arbitrary<BreachAssessment> = fc
  .record({
    at: discovery,
    phi: fc.boolean(),
    states: stateCounts,
    ontario: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 })),
    otherCanadians: fc.integer({ min: 0, max: 200 }),
    low: fc.boolean(),
    circumstances: fc.subarray([...PHIPA_CIRCUMSTANCES]),
    pipeda: fc.boolean(),
    card: fc.boolean(),
  })
  .map(({ at, phi, states, ontario, otherCanadians, low, circumstances, pipeda, card }) => {
    const usByState = Object.fromEntries(
      [...states].sort(([a], [b]) => a.localeCompare(b)),
    ) as Partial<Record<UsState, number>>;
    return {
      discoveredAt: new Date(at).toISOString(),
      phiInvolved: phi,
      usIndividuals: states.reduce((sum, [, n]) => sum + n, 0),
      usByState,
      ontarioIndividuals: ontario,
      canadaIndividuals: ontario + otherCanadians,
      hipaaLowProbability: low,
      phipaCircumstances: phi ? circumstances : [],
      pipedaRealRisk: pipeda,
      cardholderData: card,
      notes: 'Four-factor assessment on file.',
    };
  });

const hipaaBreach = (a: BreachAssessment): boolean =>
  a.phiInvolved && a.usIndividuals > 0 && !a.hipaaLowProbability;

const ms = (iso: string): number => Date.parse(iso);

function only(list: Obligation[], id: string): Obligation | undefined {
  const found = list.filter((o) => o.id === id);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

const RUNS = { numRuns: 500 };

describe('obligations (properties)', () => {
  it('never falls due before discovery, and starts every clock at discovery', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        for (const o of obligations(a)) {
          expect(o.since).toBe(a.discoveredAt);
          if (o.dueAt !== null) expect(ms(o.dueAt)).toBeGreaterThanOrEqual(ms(a.discoveredAt));
        }
      }),
      RUNS,
    );
  });

  it('gives each US individual exactly 60 UTC days after discovery, iff HIPAA applies', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const individuals = only(obligations(a), 'hipaa-individuals');
        expect(individuals !== undefined).toBe(hipaaBreach(a));
        if (individuals) {
          expect(ms(individuals.dueAt as string) - ms(a.discoveredAt)).toBe(60 * DAY);
          expect((individuals.dueAt as string).slice(11)).toBe(a.discoveredAt.slice(11));
        }
      }),
      RUNS,
    );
  });

  it('tells the media of exactly the states with more than 500 residents affected', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const media = obligations(a).filter((o) => o.party === 'media');
        const over = Object.entries(a.usByState)
          .filter(([, n]) => (n as number) > 500)
          .map(([code]) => code)
          .sort();
        expect(media.map((o) => o.state)).toEqual(hipaaBreach(a) ? over : []);
        for (const o of media)
          expect(o.dueAt).toBe(only(obligations(a), 'hipaa-individuals')?.dueAt);
      }),
      RUNS,
    );
  });

  it('tells HHS with the individual notices iff 500 or more, else through the annual log', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const list = obligations(a);
        const hhs = list.filter((o) => o.party === 'hhs');
        expect(hhs.length).toBe(hipaaBreach(a) ? 1 : 0);
        const [notice] = hhs;
        if (!notice) return;
        const immediate = notice.dueAt === only(list, 'hipaa-individuals')?.dueAt;
        expect(notice.rule.endsWith('(b)')).toBe(a.usIndividuals >= 500);
        if (a.usIndividuals >= 500) expect(immediate).toBe(true);
      }),
      RUNS,
    );
  });

  it('dates the HHS log at the end of 1 March (29 Feb in a leap year) after the year of discovery', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const log = obligations(a).find((o) => o.rule === 'HIPAA 45 CFR 164.408(c)');
        if (!log) return;
        const due = new Date(log.dueAt as string);
        const next = new Date(a.discoveredAt).getUTCFullYear() + 1;
        expect(due.getUTCFullYear()).toBe(next);
        expect([1, 2]).toContain(due.getUTCMonth()); // February or March
        expect(log.dueAt).toBe(
          isLeap(next) ? `${next}-02-29T23:59:59.999Z` : `${next}-03-01T23:59:59.999Z`,
        );
        expect(due.getTime()).toBeGreaterThan(ms(a.discoveredAt));
        // Never earlier than the individual notices would have been.
        expect(due.getTime()).toBeGreaterThanOrEqual(ms(a.discoveredAt) + 60 * DAY);
      }),
      RUNS,
    );
  });

  it('never drops an obligation nor postpones a deadline when more people are affected', () => {
    const more = fc.record({
      state: fc.constantFrom(...US_STATE_CODES),
      us: fc.integer({ min: 0, max: 800 }),
      ontario: fc.integer({ min: 0, max: 800 }),
      canadians: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(assessment, more, (a, add) => {
        const bigger: BreachAssessment = {
          ...a,
          usIndividuals: a.usIndividuals + add.us,
          usByState: { ...a.usByState, [add.state]: (a.usByState[add.state] ?? 0) + add.us },
          ontarioIndividuals: a.ontarioIndividuals + add.ontario,
          canadaIndividuals: a.canadaIndividuals + add.ontario + add.canadians,
        };
        const after = obligations(bigger);
        for (const o of obligations(a)) {
          const same = after.find((x) => x.id === o.id);
          expect(same).toBeDefined();
          expect(same?.party).toBe(o.party);
          expect(same?.state).toBe(o.state);
          if (o.dueAt !== null) expect(ms(same?.dueAt as string)).toBeLessThanOrEqual(ms(o.dueAt));
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: the same facts, in any order, give the same obligations', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const shuffled: BreachAssessment = {
          ...structuredClone(a),
          usByState: Object.fromEntries(Object.entries(a.usByState).reverse()),
          phipaCircumstances: [...a.phipaCircumstances].reverse(),
        };
        expect(obligations(shuffled)).toEqual(obligations(a));
        expect(JSON.stringify(obligations(shuffled))).toBe(JSON.stringify(obligations(a)));
      }),
      RUNS,
    );
  });

  it('writes every time as ISO-8601 UTC with milliseconds, and gives each obligation its own id', () => {
    fc.assert(
      fc.property(assessment, fc.integer({ min: 1, max: 720 }), (a, hours) => {
        const list = obligations(a, {
          firstReasonableOpportunityHours: hours,
          pciTargetHours: hours,
        });
        const times = [
          ...list.flatMap((o) => [o.since, o.dueAt]),
          ...reminders(list).map((r) => r.at),
        ].filter((t): t is string => t !== null);
        for (const t of times) {
          expect(t).toMatch(ISO_UTC);
          expect(new Date(t).toISOString()).toBe(t);
        }
        expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
      }),
      RUNS,
    );
  });

  it('is empty exactly when no rule of the table is triggered', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const triggered =
          hipaaBreach(a) ||
          (a.phiInvolved && (a.ontarioIndividuals > 0 || a.phipaCircumstances.length > 0)) ||
          a.pipedaRealRisk ||
          a.cardholderData;
        expect(obligations(a).length > 0).toBe(triggered);
      }),
      RUNS,
    );
  });
});

describe('parseAssessment (properties)', () => {
  /** What a card's inputs submit: every value as text. */
  function cardText(a: BreachAssessment): Record<string, string> {
    return {
      discoveredAt: a.discoveredAt.replace('.000Z', 'Z'),
      phiInvolved: String(a.phiInvolved),
      usIndividuals: String(a.usIndividuals),
      usByState: Object.entries(a.usByState)
        .map(([code, n]) => `${code.toLowerCase()} ${n}`)
        .join(', '),
      ontarioIndividuals: String(a.ontarioIndividuals),
      canadaIndividuals: String(a.canadaIndividuals),
      hipaaLowProbability: String(a.hipaaLowProbability),
      phipaCircumstances: [...a.phipaCircumstances].reverse().join(','),
      pipedaRealRisk: String(a.pipedaRealRisk),
      cardholderData: String(a.cardholderData),
      notes: ` ${a.notes} `,
    };
  }

  it('gives the same assessment from card text as from JSON', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        expect(parseAssessment(a)).toEqual({ ok: true, assessment: a });
        expect(parseAssessment(cardText(a))).toEqual({ ok: true, assessment: a });
      }),
      RUNS,
    );
  });

  it('names a field for every problem, and never throws, whatever it is given', () => {
    const anything = fc.dictionary(
      fc.constantFrom('discoveredAt', 'usIndividuals', 'usByState', 'phiInvolved', 'notes', 'x'),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.oneof(anything, fc.anything()), (input) => {
        const result = parseAssessment(input);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.field).toMatch(/^[A-Za-z][\w.[\]$" -]*/);
          expect(p.message.length).toBeGreaterThan(5);
        }
      }),
      RUNS,
    );
  });
});
