/** Calls to the service's API with the signed-in user's bearer token. */

const TOKEN_KEY = 'cockpit.localToken';

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string): void => sessionStorage.setItem(TOKEN_KEY, value),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer other than 2xx, with the server's message (`{"error":{"code","message"}}`). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function headersFor(init: RequestInit): Headers {
  const headers = new Headers(init.headers);
  const bearer = token.get();
  if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  return headers;
}

let unauthorized: (() => void) | null = null;

/** What to do when the server no longer accepts the token (expired, or signed out elsewhere). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/** The error a failed answer carries, whether its body is the JSON error or not. */
async function failure(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  let code: string | null = null;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.message) message = body.error.message;
    code = body.error?.code ?? null;
  } catch {
    if (text.trim() !== '' && text.length < 500) message = text.trim();
  }
  if (response.status === 401 && token.get()) unauthorized?.();
  return new ApiError(message, response.status, code);
}

/** A JSON call; throws `ApiError` with the server's message on anything but 2xx. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: headersFor(init) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** `POST` with a JSON body. */
export function post<T>(path: string, body: unknown): Promise<T> {
  return api<T>(path, { method: 'POST', body: JSON.stringify(body) });
}

/** A file the server sends as an attachment, with the name it gives. */
export interface DownloadedFile {
  fileName: string;
  blob: Blob;
}

/** Fetches an attachment (the bearer header rules out a plain link). */
export async function fetchFile(path: string, fallbackName: string): Promise<DownloadedFile> {
  const response = await fetch(path, { headers: headersFor({}) });
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  // Only a plain file name: never a path.
  const fileName = named && /^[\w.-]+$/.test(named) ? named : fallbackName;
  return { fileName, blob: await response.blob() };
}
