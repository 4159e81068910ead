/**
 * Playbook progress: the phase strip, the current phase's checklist with a Done button per open
 * task, what blocks advancing, Advance, Override with a reason, and the Close form.
 */

import type { DetailContext } from './detail-context.js';
import { field, form, h, panel, safeLink, select, text } from './dom.js';
import { badge, phaseLabel, timeElement, words } from './format.js';
import type { PhaseProgress, Playbook, Task } from './types.js';

const PANEL = 'response';

/** `IncorrectAlertLogic` → `Incorrect alert logic`. */
const spaced = (value: string): string =>
  value
    .replace(/(?<=[a-z])(?=[A-Z])/g, ' ')
    .replace(/^(.)(.*)$/, (_m, a: string, b: string) => a + b.toLowerCase());

const PHASE_STATUS: Record<string, string> = {
  done: 'done',
  overridden: 'gate overridden',
  current: 'current',
  upcoming: 'upcoming',
  skipped: 'skipped',
};

export function responsePanel(ctx: DetailContext): HTMLElement {
  const playbook = ctx.incident.playbook;
  if (!playbook) return panel(PANEL, 'Response', ...notStarted(ctx));
  const current = playbook.phases.find((p) => p.status === 'current') ?? null;
  const earlierOpen = current
    ? playbook.phases
        .slice(0, playbook.phases.indexOf(current))
        .flatMap((p) => p.tasks.filter((t) => !t.done))
    : [];
  return panel(
    PANEL,
    'Response',
    h('p', {}, `Playbook: ${playbook.title} (version ${playbook.version})`),
    phaseStrip(playbook, ctx.incident.phase),
    ctx.incident.closure ? closureLine(ctx) : null,
    current ? checklist(ctx, current) : null,
    earlierOpen.length > 0
      ? h(
          'div',
          { class: 'subsection' },
          h('h4', {}, 'Still open in earlier phases'),
          h('p', { class: 'hint' }, 'Late documentation is welcome: these can still be done.'),
          taskList(ctx, earlierOpen, true),
        )
      : null,
    current ? gate(ctx, playbook, current) : null,
    current ? closeForm(ctx, playbook) : null,
    allTasks(playbook),
  );
}

function notStarted(ctx: DetailContext): (Node | null)[] {
  const intro = h('p', {}, 'No response has started yet: no playbook, phases or checklist.');
  if (!ctx.canAct) {
    return [intro, h('p', { class: 'hint' }, 'Starting the response needs read-write access.')];
  }
  return [
    intro,
    form(
      { class: 'inline', 'aria-label': 'Start the response' },
      (data, node) =>
        void ctx.act(
          'incident.respond',
          text(data, 'playbook') ? { playbook: text(data, 'playbook') } : {},
          { done: 'The response has started.', panel: PANEL, control: node },
        ),
      field(
        'Playbook',
        select(
          'playbook',
          [
            ['', 'Let the app choose from the incident'],
            ...ctx.incident.choices.playbooks.map(({ id, title }) => [id, title] as const),
          ],
          '',
        ),
      ),
      h('button', { type: 'submit' }, 'Start the response'),
    ),
  ];
}

function phaseStrip(playbook: Playbook, phase: string | null): HTMLElement {
  const closed = phase === 'closed';
  return h(
    'ol',
    { class: 'phase-strip', 'aria-label': 'Phases' },
    ...playbook.phases.map((p) =>
      h(
        'li',
        {
          class: `phase phase-${p.status}`,
          'aria-current': p.status === 'current' ? 'step' : false,
        },
        h('span', { class: 'phase-name' }, p.label),
        h('span', { class: 'phase-status' }, `${PHASE_STATUS[p.status] ?? p.status}`),
        h('span', { class: 'phase-count' }, `${p.done}/${p.total} tasks`),
      ),
    ),
    h(
      'li',
      { class: `phase phase-${closed ? 'current' : 'upcoming'}`, 'aria-current': closed && 'step' },
      h('span', { class: 'phase-name' }, 'Closed'),
      h('span', { class: 'phase-status' }, closed ? 'closed' : 'upcoming'),
    ),
  );
}

function closureLine(ctx: DetailContext): HTMLElement {
  const c = ctx.incident.closure!;
  return h(
    'p',
    { class: 'closure' },
    `Closed as ${c.classification}${c.reason ? ` (${c.reason})` : ''} by ${c.by.name}, `,
    timeElement(c.at),
    '.',
  );
}

function checklist(ctx: DetailContext, phase: PhaseProgress): HTMLElement {
  return h(
    'div',
    { class: 'subsection' },
    h('h4', { id: 'checklist-heading' }, `${phase.label} checklist`),
    h('p', { class: 'hint' }, `${phase.done} of ${phase.total} tasks done.`),
    taskList(ctx, phase.tasks, true),
  );
}

function taskList(ctx: DetailContext, tasks: Task[], actionable: boolean): HTMLElement {
  return h(
    'ul',
    { class: 'tasks' },
    ...tasks.map((task) => taskItem(ctx, task, actionable && ctx.canAct)),
  );
}

function taskItem(ctx: DetailContext, task: Task, actionable: boolean): HTMLLIElement {
  return h(
    'li',
    { class: task.done ? 'task task-done' : 'task task-open' },
    h(
      'div',
      { class: 'task-title' },
      h('span', { class: 'check', 'aria-hidden': 'true' }, task.done ? '✓' : '○'),
      h('strong', {}, task.title),
      ' ',
      task.required ? badge('Required', 'required') : badge('Optional', 'optional'),
      ' ',
      h('span', { class: 'visually-hidden' }, task.done ? '(done)' : '(open)'),
    ),
    task.guidance ? h('p', { class: 'guidance' }, task.guidance) : null,
    task.evidence ? h('p', { class: 'hint' }, safeLink(task.evidence, 'Reference')) : null,
    task.opensBreachTrack && !ctx.incident.breach
      ? h(
          'p',
          { class: 'hint' },
          'If PHI or personal information is involved, save a breach assessment under Breach clocks.',
        )
      : null,
    task.done
      ? h(
          'p',
          { class: 'done-by' },
          `Done by ${task.by?.name ?? 'someone'}, `,
          timeElement(task.at),
          task.note ? `. Note: ${task.note}` : '.',
        )
      : null,
    !task.done && actionable ? doneForm(ctx, task) : null,
  );
}

function doneForm(ctx: DetailContext, task: Task): HTMLFormElement {
  const note = h('input', {
    name: 'note',
    type: 'text',
    maxlength: 2000,
    placeholder: 'Note (optional)',
  });
  return form(
    { class: 'inline' },
    (data, node) =>
      void ctx.act(
        'playbook.done',
        { task: task.id, ...(text(data, 'note') ? { note: text(data, 'note') } : {}) },
        { done: `Done: ${task.title}.`, panel: PANEL, control: node },
      ),
    h('label', {}, h('span', { class: 'visually-hidden' }, `Note on “${task.title}”`), note),
    h('button', { type: 'submit', 'aria-label': `Done: ${task.title}` }, 'Done'),
  );
}

function gate(ctx: DetailContext, playbook: Playbook, current: PhaseProgress): HTMLElement {
  const next = playbook.next;
  const blocking = playbook.blocking;
  const status =
    blocking.length === 0
      ? h('p', {}, `Nothing blocks the move to ${phaseLabel(next)}.`)
      : h(
          'div',
          {},
          h(
            'p',
            {},
            `${blocking.length} required ${blocking.length === 1 ? 'task blocks' : 'tasks block'} the move from ${current.label}:`,
          ),
          h('ul', { class: 'blocking' }, ...blocking.map((b) => h('li', {}, b.title))),
        );
  const parts: (Node | null)[] = [
    h('h4', {}, next === 'closed' ? 'Closing' : 'Next phase'),
    status,
  ];
  if (next && next !== 'closed' && ctx.canAct) {
    const advance = h('button', { type: 'button' }, `Advance to ${phaseLabel(next)}`);
    advance.addEventListener('click', () => {
      void ctx.act(
        'playbook.advance',
        {},
        { done: `Moved to ${phaseLabel(next)}.`, panel: PANEL, control: advance },
      );
    });
    parts.push(advance);
    if (blocking.length > 0) parts.push(overrideForm(ctx, next));
  }
  if (next === 'closed') {
    parts.push(
      h('p', { class: 'hint' }, 'From lessons learned the response ends with Close (below).'),
    );
  }
  return h('div', { class: 'subsection gate' }, ...parts);
}

function overrideForm(ctx: DetailContext, next: string): HTMLElement {
  if (!ctx.full) {
    return h(
      'p',
      { class: 'hint' },
      'Only someone with full access to this data class can override the gate, with a reason.',
    );
  }
  return h(
    'details',
    { class: 'override' },
    h('summary', {}, 'Override the gate with a reason'),
    form(
      { class: 'stacked', 'aria-label': 'Override the gate' },
      (data, node) =>
        void ctx.act(
          'playbook.advance',
          { override: text(data, 'override') },
          { done: `Gate overridden: moved to ${phaseLabel(next)}.`, panel: PANEL, control: node },
        ),
      field(
        'Override reason',
        h('textarea', { name: 'override', rows: 2, maxlength: 2000, required: true }),
        'Recorded on the timeline with the open tasks it skipped.',
      ),
      h('button', { type: 'submit' }, 'Override and advance'),
    ),
  );
}

function closeForm(ctx: DetailContext, playbook: Playbook): HTMLElement | null {
  if (!ctx.canAct) return null;
  const closeAs = ctx.incident.choices.closeAs;
  if (closeAs.length === 0) return null;
  const classification = select(
    'classification',
    closeAs.map((c) => [c.classification, spaced(c.classification)] as const),
    closeAs[0]!.classification,
  );
  const reason = h('select', { name: 'reason' });
  const fillReasons = () => {
    const options = closeAs.find((c) => c.classification === classification.value)?.reasons ?? [];
    reason.replaceChildren(
      h('option', { value: '' }, options.length ? 'No reason' : 'None for this classification'),
      ...options.map((value) => h('option', { value }, spaced(value))),
    );
  };
  fillReasons();
  classification.addEventListener('change', fillReasons);
  return h(
    'div',
    { class: 'subsection' },
    h('h4', {}, 'Close the incident'),
    h(
      'p',
      { class: 'hint' },
      playbook.canClose
        ? 'Lessons learned are done: the response can close with any classification.'
        : 'Until lessons learned are done, only a false or benign positive can close it.',
    ),
    form(
      { class: 'stacked', 'aria-label': 'Close the incident' },
      (data, node) =>
        void ctx.act(
          'incident.close',
          {
            classification: text(data, 'classification'),
            reason: text(data, 'reason') || null,
            summary: text(data, 'summary') || null,
          },
          { done: 'The incident is closed.', panel: PANEL, control: node },
        ),
      field('Classification', classification),
      field('Reason', reason),
      field(
        'Summary',
        h('textarea', { name: 'summary', rows: 3, maxlength: 2000 }),
        'Optional. Goes with the closing comment to Sentinel, PHI masked.',
      ),
      h('button', { type: 'submit' }, 'Close incident'),
    ),
  );
}

/** Every phase's tasks, read-only, for the whole picture. */
function allTasks(playbook: Playbook): HTMLElement {
  return h(
    'details',
    { class: 'all-tasks' },
    h('summary', {}, 'Every phase’s tasks'),
    ...playbook.phases.map((p) =>
      h(
        'div',
        {},
        h(
          'h4',
          {},
          `${p.label} (${words(PHASE_STATUS[p.status] ?? p.status)}, ${p.done}/${p.total})`,
        ),
        p.override ? h('p', { class: 'hint' }, `Gate overridden: ${p.override}`) : null,
        h(
          'ul',
          { class: 'plain' },
          ...p.tasks.map((t) =>
            h(
              'li',
              {},
              h('span', { 'aria-hidden': 'true' }, t.done ? '✓ ' : '○ '),
              `${t.title}${t.required ? '' : ' (optional)'}`,
              h('span', { class: 'visually-hidden' }, t.done ? ' (done)' : ' (open)'),
            ),
          ),
        ),
      ),
    ),
  );
}
