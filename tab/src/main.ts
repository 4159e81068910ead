/**
 * The tab until the Fluent UI dashboard lands: local sign-in, "who am I", and the incidents
 * (list and detail, with the cards' actions). Views follow the address (`#/incidents`,
 * `#/incidents?status=all`, `#/incidents/1001`), so Back and links work.
 */

import { api, onUnauthorized, post, token } from './api.js';
import { clearError, element, h, showError } from './dom.js';
import { forgetLetters } from './downloads.js';
import { incidentView } from './incident-detail.js';
import { incidentsView, isFilter, type ListFilter } from './incidents.js';
import { Session } from './session.js';
import type { DevUser, Me } from './types.js';

let session: Session | null = null;
/** Bumped on each navigation, so a slow answer never replaces a newer view. */
let generation = 0;

async function showMe(): Promise<void> {
  const me = await api<Me>('/api/me');
  session = new Session(me);
  element('sign-in').hidden = true;
  element('me').hidden = false;
  element('incidents').hidden = false;
  element('me-name').textContent = me.user.name;
  element('me-roles').textContent = `Roles: ${me.roles.join(', ') || 'none'}`;
  element('me-permissions').replaceChildren(
    ...Object.entries(me.permissions).map(([dataClass, level]) =>
      h('tr', {}, h('td', {}, dataClass), h('td', {}, level)),
    ),
  );
  await route(false);
}

async function showSignIn(): Promise<void> {
  session = null;
  generation += 1;
  forgetLetters();
  element('me').hidden = true;
  element('incidents').hidden = true;
  element('view').replaceChildren();
  const { items } = await api<{ items: DevUser[] }>('/api/dev/users');
  element('sign-in').hidden = false;
  element('users').replaceChildren(
    ...items.map((user) => {
      const button = h('button', { type: 'button' }, `${user.name} (${user.roles.join(', ')})`);
      button.addEventListener('click', () => {
        clearError();
        post<{ token: string }>('/api/dev/token', { aadObjectId: user.aadObjectId })
          .then(({ token: issued }) => {
            token.set(issued);
            return showMe();
          })
          .catch((error: Error) => showError(error.message));
      });
      return button;
    }),
  );
}

function filterOf(hash: string): ListFilter {
  const status = new URLSearchParams(hash.split('?')[1] ?? '').get('status');
  return isFilter(status) ? status : 'open';
}

/** Draws the view the address names; `focus` moves focus to its heading (after navigation). */
async function route(focus: boolean): Promise<void> {
  if (!session) return;
  const current = ++generation;
  const view = element('view');
  const detail = /^#\/incidents\/(\d{1,9})$/.exec(location.hash);
  view.setAttribute('aria-busy', 'true');
  try {
    const node = detail
      ? await incidentView(Number(detail[1]), session, () => void route(true))
      : await incidentsView(filterOf(location.hash), () => void route(true));
    if (current !== generation) return;
    clearError();
    view.replaceChildren(node);
    if (focus) document.getElementById('view-heading')?.focus();
  } catch (error) {
    if (current !== generation) return;
    view.replaceChildren(
      h('p', {}, h('a', { href: '#/incidents' }, '← All incidents')),
      h('p', {}, detail ? `Incident #${detail[1]} could not be shown.` : 'No incidents to show.'),
    );
    showError((error as Error).message);
  } finally {
    if (current === generation) view.removeAttribute('aria-busy');
  }
}

onUnauthorized(() => {
  token.clear();
  showSignIn()
    .then(() => showError('Your sign-in has expired or was refused: pick a user again.'))
    .catch((error: Error) => showError(error.message));
});

window.addEventListener('hashchange', () => void route(true));

element('sign-out').addEventListener('click', () => {
  token.clear();
  clearError();
  showSignIn().catch((error: Error) => showError(error.message));
});

(token.get() ? showMe() : Promise.reject(new Error('signed out')))
  .catch(() => showSignIn())
  .catch((error: Error) => showError(`Sign-in is not available: ${error.message}`));
