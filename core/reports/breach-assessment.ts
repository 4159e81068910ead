import {
  type BreachAssessment,
  type BreachRecord,
  isHipaaBreach,
  MEDIA_THRESHOLD,
  PHIPA_CIRCUMSTANCE_TEXT,
  PHIPA_CIRCUMSTANCES,
  statesTotal,
  US_STATES,
  type UsState,
} from '../breach/index.js';
import { when } from './format.js';
import { blocks, escapeText, facts, quote, table, yesNo } from './markdown.js';

/** The 164.402(2) factors the low-probability assessment must weigh, as the rule lists them. */
const FOUR_FACTORS = [
  'the nature and extent of the PHI involved, including the types of identifiers and the likelihood of re-identification',
  'the unauthorized person who used the PHI or to whom it was disclosed',
  'whether the PHI was actually acquired or viewed',
  'the extent to which the risk to the PHI has been mitigated',
];

function hipaaResult(a: BreachAssessment): string {
  if (!a.phiInvolved) return 'Not a HIPAA breach: no PHI involved.';
  if (a.usIndividuals === 0) return 'Not a HIPAA breach: no US individuals affected.';
  if (isHipaaBreach(a)) {
    return 'Presumed breach of unsecured PHI (164.402): no documented low probability of compromise.';
  }
  return 'Not a breach: the documented four-factor assessment shows a low probability that the PHI has been compromised (164.402(2)); the reasoning must be in the notes.';
}

function hipaaSection(a: BreachAssessment): string {
  return blocks(
    '### HIPAA (United States)',
    facts([
      ['PHI involved', yesNo(a.phiInvolved)],
      ['US individuals', String(a.usIndividuals)],
      ['Low probability of compromise documented', yesNo(a.hipaaLowProbability)],
      ['Result', hipaaResult(a)],
    ]),
    `Four factors (45 CFR 164.402(2)): ${FOUR_FACTORS.map((f, i) => `(${i + 1}) ${f}`).join('; ')}.`,
    'Exceptions (45 CFR 164.402(1)): unintentional good-faith access by a workforce member; inadvertent disclosure between people authorized at the practice; a recipient who could not reasonably have retained the PHI. The assessment has no separate field for them: any reliance on an exception must be explained in the assessment notes.',
  ).trimEnd();
}

function phipaSection(a: BreachAssessment): string {
  const rows = PHIPA_CIRCUMSTANCES.map((c) => [
    `\`${c}\``,
    PHIPA_CIRCUMSTANCE_TEXT[c],
    yesNo(a.phipaCircumstances.includes(c)),
  ]);
  return blocks(
    '### PHIPA (Ontario)',
    facts([
      ['Ontario individuals', String(a.ontarioIndividuals)],
      [
        'Notice to individuals (s.12(2))',
        a.phiInvolved && a.ontarioIndividuals > 0 ? 'required' : 'not required',
      ],
      [
        'Report to the IPC (s.12(3))',
        a.phiInvolved && a.phipaCircumstances.length > 0 ? 'required' : 'not required',
      ],
    ]),
    'O. Reg. 329/04 s.6.3(1) circumstances:',
    table(['Circumstance', 'Meaning', 'Applies'], rows),
  ).trimEnd();
}

function countsSection(a: BreachAssessment): string {
  const rows: string[][] = [['United States (total)', String(a.usIndividuals)]];
  for (const [code, n] of Object.entries(a.usByState)) {
    const note = (n ?? 0) > MEDIA_THRESHOLD ? ' (more than 500: media notice)' : '';
    rows.push([`US: ${US_STATES[code as UsState]} (${code})`, `${n ?? 0}${note}`]);
  }
  const unattributed = a.usIndividuals - statesTotal(a);
  if (unattributed > 0) rows.push(['US: state not recorded', String(unattributed)]);
  rows.push(['Canada (total)', String(a.canadaIndividuals)]);
  rows.push(['Canada: Ontario', String(a.ontarioIndividuals)]);
  return blocks('### Individuals by jurisdiction', table(['Jurisdiction', 'Individuals'], rows));
}

/** The assessment in force, law by law, with its counts and notes. */
export function assessmentSection(breach: BreachRecord): string {
  const saved = breach.assessments.at(-1);
  if (!saved) return blocks('## Current assessment', 'Not assessed yet.').trimEnd();
  const a = saved.assessment;
  return blocks(
    '## Current assessment',
    `Saved ${when(saved.at)} by ${escapeText(saved.by.name)}. Discovered ${when(a.discoveredAt)}.`,
    hipaaSection(a),
    phipaSection(a),
    '### PIPEDA (Canada)',
    facts([
      ['Canadian individuals (Ontario included)', String(a.canadaIndividuals)],
      ['Real risk of significant harm (s.10.1)', yesNo(a.pipedaRealRisk)],
    ]),
    '### PCI DSS',
    facts([['Cardholder data involved', yesNo(a.cardholderData)]]),
    countsSection(a).trimEnd(),
    '### Assessment notes',
    a.notes === '' ? 'No notes.' : quote(a.notes),
  ).trimEnd();
}

/** Every saved assessment, oldest first: who saved it, when, and its main answers. */
export function historySection(breach: BreachRecord): string {
  if (breach.assessments.length === 0) return '## Assessment history\n\nNo assessment saved yet.';
  const rows = breach.assessments.map((saved, index) => {
    const a = saved.assessment;
    return [
      String(index + 1),
      when(saved.at),
      escapeText(saved.by.name),
      when(a.discoveredAt),
      `US ${a.usIndividuals}, Ontario ${a.ontarioIndividuals}, Canada ${a.canadaIndividuals}`,
      [
        a.phiInvolved ? 'PHI' : 'no PHI',
        a.hipaaLowProbability ? 'HIPAA low probability' : null,
        a.phipaCircumstances.length > 0
          ? escapeText(`s.6.3: ${a.phipaCircumstances.join(', ')}`)
          : null,
        a.pipedaRealRisk ? 'PIPEDA real risk' : null,
        a.cardholderData ? 'cardholder data' : null,
      ]
        .filter((x): x is string => x !== null)
        .join('; '),
    ];
  });
  const header = ['#', 'Saved at (UTC)', 'By', 'Discovered', 'Individuals', 'Findings'];
  return blocks(
    '## Assessment history',
    'Each save is kept; the last one is in force.',
    table(header, rows),
  ).trimEnd();
}
