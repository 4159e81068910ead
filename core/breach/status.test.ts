import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { blankAssessment, type BreachAssessment } from './assessment.js';
import { obligations, type Obligation } from './obligations.js';
import {
  obligationStatus,
  reminders,
  trackObligations,
  type BreachNotification,
  type ObligationStatus,
} from './status.js';

const HOUR = 3_600_000;
const DISCOVERED = '2026-03-14T13:30:00.000Z';
const T0 = Date.parse(DISCOVERED);
const at = (hours: number): string => new Date(T0 + hours * HOUR).toISOString();

function assess(overrides: Partial<BreachAssessment> = {}): BreachAssessment {
  return { ...blankAssessment(DISCOVERED), ...overrides };
}

function one(list: Obligation[], id: string): Obligation {
  const found = list.find((o) => o.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

const notice = (
  party: BreachNotification['party'],
  when: string,
  state?: string,
): BreachNotification =>
  ({
    party,
    at: when,
    method: 'email',
    by: 'owner-1',
    ...(state ? { state } : {}),
  }) as BreachNotification;

const ontario = obligations(assess({ ontarioIndividuals: 5, canadaIndividuals: 5 }));
const phipaIndividuals = one(ontario, 'phipa-individuals'); // due at +72 h

describe('reminders', () => {
  it('a 72 h target: at half time, a day before, at the deadline, then 1 h, 1 day and 3 days late', () => {
    const schedule = reminders([phipaIndividuals]);
    expect(schedule.map((r) => [r.at, r.kind, r.label])).toEqual([
      [at(36), 'reminder', '50% of the time to the deadline has passed'],
      [at(48), 'reminder', '24 h before the deadline'],
      [at(72), 'due', 'deadline'],
      [at(73), 'escalation', '1 h past the deadline'],
      [at(96), 'escalation', '24 h past the deadline'],
      [at(144), 'escalation', '72 h past the deadline'],
    ]);
    expect(
      schedule.every((r) => r.obligationId === 'phipa-individuals' && r.party === 'individuals'),
    ).toBe(true);
  });

  it('a 60-day HIPAA deadline: 30 days in, 59 days in, on day 60', () => {
    const [individuals] = obligations(assess({ usIndividuals: 3, usByState: { NY: 3 } }));
    const times = reminders([individuals as Obligation]).map((r) => r.at);
    expect(times.slice(0, 3)).toEqual([at(30 * 24), at(59 * 24), at(60 * 24)]);
  });

  it('drops a lead reminder that would fall before discovery, and merges reminders at the same time', () => {
    const short = obligations(assess({ ontarioIndividuals: 1, canadaIndividuals: 1 }), {
      firstReasonableOpportunityHours: 12,
    });
    expect(
      reminders([one(short, 'phipa-individuals')], { escalationHours: [] }).map((r) => r.at),
    ).toEqual([at(6), at(12)]);
    const fortyEight = obligations(assess({ ontarioIndividuals: 1, canadaIndividuals: 1 }), {
      firstReasonableOpportunityHours: 48,
    });
    // Half of 48 h and 24 h before coincide: one reminder, not two.
    expect(
      reminders([one(fortyEight, 'phipa-individuals')], { escalationHours: [] }).map((r) => r.at),
    ).toEqual([at(24), at(48)]);
  });

  it('follows custom fractions, lead times and escalations', () => {
    const schedule = reminders([phipaIndividuals], {
      reminderFractions: [0.25, 0.75],
      reminderLeadHours: [2],
      escalationHours: [12],
    });
    expect(schedule.map((r) => [r.at, r.kind])).toEqual([
      [at(18), 'reminder'],
      [at(54), 'reminder'],
      [at(70), 'reminder'],
      [at(72), 'due'],
      [at(84), 'escalation'],
    ]);
  });

  it('gives none for a date the payment brands set, or for keeping a record', () => {
    const list = obligations(
      assess({ phiInvolved: false, cardholderData: true, pipedaRealRisk: true }),
    );
    const ids = new Set(reminders(list).map((r) => r.obligationId));
    expect(ids.has('pci-acquirer')).toBe(false);
    expect(ids.has('pipeda-record')).toBe(false);
    expect(ids.has('pipeda-opc')).toBe(true);
  });

  it('interleaves several obligations in time order', () => {
    const list = obligations(
      assess({
        usIndividuals: 3,
        usByState: { NY: 3 },
        ontarioIndividuals: 2,
        canadaIndividuals: 2,
      }),
    );
    const schedule = reminders(list);
    const times = schedule.map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(schedule[0]?.obligationId).toBe('phipa-individuals');
  });
});

describe('obligationStatus', () => {
  it('moves from pending to due soon at the first reminder, and to overdue just after the deadline', () => {
    const status = (when: string): ObligationStatus => obligationStatus(phipaIndividuals, [], when);
    expect(status(DISCOVERED)).toBe('pending');
    expect(status(new Date(T0 + 36 * HOUR - 1).toISOString())).toBe('pending');
    expect(status(at(36))).toBe('due_soon');
    expect(status(at(72))).toBe('due_soon');
    expect(status(new Date(T0 + 72 * HOUR + 1).toISOString())).toBe('overdue');
  });

  it('is done once a notice to the same party is logged, even after the deadline', () => {
    expect(obligationStatus(phipaIndividuals, [notice('individuals', at(100))], at(200))).toBe(
      'done',
    );
    expect(obligationStatus(phipaIndividuals, [notice('ipc', at(10))], at(200))).toBe('overdue');
  });

  it('a media notice counts only for the state it names', () => {
    const list = obligations(assess({ usIndividuals: 1_200, usByState: { CA: 600, TX: 600 } }));
    const ca = one(list, 'hipaa-media-CA');
    const tx = one(list, 'hipaa-media-TX');
    const log = [notice('media', at(10), 'CA')];
    expect(obligationStatus(ca, log, at(20))).toBe('done');
    expect(obligationStatus(tx, log, at(20))).toBe('pending');
    expect(obligationStatus(tx, [notice('media', at(10))], at(20))).toBe('pending');
  });

  it('the annual statistics are done only by an IPC report made after the year of discovery', () => {
    const annual = one(ontario, 'phipa-annual');
    const sameYear = [notice('ipc', '2026-03-15T10:00:00Z')];
    expect(obligationStatus(annual, sameYear, '2026-12-31T12:00:00Z')).toBe('due_soon');
    expect(obligationStatus(annual, sameYear, '2027-03-02T00:00:00Z')).toBe('overdue');
    const report = [...sameYear, notice('ipc', '2027-02-10T15:00:00Z')];
    expect(obligationStatus(annual, report, '2027-02-10T16:00:00Z')).toBe('done');
  });

  it('a 24-month record is done when the 24 months have passed, and never overdue', () => {
    const record = one(
      obligations(assess({ phiInvolved: false, pipedaRealRisk: true })),
      'pipeda-record',
    );
    expect(obligationStatus(record, [], '2027-03-14T13:30:00Z')).toBe('pending');
    expect(obligationStatus(record, [notice('opc', at(1))], '2027-03-14T13:30:00Z')).toBe(
      'pending',
    );
    expect(obligationStatus(record, [], '2028-03-14T13:30:00Z')).toBe('done');
  });

  it('an obligation dated per brand rules stays pending until the acquirer is told', () => {
    const [pci] = obligations(assess({ phiInvolved: false, cardholderData: true }));
    expect(obligationStatus(pci as Obligation, [], '2030-01-01T00:00:00Z')).toBe('pending');
    expect(obligationStatus(pci as Obligation, [notice('acquirer', at(5))], at(6))).toBe('done');
  });

  it('uses the practice reminder settings for "due soon"', () => {
    expect(obligationStatus(phipaIndividuals, [], at(20), { reminderFractions: [0.25] })).toBe(
      'due_soon',
    );
    expect(obligationStatus(phipaIndividuals, [], at(20))).toBe('pending');
  });
});

describe('trackObligations', () => {
  it('gives status, the earliest notice that completed each, and whether it came late', () => {
    const list = obligations(
      assess({
        usIndividuals: 3,
        usByState: { NY: 3 },
        ontarioIndividuals: 2,
        canadaIndividuals: 2,
      }),
    );
    const log = [notice('individuals', at(80)), notice('individuals', at(90))];
    const tracked = trackObligations(list, log, at(100));
    const row = (id: string) => tracked.find((t) => t.id === id);
    expect(row('phipa-individuals')).toMatchObject({
      status: 'done',
      notifiedAt: at(80),
      late: true,
    });
    expect(row('hipaa-individuals')).toMatchObject({
      status: 'done',
      notifiedAt: at(80),
      late: false,
    });
    expect(row('hipaa-hhs')).toMatchObject({ status: 'pending', notifiedAt: null, late: false });
  });
});

describe('status and reminders (properties)', () => {
  const assessment = fc
    .record({
      us: fc.integer({ min: 0, max: 1_200 }),
      ontario: fc.integer({ min: 0, max: 50 }),
      stolen: fc.boolean(),
      pipeda: fc.boolean(),
      card: fc.boolean(),
      at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
    })
    .map(({ us, ontario, stolen, pipeda, card, at: t }): BreachAssessment =>
      assess({
        discoveredAt: new Date(t).toISOString(),
        usIndividuals: us,
        usByState: { CA: us },
        ontarioIndividuals: ontario,
        canadaIndividuals: ontario,
        phipaCircumstances: stolen ? ['stolen'] : [],
        pipedaRealRisk: pipeda,
        cardholderData: card,
      }),
    );
  const settings = fc.record({
    firstReasonableOpportunityHours: fc.integer({ min: 1, max: 720 }),
    reminderFractions: fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { maxLength: 3 }),
    reminderLeadHours: fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 3 }),
    escalationHours: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 3 }),
  });
  const RANK: Record<ObligationStatus, number> = { pending: 0, due_soon: 1, overdue: 2, done: 3 };

  it('without notices, status only ever moves forward: pending → due soon → overdue', () => {
    fc.assert(
      fc.property(
        assessment,
        settings,
        fc.array(fc.integer({ min: 0, max: 800 * 24 }), { minLength: 2 }),
        (a, s, hours) => {
          const t0 = Date.parse(a.discoveredAt);
          const times = [...hours]
            .sort((x, y) => x - y)
            .map((h) => new Date(t0 + h * HOUR).toISOString());
          for (const o of obligations(a, s)) {
            const ranks = times.map((t) => RANK[obligationStatus(o, [], t, s)]);
            expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reminders come after discovery and before the deadline, escalations after it, in time order', () => {
    fc.assert(
      fc.property(assessment, settings, (a, s) => {
        const list = obligations(a, s);
        const schedule = reminders(list, s);
        expect(reminders(list, s)).toEqual(schedule);
        const times = schedule.map((r) => Date.parse(r.at));
        expect(times).toEqual([...times].sort((x, y) => x - y));
        for (const r of schedule) {
          const o = one(list, r.obligationId);
          const due = Date.parse(o.dueAt as string);
          const t = Date.parse(r.at);
          if (r.kind === 'reminder') {
            expect(t).toBeGreaterThan(Date.parse(o.since));
            expect(t).toBeLessThan(due);
          } else if (r.kind === 'due') expect(t).toBe(due);
          else expect(t).toBeGreaterThan(due);
        }
        for (const o of list) {
          const own = schedule.filter((r) => r.obligationId === o.id);
          const dated = o.dueAt !== null && o.doneWhen !== 'retention_ended';
          expect(own.filter((r) => r.kind === 'due').length).toBe(dated ? 1 : 0);
          expect(new Set(own.map((r) => r.at)).size).toBe(own.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is due soon exactly from the first reminder of an obligation', () => {
    fc.assert(
      fc.property(
        assessment,
        settings,
        fc.integer({ min: 0, max: 800 * 24 * 60 }),
        (a, s, minutes) => {
          const list = obligations(a, s);
          const now = new Date(Date.parse(a.discoveredAt) + minutes * 60_000).toISOString();
          for (const o of list) {
            if (o.dueAt === null || o.doneWhen === 'retention_ended') continue;
            const first = reminders([o], s)[0];
            const status = obligationStatus(o, [], now, s);
            const t = Date.parse(now);
            const due = Date.parse(o.dueAt);
            const expected =
              t > due ? 'overdue' : first && t >= Date.parse(first.at) ? 'due_soon' : 'pending';
            expect(status).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
