import {
  type BreachAssessment,
  blankAssessment,
  type TrackedObligation,
} from '../../../../core/breach/index.js';
import { card, type AdaptiveCard, type CardElement, text } from './adaptive-card.js';
import { assessmentInputs, noticeAction, notReportableAction } from './breach-form.js';
import {
  byUrgency,
  partyText,
  relativeText,
  STATUS_COLOR,
  STATUS_TEXT,
  utcText,
} from './breach-text.js';
import { execute } from './card-actions.js';

export interface BreachCardInput {
  incidentNumber: number;
  /** The assessment in force; null before the first is saved. */
  assessment: BreachAssessment | null;
  /** The discovery time the form starts with when there is no assessment yet. */
  discoveredDefault: string;
  obligations: TrackedObligation[];
  decision: { reasoning: string; signedOffBy: { name: string }; signedOffAt: string } | null;
  /** ISO time the card is rendered at: "in 2 d 4 h" / "3 h overdue" count from it. */
  now: string;
  /** What was wrong with the last submit, one line each. */
  problems?: string[];
}

const cell = (value: string, color?: (typeof STATUS_COLOR)[keyof typeof STATUS_COLOR]) => ({
  type: 'TableCell' as const,
  items: [text(value, { size: 'Small', ...(color ? { color } : {}) })],
});

function dueCell(o: TrackedObligation, now: string): string {
  if (o.dueAt === null) return 'set by the payment brands';
  if (o.doneWhen === 'retention_ended') return `keep the record until ${utcText(o.dueAt)}`;
  return o.status === 'done'
    ? utcText(o.dueAt)
    : `${utcText(o.dueAt)} (${relativeText(o.dueAt, now)})`;
}

function obligationsTable(obligations: TrackedObligation[], now: string): CardElement[] {
  if (obligations.length === 0) return [];
  const header = ['Rule', 'Party', 'Due (UTC)', 'Status', 'Notified at'];
  const rows = byUrgency(obligations).map((o) => ({
    type: 'TableRow' as const,
    cells: [
      cell(o.rule),
      cell(partyText(o)),
      cell(dueCell(o, now)),
      cell(`${STATUS_TEXT[o.status]}${o.late ? ' (late)' : ''}`, STATUS_COLOR[o.status]),
      cell(o.notifiedAt ? utcText(o.notifiedAt) : '—'),
    ],
  }));
  return [
    {
      type: 'Table',
      columns: [{ width: 3 }, { width: 2 }, { width: 3 }, { width: 2 }, { width: 2 }],
      firstRowAsHeader: true,
      rows: [{ type: 'TableRow', cells: header.map((h) => cell(h)) }, ...rows],
    },
  ];
}

function summary(input: BreachCardInput): CardElement[] {
  const { assessment, obligations, decision } = input;
  if (decision) {
    return [
      text(
        `Not reportable — decided by ${decision.signedOffBy.name} on ${utcText(decision.signedOffAt)}.`,
        { color: 'Good', weight: 'Bolder' },
      ),
      text(decision.reasoning, { isSubtle: true }),
    ];
  }
  if (!assessment) {
    return [
      text(
        'Not assessed yet. Fill in what is known now and save: the obligations and their ' +
          'deadlines are computed from it. Reassess whenever you learn more.',
        { color: 'Warning' },
      ),
    ];
  }
  if (obligations.length === 0) {
    return [
      text(
        'Under this assessment no notice is required. Someone with full access must sign off ' +
          'that it is not reportable, with the reasoning.',
        { color: 'Warning' },
      ),
    ];
  }
  const overdue = obligations.filter((o) => o.status === 'overdue').length;
  const done = obligations.filter((o) => o.status === 'done').length;
  return [
    text(
      `${obligations.length} obligations: ${overdue} overdue, ${done} done.`,
      overdue > 0 ? { color: 'Attention', weight: 'Bolder' } : { weight: 'Bolder' },
    ),
  ];
}

/**
 * The breach track of one incident (SPEC §4): what is owed and by when, the notices logged,
 * and the assessment form (prefilled with the assessment in force) that computes them.
 */
export function breachCard(input: BreachCardInput): AdaptiveCard {
  const n = input.incidentNumber;
  const problems = input.problems ?? [];
  const body: CardElement[] = [
    ...(problems.length > 0
      ? [
          {
            type: 'Container' as const,
            style: 'attention' as const,
            items: [
              text('Not saved. Fix these and submit again:', {
                weight: 'Bolder',
                color: 'Attention',
              }),
              ...problems.map((p) => text(`• ${p}`, { color: 'Attention', spacing: 'None' })),
            ],
          },
        ]
      : []),
    text(`#${n} · Breach assessment`, { weight: 'Bolder', size: 'Medium' }),
    ...summary(input),
    ...obligationsTable(input.obligations, input.now),
    ...assessmentInputs(input.assessment ?? blankAssessment(input.discoveredDefault)),
  ];
  const undecided = input.assessment !== null && input.obligations.length === 0 && !input.decision;
  return card(body, [
    execute('Save assessment', 'breach.assess', { incident: n }, 'positive'),
    noticeAction(n),
    ...(undecided ? [notReportableAction(n)] : []),
  ]);
}
