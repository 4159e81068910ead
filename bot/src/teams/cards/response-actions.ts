import {
  type Classification,
  CLASSIFICATIONS,
  MAX_NOTE_LENGTH,
  PHASE_LABELS,
  REASONS_BY_CLASSIFICATION,
  type ResponseView,
} from '../../../../core/playbooks/index.js';
import { type CardAction, type CardElement, text } from './adaptive-card.js';
import { execute, showCard } from './card-actions.js';

const CLASSIFICATION_TEXT: Record<Classification, string> = {
  TruePositive: 'True positive: a real threat',
  BenignPositive: 'Benign positive: real activity, but expected or harmless',
  FalsePositive: 'False positive: the alert was wrong',
  Undetermined: 'Undetermined',
};

const REASON_TEXT: Record<string, string> = {
  SuspiciousActivity: 'Suspicious activity',
  SuspiciousButExpected: 'Suspicious but expected',
  IncorrectAlertLogic: 'Incorrect alert logic',
  InaccurateData: 'Inaccurate data',
};

/** Open tasks the person may tick: the current phase's first, then any left open earlier. */
function openTasks(view: ResponseView): { title: string; value: string }[] {
  const current = view.tasks
    .filter((t) => !t.done)
    .map((t) => ({ title: `${t.title}${t.required ? ' (required)' : ''}`, value: t.id }));
  const earlier = view.phases
    .filter((p) => p.status === 'done' || p.status === 'overridden')
    .flatMap((p) =>
      p.tasks
        .filter((t) => !t.done)
        .map((t) => ({ title: `${t.title} (${p.label})`, value: t.id })),
    );
  return [...current, ...earlier];
}

function doneAction(incident: number, choices: { title: string; value: string }[]): CardAction {
  return showCard(
    'Mark a task done',
    [
      {
        type: 'Input.ChoiceSet',
        id: 'task',
        label: 'Task',
        style: 'compact',
        placeholder: 'Choose a task',
        choices,
        isRequired: true,
        errorMessage: 'Choose the task you finished.',
      },
      {
        type: 'Input.Text',
        id: 'note',
        label: 'Note (optional): what was done, where the evidence is',
        isMultiline: true,
        maxLength: MAX_NOTE_LENGTH,
      },
    ],
    [execute('Mark done', 'playbook.done', { incident }, 'positive')],
  );
}

function overrideAction(incident: number, view: ResponseView): CardAction {
  const to = view.next ? PHASE_LABELS[view.next] : 'the next phase';
  const open = view.blocking.length;
  return showCard(
    'Override gate (full access)',
    [
      text(
        `Advance to ${to} with ${open} required ${open === 1 ? 'task' : 'tasks'} open. ` +
          "Only someone with full access to this incident's data may; the reason goes on the timeline.",
        { color: 'Warning' },
      ),
      {
        type: 'Input.Text',
        id: 'override',
        label: 'Reason for overriding',
        isMultiline: true,
        maxLength: MAX_NOTE_LENGTH,
        isRequired: true,
        errorMessage: 'An override needs a reason.',
      },
    ],
    [execute(`Advance to ${to} by override`, 'playbook.advance', { incident }, 'destructive')],
  );
}

/** Every close allowed now; before lessons learned is done, only FalsePositive and BenignPositive. */
function closeAction(incident: number, view: ResponseView): CardAction {
  const allowed = CLASSIFICATIONS.filter((c) => view.canClose || view.closeAnytime.includes(c));
  const reasons = allowed.flatMap((c) =>
    REASONS_BY_CLASSIFICATION[c].map((r) => ({ title: `${REASON_TEXT[r] ?? r} (${c})`, value: r })),
  );
  const body: CardElement[] = [
    ...(view.canClose
      ? []
      : [
          text(
            'TruePositive and Undetermined can close once lessons learned is done; ' +
              'close now only if there was no real threat.',
            { isSubtle: true },
          ),
        ]),
    {
      type: 'Input.ChoiceSet',
      id: 'classification',
      label: 'Classification',
      style: 'expanded',
      choices: allowed.map((c) => ({ title: CLASSIFICATION_TEXT[c], value: c })),
      isRequired: true,
      errorMessage: 'Choose how the incident ends.',
    },
    {
      type: 'Input.ChoiceSet',
      id: 'reason',
      label: 'Reason (optional; it must match the classification)',
      style: 'compact',
      placeholder: 'No reason',
      choices: reasons,
    },
    {
      type: 'Input.Text',
      id: 'summary',
      label: 'Closing summary (optional; added to the Sentinel incident as a comment)',
      isMultiline: true,
      maxLength: MAX_NOTE_LENGTH,
    },
  ];
  return showCard(view.canClose ? 'Close' : 'Close as false or benign positive', body, [
    execute('Close the incident', 'incident.close', { incident }),
  ]);
}

function noteAction(incident: number): CardAction {
  return showCard(
    'Add a note',
    [
      {
        type: 'Input.Text',
        id: 'text',
        label: 'Note for the incident timeline',
        isMultiline: true,
        maxLength: MAX_NOTE_LENGTH,
        isRequired: true,
        errorMessage: 'Write the note first.',
      },
    ],
    [execute('Add note', 'incident.note', { incident })],
  );
}

/**
 * The response's buttons, most used first: tick a task, advance (or override a blocked gate),
 * the breach assessment, close, note. At most five, so an incident card can add its own. A
 * closed response takes only notes.
 */
export function responseActions(
  incident: number,
  view: ResponseView,
  breachOpen: boolean,
): CardAction[] {
  if (view.closed) return [noteAction(incident)];
  const choices = openTasks(view);
  const mayOverride = view.phase !== 'lessons_learned' && view.blocking.length > 0;
  return [
    ...(choices.length > 0 ? [doneAction(incident, choices)] : []),
    ...(view.canAdvance && view.next
      ? [execute(`Advance to ${PHASE_LABELS[view.next]}`, 'playbook.advance', { incident })]
      : []),
    ...(mayOverride ? [overrideAction(incident, view)] : []),
    ...(breachOpen ? [execute('Breach assessment', 'breach.assess', { incident })] : []),
    closeAction(incident, view),
    noteAction(incident),
  ];
}
