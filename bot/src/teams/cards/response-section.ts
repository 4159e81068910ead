import { type TrackedObligation } from '../../../../core/breach/index.js';
import {
  PHASE_LABELS,
  type PhaseView,
  type ResponseView,
  type TaskView,
} from '../../../../core/playbooks/index.js';
import { type CardAction, type CardElement, text } from './adaptive-card.js';
import {
  byUrgency,
  dueText,
  partyText,
  STATUS_COLOR,
  STATUS_TEXT,
  statusText,
  utcText,
} from './breach-text.js';
import { responseActions } from './response-actions.js';

/** What the incident card needs to know of the breach track; null while it is not open. */
export interface BreachSummary {
  obligations: TrackedObligation[];
  /** A signed decision says no notice is needed. */
  notReportable: boolean;
  /** At least one assessment has been saved. */
  assessed: boolean;
}

export interface ResponseSectionInput {
  incidentNumber: number;
  view: ResponseView;
  breach: BreachSummary | null;
  /** ISO time the card is rendered at: deadlines read "in 2 d 4 h" / "3 h overdue" from it. */
  now: string;
}

/** Beyond this the card lists the most urgent and points to the breach card for the rest. */
const MAX_OBLIGATION_LINES = 12;
/** Notes are the user's words, up to 2000 characters; the card shows their start. */
const MAX_NOTE = 200;

const clip = (value: string, max: number) =>
  value.length > max ? `${value.slice(0, max)}…` : value;

const STRIP_MARK: Record<PhaseView['status'], string> = {
  done: ' ✓',
  overridden: ' ✓ (override)',
  current: ' ●',
  upcoming: '',
  skipped: '',
};

/** `Detection ✓ → Analysis ● → Containment → …`; phases skipped by an early close are left out. */
function strip(view: ResponseView): string {
  const shown = view.phases
    .filter((p) => p.status !== 'skipped')
    .map((p) => `${p.label}${STRIP_MARK[p.status]}`);
  return [...shown, ...(view.closed ? ['Closed ✓'] : [])].join(' → ');
}

function taskLines(task: TaskView): CardElement[] {
  if (task.done) {
    const who = task.by ? ` — ${task.by.name}` : '';
    const when = task.at ? `, ${utcText(task.at, false)}` : '';
    const lines = [text(`✓ ${task.title}${who}${when}`, { spacing: 'Small' })];
    if (task.note) lines.push(text(`Note: ${clip(task.note, MAX_NOTE)}`, subtleSmall));
    return lines;
  }
  // The id is what `done N <task>` takes in chat, so the checklist shows it.
  const lines = [
    text(`☐ ${task.title}${task.required ? ' · **required**' : ''} · _${task.id}_`, {
      spacing: 'Small',
    }),
  ];
  const help = [task.guidance, task.evidence ? `[Guidance](${task.evidence})` : null];
  const guidance = help.filter((part) => part !== null).join(' ');
  if (guidance) lines.push(text(guidance, subtleSmall));
  return lines;
}

const subtleSmall = { isSubtle: true, size: 'Small', spacing: 'None' } as const;

/** What stands between the response and its next step, said plainly. */
function gateLine(view: ResponseView): CardElement[] {
  const titles = view.blocking.map((b) => b.title).join('; ');
  if (view.phase === 'lessons_learned') {
    return view.canClose
      ? [text('Lessons learned is done: ready to close.', { color: 'Good' })]
      : [
          text(
            `Closing as TruePositive or Undetermined is blocked by: ${titles}. ` +
              'FalsePositive and BenignPositive may close at any time.',
            { color: 'Warning' },
          ),
        ];
  }
  if (view.canAdvance && view.next) {
    return [text(`Ready to advance to ${PHASE_LABELS[view.next]}.`, { color: 'Good' })];
  }
  return view.blocking.length > 0
    ? [text(`Advance is blocked by: ${titles}.`, { color: 'Warning' })]
    : [];
}

function closureLine(view: ResponseView): CardElement[] {
  const c = view.closure;
  if (!c) return [];
  const reason = c.reason ? ` (${c.reason})` : '';
  return [
    text(`Closed as ${c.classification}${reason} by ${c.by.name} on ${utcText(c.at)}.`, {
      color: 'Good',
      weight: 'Bolder',
    }),
  ];
}

function obligationLine(o: TrackedObligation, now: string): CardElement {
  const label = STATUS_TEXT[o.status];
  const when = o.status === 'done' ? statusText(o) : dueText(o, now);
  return text(
    `${label[0]?.toUpperCase()}${label.slice(1)} · ${partyText(o)} · ${when} · ${o.rule}`,
    {
      color: STATUS_COLOR[o.status],
      spacing: 'Small',
    },
  );
}

function breachLines(input: ResponseSectionInput): CardElement[] {
  const { breach, now, incidentNumber: n, view } = input;
  if (!breach) return [];
  const lines: CardElement[] = [text('Breach track', { weight: 'Bolder' })];
  if (!breach.assessed) {
    lines.push(
      text('Open, not assessed yet: the breach assessment decides who must be told and by when.', {
        color: 'Warning',
      }),
    );
  } else if (breach.notReportable) {
    lines.push(text('Assessed: not reportable (decision signed off).', { color: 'Good' }));
  } else if (breach.obligations.length === 0) {
    lines.push(
      text('Assessed: no notice is required; the not-reportable decision still needs a sign-off.', {
        color: 'Warning',
      }),
    );
  }
  const sorted = byUrgency(breach.obligations);
  lines.push(...sorted.slice(0, MAX_OBLIGATION_LINES).map((o) => obligationLine(o, now)));
  if (sorted.length > MAX_OBLIGATION_LINES) {
    const more = sorted.length - MAX_OBLIGATION_LINES;
    lines.push(text(`… and ${more} more in the breach assessment.`, { isSubtle: true }));
  }
  // A closed response has no breach button, yet notices may still be owed for weeks.
  if (view.closed && breach.obligations.some((o) => o.status !== 'done')) {
    lines.push(
      text(
        `Notices are still owed: type \`breach ${n}\` for the assessment, ` +
          `or \`notified ${n} <party>\` to log one.`,
        { color: 'Warning' },
      ),
    );
  }
  return lines;
}

/** Whether the breach assessment is relevant: the track is open or its deciding task is done. */
export function breachRelevant(input: ResponseSectionInput): boolean {
  if (input.breach !== null) return true;
  return input.view.phases.some((p) => p.tasks.some((t) => t.opensBreachTrack && t.done));
}

/**
 * The response part of an incident's live card: the playbook, where it stands, the current
 * phase's checklist, what blocks the next step, the breach deadlines, and the buttons that
 * drive it. Once closed, only the closure and a note button remain.
 */
export function responseSection(input: ResponseSectionInput): {
  body: CardElement[];
  actions: CardAction[];
} {
  const { view } = input;
  const current = view.phases.find((p) => p.status === 'current');
  const overrides = view.phases.filter((p) => p.override !== null);
  const body: CardElement[] = [
    text(`Response: ${view.playbook.title}`, { weight: 'Bolder' }),
    text(`Phase: ${view.phaseLabel}`, { spacing: 'None' }),
    text(strip(view), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...overrides.map((p) =>
      text(`${p.label} was left by override: ${clip(p.override ?? '', MAX_NOTE)}`, {
        color: 'Warning',
        size: 'Small',
      }),
    ),
    ...closureLine(view),
  ];
  if (current) {
    body.push(
      text(`${current.label} tasks (${current.done} of ${current.total} done)`, {
        weight: 'Bolder',
      }),
    );
    body.push(...view.tasks.flatMap(taskLines), ...gateLine(view));
  }
  body.push(...breachLines(input));
  return {
    body: [{ type: 'Container', separator: true, spacing: 'Medium', items: body }],
    actions: responseActions(input.incidentNumber, view, breachRelevant(input)),
  };
}
