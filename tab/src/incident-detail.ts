/**
 * One incident: its facts, playbook progress, breach clocks, notes, timeline, timings and
 * documents, with the same actions as the cards. Every action answers with the updated
 * incident, which is drawn again in place.
 */

import { api, post } from './api.js';
import { breachPanel } from './breach-panel.js';
import type { DetailContext } from './detail-context.js';
import {
  announce,
  append,
  busy,
  clearError,
  field,
  form,
  h,
  panel,
  safeLink,
  showError,
  text,
} from './dom.js';
import { downloadsPanel } from './downloads.js';
import { badge, duration, PHASE_LABELS, phaseLabel, timeElement, words } from './format.js';
import { responsePanel } from './response-panel.js';
import type { Session } from './session.js';
import type { Incident, Timings } from './types.js';

/** The detail view; `refresh` fetches it again (others act on it from chat meanwhile). */
export async function incidentView(
  n: number,
  session: Session,
  refresh: () => void,
): Promise<HTMLElement> {
  const incident = await api<Incident>(`/api/incidents/${n}`);
  const root = h('article', { class: 'incident', 'aria-labelledby': 'view-heading' });
  render(root, incident, session, refresh);
  return root;
}

function render(
  root: HTMLElement,
  incident: Incident,
  session: Session,
  refresh: () => void,
): void {
  const ctx: DetailContext = {
    incident,
    session,
    canAct: session.may(incident.dataClass, 'readwrite'),
    full: session.may(incident.dataClass, 'full'),
    async act(verb, data, { done, panel: where, control }) {
      clearError();
      busy(control, true);
      try {
        const updated = await post<Incident>(`/api/incidents/${incident.number}/actions`, {
          verb,
          data,
        });
        render(root, updated, session, refresh);
        announce(done);
        // Focus stays near the action without moving the page under the reader's eyes.
        document.getElementById(`${where}-heading`)?.focus({ preventScroll: true });
        return true;
      } catch (error) {
        showError((error as Error).message);
        busy(control, false);
        return false;
      }
    },
  };
  const again = h('button', { type: 'button' }, 'Refresh');
  again.addEventListener('click', refresh);
  root.replaceChildren();
  append(
    root,
    h('p', { class: 'toolbar' }, h('a', { href: '#/incidents' }, '← All incidents'), again),
    header(ctx),
    responsePanel(ctx),
    breachPanel(ctx),
    notesPanel(ctx),
    timelinePanel(incident),
    timingsPanel(incident.timings),
    downloadsPanel(ctx),
  );
}

function header(ctx: DetailContext): HTMLElement {
  const i = ctx.incident;
  const facts: [string, Node | string][] = [
    ['Severity', badge(i.severity, `sev-${i.severity}`)],
    ['Status', i.status],
    ['Phase', phaseLabel(i.phase)],
    ['Data class', words(i.dataClass)],
    ['Owner', i.owner ?? 'Unassigned'],
    ['Received', timeElement(i.receivedAt)],
    [
      'Acknowledged',
      i.acknowledgedAt
        ? h(
            'span',
            {},
            timeElement(i.acknowledgedAt),
            i.acknowledgedBy ? ` by ${i.acknowledgedBy}` : '',
          )
        : i.escalated
          ? badge('Not yet (escalated)', 'overdue')
          : 'Not yet',
    ],
    ['Kept until', i.retainUntil ? timeElement(i.retainUntil) : 'Open (6 years after closing)'],
    ['In Sentinel', i.url ? safeLink(i.url, 'Open the incident') : '—'],
  ];
  const ack =
    !i.acknowledgedAt && i.status !== 'Closed' && ctx.canAct
      ? h('button', { type: 'button' }, 'Acknowledge')
      : null;
  ack?.addEventListener('click', () => {
    void ctx.act('incident.ack', {}, { done: 'Acknowledged.', panel: 'view', control: ack });
  });
  return h(
    'header',
    { class: 'incident-header' },
    h('h2', { id: 'view-heading', tabindex: -1 }, `#${i.number} · ${i.title}`),
    h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    i.description ? h('p', { class: 'description' }, i.description) : null,
    ctx.canAct
      ? ack
      : h(
          'p',
          { class: 'hint' },
          `You can read this incident; acting on it needs read-write access to ${words(i.dataClass)} data.`,
        ),
  );
}

function notesPanel(ctx: DetailContext): HTMLElement | null {
  if (!ctx.canAct) return null;
  return panel(
    'notes',
    'Add a note',
    form(
      { class: 'stacked', 'aria-label': 'Add a note' },
      (data, node) =>
        void ctx.act(
          'incident.note',
          { text: text(data, 'text') },
          { done: 'Note added to the timeline.', panel: 'timeline', control: node },
        ),
      field(
        'Note',
        h('textarea', { name: 'text', rows: 3, maxlength: 2000, required: true }),
        'Goes on the timeline with your name and the time.',
      ),
      h('button', { type: 'submit' }, 'Add note'),
    ),
  );
}

function timelinePanel(incident: Incident): HTMLElement {
  return panel(
    'timeline',
    'Timeline',
    h(
      'ol',
      { class: 'timeline' },
      ...incident.timeline.map((entry) =>
        h(
          'li',
          { class: `timeline-${entry.kind.replace(/[^a-z]+/g, '-')}` },
          h('span', { class: 'when' }, timeElement(entry.at)),
          h('span', { class: 'who' }, entry.by ?? 'System'),
          entry.phase
            ? h('span', { class: 'hint' }, PHASE_LABELS[entry.phase] ?? entry.phase)
            : null,
          h('span', { class: 'what' }, entry.text),
        ),
      ),
    ),
  );
}

function timingsPanel(timings: Timings | null): HTMLElement {
  if (!timings) {
    return panel(
      'timings',
      'Timings',
      h('p', { class: 'hint' }, 'Timings start with the response.'),
    );
  }
  const span = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? 'not yet' : duration(seconds);
  const rows: [string, string][] = [
    ['Time to acknowledge', span(timings.toAcknowledge)],
    ['Time to contain', span(timings.toContain)],
    ['Time to close', span(timings.toClose)],
    ...Object.entries(timings.inPhase)
      .filter(([, seconds]) => seconds !== null)
      .map(([phase, seconds]): [string, string] => [
        `In ${phaseLabel(phase).toLowerCase()}`,
        span(seconds),
      ]),
  ];
  return panel(
    'timings',
    'Timings',
    h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
  );
}
