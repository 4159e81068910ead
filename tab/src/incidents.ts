/** The incidents list: what the caller may see, filtered open / closed / all. */

import { api } from './api.js';
import { h, select } from './dom.js';
import { badge, phaseLabel, timeElement, words } from './format.js';
import type { IncidentSummary } from './types.js';

export type ListFilter = 'open' | 'closed' | 'all';

const FILTERS = [
  ['open', 'Open'],
  ['closed', 'Closed'],
  ['all', 'All'],
] as const;

export const isFilter = (value: string | null): value is ListFilter =>
  FILTERS.some(([key]) => key === value);

export const listHash = (filter: ListFilter): string =>
  filter === 'open' ? '#/incidents' : `#/incidents?status=${filter}`;
export const incidentHash = (n: number): string => `#/incidents/${n}`;

/** The list view; changing the filter changes the address, so Back returns to it. */
export async function incidentsView(filter: ListFilter, refresh: () => void): Promise<HTMLElement> {
  const { items } = await api<{ items: IncidentSummary[] }>(
    `/api/incidents?status=${encodeURIComponent(filter)}`,
  );
  const chooser = select('status', FILTERS, filter, { id: 'incident-filter' });
  chooser.addEventListener('change', () => {
    location.hash = listHash(chooser.value as ListFilter);
  });
  const again = h('button', { type: 'button' }, 'Refresh');
  again.addEventListener('click', refresh);

  const shown = FILTERS.find(([key]) => key === filter)?.[1].toLowerCase() ?? filter;
  return h(
    'div',
    { class: 'incidents' },
    h('h2', { id: 'view-heading', tabindex: -1 }, 'Incidents'),
    h('div', { class: 'toolbar' }, h('label', { for: 'incident-filter' }, 'Show'), chooser, again),
    items.length === 0
      ? h(
          'p',
          { class: 'subtle' },
          `No ${filter === 'all' ? '' : `${shown} `}incidents you may see.`,
        )
      : table(items, shown),
  );
}

function table(items: IncidentSummary[], shown: string): HTMLElement {
  const heads = ['#', 'Title', 'Severity', 'Status', 'Phase', 'Data class', 'Received'];
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'incident-list' },
      h('caption', { class: 'visually-hidden' }, `Incidents (${shown}), newest first`),
      h('thead', {}, h('tr', {}, ...heads.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, ...items.map(row)),
    ),
  );
}

function row(item: IncidentSummary): HTMLTableRowElement {
  const flags = [
    item.escalated && !item.acknowledgedAt ? badge('Escalated', 'overdue') : null,
    !item.acknowledgedAt && item.status !== 'Closed' ? badge('Not acknowledged', 'due-soon') : null,
  ];
  return h(
    'tr',
    {},
    h('td', {}, String(item.number)),
    h('td', {}, h('a', { href: incidentHash(item.number) }, item.title)),
    h('td', {}, badge(item.severity, `sev-${item.severity}`)),
    h('td', {}, item.status, ...flags.map((flag) => (flag ? [' ', flag] : [])).flat()),
    h('td', {}, phaseLabel(item.phase)),
    h('td', {}, words(item.dataClass)),
    h('td', {}, timeElement(item.receivedAt)),
  );
}
