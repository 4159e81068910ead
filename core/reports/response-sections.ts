import {
  PHASE_LABELS,
  type Playbook,
  RESPONSE_PHASES,
  type ResponseState,
  type ResponseTimings,
  type TaskView,
  view,
} from '../playbooks/index.js';
import { duration, when } from './format.js';
import { blocks, escapeText, facts, table } from './markdown.js';

/** Time to acknowledge, contain and close, and time in each phase. */
export function timingsSection(timings: ResponseTimings | null): string {
  if (!timings) return '## Timings\n\nNo timings: no response was started.';
  const rows: [string, string][] = [
    ['Time to acknowledge', duration(timings.toAcknowledge)],
    ['Time to contain', duration(timings.toContain)],
    ['Time to close', duration(timings.toClose)],
    ...RESPONSE_PHASES.map((p): [string, string] => [
      `In ${PHASE_LABELS[p].toLowerCase()}`,
      duration(timings.inPhase[p], 'not entered'),
    ]),
  ];
  return blocks(
    '## Timings',
    'Measured from when the incident was first received; a phase still open counts up to the time this report was generated.',
    table(['Measure', 'Time'], rows),
  ).trimEnd();
}

function taskLine(task: TaskView): string {
  const title = `${escapeText(task.title)} (\`${task.id}\`${task.required ? ', required' : ''})`;
  if (!task.done) return `- [ ] ${title}: open`;
  const by = task.by ? escapeText(task.by.name) : 'unknown';
  const note = task.note ? ` Note: ${escapeText(task.note)}` : '';
  return `- [x] ${title}: done by ${by}, ${when(task.at)}.${note}`;
}

const STATUS_TEXT = {
  done: 'done',
  overridden: 'left by override',
  current: 'current',
  upcoming: 'not reached',
  skipped: 'skipped (closed before reaching it)',
} as const;

/** Each phase with its tasks done and open, or the done tasks when the playbook is unknown. */
export function phasesSection(response: ResponseState, playbook: Playbook | null): string {
  if (!playbook || playbook.id !== response.playbookId) {
    const done = Object.entries(response.tasks).map(
      ([id, t]) =>
        `- [x] \`${id}\`: done by ${escapeText(t.by.name)}, ${when(t.at)}.${t.note ? ` Note: ${escapeText(t.note)}` : ''}`,
    );
    return blocks(
      '## Phases and tasks',
      `The definition of the ${escapeText(response.playbookId)} playbook was not available; tasks recorded as done:`,
      done.length > 0 ? done.join('\n') : 'None.',
    ).trimEnd();
  }
  const v = view(response, playbook);
  const phases = v.phases.map((p) => {
    const head = `### ${p.label}: ${STATUS_TEXT[p.status]} (${p.done} of ${p.total} tasks done)`;
    const override = p.override
      ? `Gate overridden on leaving. Reason: ${escapeText(p.override)}`
      : null;
    return blocks(head, override, p.tasks.map(taskLine).join('\n')).trimEnd();
  });
  return blocks('## Phases and tasks', ...phases).trimEnd();
}

/** Every gate passed by override, with who, when and the reason. */
export function overridesSection(response: ResponseState): string {
  const overrides = response.steps.filter((s) => s.kind === 'override');
  if (overrides.length === 0) return '## Overrides\n\nNo gate was overridden.';
  const rows = overrides.map((s) => [
    when(s.at),
    escapeText(s.by.name),
    `${PHASE_LABELS[s.phase]} to ${s.to ? PHASE_LABELS[s.to] : '?'}`,
    escapeText(s.note ?? 'no reason recorded'),
  ]);
  return blocks('## Overrides', table(['When (UTC)', 'Who', 'Move', 'Reason'], rows)).trimEnd();
}

/** The playbook, its version, and the version the response started on. */
export function playbookSection(response: ResponseState, playbook: Playbook | null): string {
  const rows: [string, string][] = [
    [
      'Playbook',
      playbook
        ? `${escapeText(playbook.title)} (\`${playbook.id}\`)`
        : escapeText(response.playbookId),
    ],
    ['Started on version', String(response.playbookVersion)],
  ];
  if (playbook) {
    rows.push(['Current version', String(playbook.version)]);
    rows.push(['Last reviewed', escapeText(playbook.reviewedAt)]);
  }
  const changed =
    playbook && playbook.version !== response.playbookVersion
      ? 'The playbook changed since this response started; tasks are shown as the current version defines them.'
      : null;
  return blocks('## Playbook', facts(rows), changed).trimEnd();
}
