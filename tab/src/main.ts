/** Placeholder tab: local sign-in and "who am I", until the Fluent UI dashboard lands. */

interface Me {
  user: { aadObjectId: string; name: string; upn: string | null };
  roles: string[];
  permissions: Record<string, string>;
}
interface DevUser {
  aadObjectId: string;
  name: string;
  roles: string[];
}

const TOKEN_KEY = 'cockpit.localToken';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found;
}

function showError(message: string): void {
  const box = element('error');
  box.textContent = message;
  box.hidden = false;
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

async function showMe(): Promise<void> {
  const me = await api<Me>('/api/me');
  element('sign-in').hidden = true;
  element('me').hidden = false;
  element('me-name').textContent = me.user.name;
  element('me-roles').textContent = `Roles: ${me.roles.join(', ') || 'none'}`;
  const rows = element('me-permissions');
  rows.replaceChildren(
    ...Object.entries(me.permissions).map(([dataClass, level]) => {
      const tr = document.createElement('tr');
      for (const text of [dataClass, level]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

async function showSignIn(): Promise<void> {
  const { items } = await api<{ items: DevUser[] }>('/api/dev/users');
  element('me').hidden = true;
  element('sign-in').hidden = false;
  element('users').replaceChildren(
    ...items.map((user) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${user.name} (${user.roles.join(', ')})`;
      button.addEventListener('click', () => {
        api<{ token: string }>('/api/dev/token', {
          method: 'POST',
          body: JSON.stringify({ aadObjectId: user.aadObjectId }),
        })
          .then(({ token }) => {
            sessionStorage.setItem(TOKEN_KEY, token);
            return showMe();
          })
          .catch((error: Error) => showError(error.message));
      });
      return button;
    }),
  );
}

element('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn().catch((error: Error) => showError(error.message));
});

(sessionStorage.getItem(TOKEN_KEY) ? showMe() : Promise.reject(new Error('signed out')))
  .catch(() => showSignIn())
  .catch((error: Error) => showError(`Sign-in is not available: ${error.message}`));
