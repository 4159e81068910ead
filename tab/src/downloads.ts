/**
 * The incident's documents: the breach and post-incident reports and the draft letters, as
 * Markdown or PDF. They need the bearer header, so they are fetched and saved from a Blob.
 */

import { api, fetchFile } from './api.js';
import type { DetailContext } from './detail-context.js';
import { announce, busy, clearError, h, panel, showError } from './dom.js';
import { localTime, words } from './format.js';
import type { Letter } from './types.js';

const PANEL = 'downloads';

const REPORTS = [
  ['post-incident', 'Post-incident report'],
  ['breach', 'Breach report'],
] as const;
const FORMATS = [
  ['md', 'Markdown'],
  ['pdf', 'PDF'],
] as const;

/** Letter lists by incident, refetched only when its obligations change (each list is audited). */
const letterLists = new Map<number, { key: string; items: Promise<Letter[]> }>();

/** Drops the remembered letter lists (on sign-out: the next user lists them afresh). */
export function forgetLetters(): void {
  letterLists.clear();
}

export function downloadsPanel(ctx: DetailContext): HTMLElement {
  const { incident } = ctx;
  const n = incident.number;
  if (!ctx.full) {
    return panel(
      PANEL,
      'Reports and letters',
      h(
        'p',
        { class: 'hint' },
        `Downloading reports needs full access to ${words(incident.dataClass)} incidents.`,
      ),
    );
  }
  const obligations = incident.breach?.obligations ?? [];
  return panel(
    PANEL,
    'Reports and letters',
    h(
      'ul',
      { class: 'downloads' },
      ...REPORTS.map(([kind, title]) =>
        downloadRow(title, (format) => [
          `/api/incidents/${n}/reports/${kind}?format=${format}`,
          `incident-${n}-${kind}-report.${format}`,
        ]),
      ),
    ),
    h('h4', {}, 'Draft notification letters'),
    obligations.length === 0
      ? h('p', { class: 'hint' }, 'Letters are drafted for the notices a breach assessment owes.')
      : letters(n, obligations.map((o) => `${o.id}:${o.state ?? ''}`).join(',')),
  );
}

function letters(n: number, key: string): HTMLElement {
  const list = h('ul', { class: 'downloads', 'aria-busy': true }, h('li', {}, 'Loading…'));
  let cached = letterLists.get(n);
  if (!cached || cached.key !== key) {
    cached = {
      key,
      items: api<{ items: Letter[] }>(`/api/incidents/${n}/letters`).then((r) => r.items),
    };
    letterLists.set(n, cached);
  }
  cached.items
    .then((items) => {
      list.removeAttribute('aria-busy');
      list.replaceChildren(
        ...(items.length === 0 ? [h('li', {}, 'No letter applies.')] : []),
        ...items.map((letter) => {
          const state = letter.state ? `state=${encodeURIComponent(letter.state)}&` : '';
          const suffix = letter.state ? `-${letter.state.toLowerCase()}` : '';
          const due = letter.dueAt ? `Due ${localTime(letter.dueAt)}` : 'Due per brand rules';
          return downloadRow(
            letter.title,
            (format) => [
              `/api/incidents/${n}/letters/${encodeURIComponent(letter.kind)}?${state}format=${format}`,
              `incident-${n}-${letter.kind}${suffix}-draft.${format}`,
            ],
            `${due} · ${words(letter.status)}`,
          );
        }),
      );
    })
    .catch((error: Error) => {
      letterLists.delete(n);
      list.removeAttribute('aria-busy');
      list.replaceChildren(h('li', {}, `The letters could not be listed: ${error.message}`));
    });
  return list;
}

function downloadRow(
  title: string,
  where: (format: string) => [path: string, fallbackName: string],
  detail?: string,
): HTMLLIElement {
  return h(
    'li',
    {},
    h(
      'div',
      { class: 'download-name' },
      h('span', { class: 'download-title' }, title),
      detail ? h('div', { class: 'hint' }, detail) : null,
    ),
    h(
      'div',
      { class: 'download-buttons' },
      ...FORMATS.map(([format, label]) => {
        const button = h(
          'button',
          { type: 'button', 'aria-label': `Download ${title} as ${label}` },
          label,
        );
        button.addEventListener('click', () => {
          const [path, fallback] = where(format);
          void save(path, fallback, button);
        });
        return button;
      }),
    ),
  );
}

/** Fetches the file and hands it to the browser as a download under the server's file name. */
async function save(path: string, fallbackName: string, button: HTMLElement): Promise<void> {
  clearError();
  busy(button, true);
  try {
    const file = await fetchFile(path, fallbackName);
    const url = URL.createObjectURL(file.blob);
    const link = h('a', { href: url, download: file.fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    announce(`Downloaded ${file.fileName}.`);
  } catch (error) {
    showError((error as Error).message);
  } finally {
    busy(button, false);
  }
}
