import { NOTES_MAX } from '../../../../core/breach/index.js';
import {
  BREACH_PARTIES,
  type BreachAssessment,
  type BreachParty,
  METHOD_MAX,
  PHIPA_CIRCUMSTANCE_TEXT,
  PHIPA_CIRCUMSTANCES,
  REASONING_MIN,
  type UsState,
} from '../../../../core/breach/index.js';
import { type CardAction, type CardElement, text } from './adaptive-card.js';
import { execute, showCard } from './card-actions.js';

/**
 * How `usByState` is written in the card's text input: `CA=120, NY=30` (code, `=`, count,
 * comma-separated). core/breach's `byState` reads it, and also `CA 120; NY: 30`.
 */
export function usByStateText(byState: Partial<Record<UsState, number>>): string {
  return Object.entries(byState)
    .map(([code, count]) => `${code}=${count}`)
    .join(', ');
}

const toggle = (id: string, title: string, value: boolean): CardElement => ({
  type: 'Input.Toggle',
  id,
  title,
  value: String(value),
  valueOn: 'true',
  valueOff: 'false',
  wrap: true,
});

const count = (id: string, label: string, value: number): CardElement => ({
  type: 'Input.Number',
  id,
  label,
  min: 0,
  value,
});

const heading = (value: string): CardElement =>
  text(value, { weight: 'Bolder', spacing: 'Medium' });

/**
 * The `breach.assess` form. Input ids are SPEC §3's field names, so Teams merges the answers
 * into the verb's `data` as the server reads them. Nothing is marked required here: the server
 * checks every field and the card comes back listing what to fix, which also keeps the notice
 * log below (whose button gathers these inputs too) from being blocked by this form.
 */
export function assessmentInputs(a: BreachAssessment): CardElement[] {
  return [
    heading('Assessment'),
    {
      type: 'Input.Text',
      id: 'discoveredAt',
      label: 'Discovered at (ISO 8601 with its zone; deadlines count from here)',
      placeholder: '2026-03-14T09:30:00-04:00',
      value: a.discoveredAt,
    },
    toggle('phiInvolved', 'Personal health information (PHI) is involved', a.phiInvolved),
    heading('United States (HIPAA)'),
    count('usIndividuals', 'US individuals affected (total)', a.usIndividuals),
    {
      type: 'Input.Text',
      id: 'usByState',
      label: 'US individuals by state of residence, as CODE=count, comma-separated',
      placeholder: 'CA=120, NY=30',
      value: usByStateText(a.usByState),
    },
    text(
      'A breach is presumed unless a documented assessment of four factors shows a low ' +
        'probability that the PHI was compromised: (1) the nature and extent of the PHI; ' +
        '(2) who used it or received it; (3) whether it was actually acquired or viewed; ' +
        '(4) how far the risk has been mitigated. Record the assessment in the notes.',
      { isSubtle: true, size: 'Small' },
    ),
    toggle(
      'hipaaLowProbability',
      'The four-factor assessment shows a low probability of compromise',
      a.hipaaLowProbability,
    ),
    heading('Ontario and Canada (PHIPA, PIPEDA)'),
    count('ontarioIndividuals', 'Ontario residents affected', a.ontarioIndividuals),
    count(
      'canadaIndividuals',
      'Canadian residents affected (Ontario included)',
      a.canadaIndividuals,
    ),
    {
      type: 'Input.ChoiceSet',
      id: 'phipaCircumstances',
      label: 'Which apply? (O. Reg. 329/04 s.6.3: any one means the IPC must be told)',
      isMultiSelect: true,
      style: 'expanded',
      wrap: true,
      choices: PHIPA_CIRCUMSTANCES.map((c) => ({ title: PHIPA_CIRCUMSTANCE_TEXT[c], value: c })),
      value: a.phipaCircumstances.join(','),
    },
    toggle(
      'pipedaRealRisk',
      'Real risk of significant harm to someone (PIPEDA s.10.1)',
      a.pipedaRealRisk,
    ),
    heading('Payment cards (PCI DSS)'),
    toggle('cardholderData', 'Cardholder data is involved', a.cardholderData),
    {
      type: 'Input.Text',
      id: 'notes',
      label: 'Notes: what happened, the four-factor assessment, sources',
      isMultiline: true,
      maxLength: NOTES_MAX,
      value: a.notes,
    },
  ];
}

const NOTICE_PARTY_TEXT: Record<BreachParty, string> = {
  individuals: 'Affected individuals',
  hhs: 'HHS Secretary (HIPAA)',
  media: 'Media in one state (HIPAA 164.406): give the state below',
  ipc: 'Information and Privacy Commissioner of Ontario',
  opc: 'Office of the Privacy Commissioner of Canada',
  acquirer: 'Acquirer and payment brands (PCI DSS)',
  other: 'Another organization that can reduce the harm (PIPEDA s.10.2)',
};

/** The "Log a notice" form: who was told, when and how (`breach.notified`). */
export function noticeAction(incident: number): CardAction {
  const body: CardElement[] = [
    {
      type: 'Input.ChoiceSet',
      id: 'party',
      label: 'Who was told',
      style: 'compact',
      placeholder: 'Choose the recipient',
      choices: BREACH_PARTIES.map((p) => ({ title: NOTICE_PARTY_TEXT[p], value: p })),
      isRequired: true,
      errorMessage: 'Choose who was told.',
    },
    {
      type: 'Input.Text',
      id: 'at',
      label: 'When it was sent (ISO 8601 with its zone; leave empty for now)',
      placeholder: '2026-03-16T10:00:00-04:00',
    },
    {
      type: 'Input.Text',
      id: 'method',
      label: 'How (e.g. first-class mail, email, the regulator’s portal)',
      maxLength: METHOD_MAX,
    },
    { type: 'Input.Text', id: 'state', label: 'State (media notices only)', placeholder: 'CA' },
  ];
  return showCard('Log a notice', body, [execute('Log notice', 'breach.notified', { incident })]);
}

/** The sign-off that a breach needs no notice, sent as `breach.assess` with `decision`. */
export function notReportableAction(incident: number): CardAction {
  return showCard(
    'Sign off: not reportable (full access)',
    [
      text(
        'The practice must be able to show why no notice was needed. The decision is kept ' +
          'with the incident and lapses if the assessment changes.',
        { isSubtle: true },
      ),
      {
        type: 'Input.Text',
        id: 'reasoning',
        label: `Why no notice is required (at least ${REASONING_MIN} characters)`,
        isMultiline: true,
        isRequired: true,
        errorMessage: 'Give the reasoning.',
      },
    ],
    [execute('Sign off', 'breach.assess', { incident, decision: 'not_reportable' })],
  );
}
