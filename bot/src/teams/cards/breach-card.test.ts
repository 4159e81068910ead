import { describe, expect, it } from '@jest/globals';
import {
  blankAssessment,
  type BreachAssessment,
  breachObligations,
  openBreach,
  parseAssessment,
  parseNotification,
  US_STATE_CODES,
  withAssessment,
  withNotification,
} from '../../../../core/breach/index.js';
import { MAX_CARD_BYTES } from './adaptive-card.js';
import { breachCard, type BreachCardInput } from './breach-card.js';
import { bodyInputs, dana, executes, shown, SPEC_VERBS, submitted, texts } from './test-support.js';

const discovered = '2026-03-14T13:30:00.000Z';
const now = '2026-03-18T16:30:00.000Z';

/** Every field of SPEC §3's `breach.assess` data. */
const ASSESS_FIELDS = [
  'discoveredAt',
  'phiInvolved',
  'usIndividuals',
  'usByState',
  'ontarioIndividuals',
  'canadaIndividuals',
  'hipaaLowProbability',
  'phipaCircumstances',
  'pipedaRealRisk',
  'cardholderData',
  'notes',
];

function assessed(changes: Partial<BreachAssessment>): BreachAssessment {
  const parsed = parseAssessment({ ...blankAssessment(discovered), ...changes });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.assessment;
}

/** The card for a breach assessed as `assessment`, with `notices` logged (as core records them). */
function cardFor(
  assessment: BreachAssessment | null,
  notices: { party: string; at: string; state?: string }[] = [],
  extra: Partial<BreachCardInput> = {},
) {
  let record = openBreach(dana, discovered);
  if (assessment) record = withAssessment(record, assessment, dana, discovered);
  for (const notice of notices) {
    const parsed = parseNotification(notice, { now });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    record = withNotification(record, { ...parsed.notification, by: 'Dana Owner' });
  }
  return breachCard({
    incidentNumber: 7,
    assessment,
    discoveredDefault: discovered,
    obligations: breachObligations(record, now),
    decision: null,
    now,
    ...extra,
  });
}

describe('breach card', () => {
  it('is an Adaptive Card 1.5 whose inputs are exactly the breach.assess fields', () => {
    const built = cardFor(null);
    expect(built.version).toBe('1.5');
    // Grouped by regulation on the card, so compared as sets.
    expect(
      bodyInputs(built)
        .map((i) => i.id)
        .sort(),
    ).toEqual([...ASSESS_FIELDS].sort());
    expect(texts(built).join('\n')).toContain('Not assessed yet');
    const discoveredAt = bodyInputs(built).find((i) => i.id === 'discoveredAt');
    expect(discoveredAt).toMatchObject({ type: 'Input.Text', value: discovered });
  });

  it('lists the four HIPAA factors above the low-probability toggle', () => {
    const lines = texts(cardFor(null)).join('\n');
    for (const factor of [
      'nature and extent of the PHI',
      'who used it or received it',
      'actually acquired or viewed',
      'mitigated',
    ])
      expect(lines).toContain(factor);
  });

  it('prefills the assessment so that submitting it unchanged saves the same assessment', () => {
    const assessment = assessed({
      usIndividuals: 160,
      usByState: { CA: 120, NY: 30 },
      ontarioIndividuals: 40,
      canadaIndividuals: 55,
      phipaCircumstances: ['stolen', 'pattern'],
      pipedaRealRisk: true,
      notes: 'Laptop stolen from a car; disk not encrypted.',
    });
    const built = cardFor(assessment);
    expect(bodyInputs(built).find((i) => i.id === 'usByState')).toMatchObject({
      value: 'CA=120, NY=30',
      placeholder: 'CA=120, NY=30',
    });
    const save = executes(built).find((a) => a.title === 'Save assessment');
    expect(save).toMatchObject({ verb: 'breach.assess', data: { incident: 7 } });
    const data = submitted([built], save ?? executes(built)[0]!);
    expect(data.incident).toBe(7);
    const again = parseAssessment(data);
    expect(again).toEqual({ ok: true, assessment });
  });

  it('shows what is owed: an overdue obligation in attention colour, a logged notice done', () => {
    const built = cardFor(
      assessed({ ontarioIndividuals: 12, canadaIndividuals: 12, phipaCircumstances: ['stolen'] }),
      [{ party: 'individuals', at: '2026-03-16T10:00:00-04:00' }],
    );
    const table = built.body.find((e) => e.type === 'Table');
    if (table?.type !== 'Table') throw new Error('no obligations table');
    const rows = table.rows.map((r) => r.cells.map((c) => c.items[0]));
    expect(rows[0]?.map((i) => i?.type === 'TextBlock' && i.text)).toEqual([
      'Rule',
      'Party',
      'Due (UTC)',
      'Status',
      'Notified at',
    ]);
    const ipc = rows.find(
      (r) => r[0]?.type === 'TextBlock' && r[0].text.startsWith('PHIPA s.12(3)'),
    );
    expect(ipc?.[2]).toMatchObject({ text: 'Tue 17 Mar 2026 13:30 UTC (1 d 3 h overdue)' });
    expect(ipc?.[3]).toMatchObject({ text: 'overdue', color: 'Attention' });
    const told = rows.find((r) => r[0]?.type === 'TextBlock' && r[0].text === 'PHIPA s.12(2)');
    expect(told?.[3]).toMatchObject({ text: 'done', color: 'Good' });
    expect(told?.[4]).toMatchObject({ text: 'Mon 16 Mar 2026 14:00 UTC' });
    expect(texts(built).join('\n')).toContain('3 obligations: 1 overdue, 1 done.');
  });

  it('logs a notice with party, time, method and state as breach.notified', () => {
    const built = cardFor(assessed({ usIndividuals: 3, usByState: { CA: 3 } }));
    const form = shown(built, 'Log a notice');
    expect(bodyInputs(form).map((i) => i.id)).toEqual(['party', 'at', 'method', 'state']);
    const party = bodyInputs(form).find((i) => i.id === 'party');
    expect(party?.type === 'Input.ChoiceSet' && party.choices.map((c) => c.value)).toEqual([
      'individuals',
      'hhs',
      'media',
      'ipc',
      'opc',
      'acquirer',
      'other',
    ]);
    const log = form.actions?.[0];
    expect(log).toMatchObject({ verb: 'breach.notified', data: { incident: 7 } });
    if (log?.type !== 'Action.Execute') throw new Error('no log button');
    const data = submitted([built, form], log, { party: 'hhs', method: 'HHS portal' });
    expect(parseNotification(data, { now })).toMatchObject({
      ok: true,
      notification: { party: 'hhs', at: now, method: 'HHS portal', state: null },
    });
  });

  it('shows a signed not-reportable decision, and offers the sign-off while there is none', () => {
    const harmless = assessed({ phiInvolved: false });
    const undecided = cardFor(harmless);
    expect(texts(undecided).join('\n')).toContain('no notice is required');
    const sign = shown(undecided, 'Sign off: not reportable (full access)');
    expect(sign.actions?.[0]).toMatchObject({
      verb: 'breach.assess',
      data: { incident: 7, decision: 'not_reportable' },
    });
    const decided = cardFor(harmless, [], {
      decision: {
        reasoning: 'Encrypted laptop; key not exposed.',
        signedOffBy: { name: 'Dana Owner' },
        signedOffAt: '2026-03-15T12:00:00Z',
      },
    });
    expect(texts(decided)).toContain(
      'Not reportable — decided by Dana Owner on Sun 15 Mar 2026 12:00 UTC.',
    );
    expect(executes(decided).map((a) => a.title)).not.toContain('Sign off');
  });

  it('puts the problems of the last submit at the top, in attention colour', () => {
    const built = cardFor(null, [], { problems: ['usByState.ZZ: "ZZ" is not a US state code'] });
    expect(built.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(texts(built)[1]).toBe('• usByState.ZZ: "ZZ" is not a US state code');
  });

  it('stays under the size limit with media notices owed in every state', () => {
    const byState = Object.fromEntries(US_STATE_CODES.map((code) => [code, 600]));
    const built = cardFor(
      assessed({
        usIndividuals: 600 * US_STATE_CODES.length,
        usByState: byState,
        ontarioIndividuals: 90,
        canadaIndividuals: 100,
        phipaCircumstances: ['stolen', 'significant'],
        pipedaRealRisk: true,
        cardholderData: true,
        notes: 'x'.repeat(10_000),
      }),
    );
    const json = JSON.stringify(built);
    expect(json).toContain('Media (WY)');
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
    for (const action of executes(built)) {
      expect(SPEC_VERBS).toContain(action.verb);
      expect(action.data.incident).toBe(7);
    }
  });
});
