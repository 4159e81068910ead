import type { TokenCredential } from '@azure/core-auth';
import {
  applyChange,
  changeProblems,
  type IncidentChange,
  isApplied,
} from '../../../core/incidents/index.js';

/** The token is always for ARM itself, whatever base URL (a test fake) the requests go to. */
export const ARM_SCOPE = 'https://management.azure.com/.default';
export const SENTINEL_API_VERSION = '2024-09-01';
/** PUTs tried per update when someone else keeps changing the incident in between (412). */
export const MAX_PRECONDITION_TRIES = 5;

/** An incident as ARM returns it: the whole resource, kept as is so a PUT loses nothing. */
export interface ArmIncident {
  etag: string;
  body: Record<string, unknown> & { properties: Record<string, unknown> };
}

export interface UpdateIncidentOptions {
  /** PUTs tried when the incident changes between our GET and PUT; 5 by default. */
  maxTries?: number;
}

/**
 * A failed ARM call. `status` is the HTTP status, or 0 when no answer came back (network error,
 * timeout, no token); a change refused before sending is 400. `retryAfterSeconds` is the answer's
 * `Retry-After`, when given. The message names what failed and never holds the token.
 */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | null,
    message: string,
    /** ARM's error code (`NotFound`, `PreconditionFailed`, …), when it gave one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

export interface SentinelArmClientOptions {
  credential: TokenCredential;
  /** Origin (and optional path prefix) of Azure Resource Manager; the only place the token goes. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Waits between PUTs that lost a race (412); real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Reads an HTTP-date `Retry-After`; the system clock by default. */
  clock?: () => Date;
  requestTimeoutMs?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Resource group names may hold dots, but only single ones between other characters: no `..`. */
const INCIDENT_ARM_ID = new RegExp(
  `^/subscriptions/(${GUID})` +
    '/resourceGroups/([\\p{L}\\p{N}_()-]+(?:\\.[\\p{L}\\p{N}_()-]+)*)' +
    '/providers/Microsoft\\.OperationalInsights/workspaces/([A-Za-z0-9][A-Za-z0-9-]{2,62})' +
    '/providers/Microsoft\\.SecurityInsights/incidents/([A-Za-z0-9_-]{1,128})$',
  'iu',
);
const COMMENT_ID = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_COMMENT_LENGTH = 30_000;

/**
 * The canonical path of a Sentinel incident from its ARM id, or null when the id is not exactly
 * one (no query, no `..`, no extra segments), so a stored id can never steer the request.
 */
export function incidentPath(armId: string): string | null {
  const match = typeof armId === 'string' ? INCIDENT_ARM_ID.exec(armId) : null;
  if (!match || match[2]!.length > 90) return null;
  const [, subscription, group, workspace, incident] = match.map((s) => encodeURIComponent(s!));
  return (
    `/subscriptions/${subscription}/resourceGroups/${group}` +
    `/providers/Microsoft.OperationalInsights/workspaces/${workspace}` +
    `/providers/Microsoft.SecurityInsights/incidents/${incident}`
  );
}

/**
 * Sentinel incidents through Azure Resource Manager (SPEC §11): read, update with optimistic
 * concurrency, comment. It loops only on 412; throttling and server errors are the caller's
 * queue's to retry, so a call here never waits long.
 */
export class SentinelArmClient {
  private readonly baseHref: string;
  private readonly base: URL;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: SentinelArmClientOptions) {
    this.baseHref = (options.baseUrl ?? 'https://management.azure.com').replace(/\/+$/, '');
    this.base = new URL(this.baseHref);
    // The bearer token must never cross the network in clear text; plain http is for local fakes.
    if (this.base.protocol !== 'https:' && !LOOPBACK.has(this.base.hostname)) {
      throw new Error(`ARM baseUrl ${this.base.origin} must use https`);
    }
    if (this.base.search || this.base.hash) {
      throw new Error('ARM baseUrl must not have a query or fragment');
    }
    this.fetchFn = options.fetch ?? fetch;
  }

  /** The incident and its current etag. */
  async getIncident(armId: string): Promise<ArmIncident> {
    const path = this.pathOf(armId, 'reading');
    const token = await this.token();
    return this.read(token, path);
  }

  /**
   * Applies `change` to the current incident and PUTs the whole object back with its etag
   * (`If-Match`). When someone changed it in between (412) it reads it again and re-applies, so
   * their change is kept. A change already in place sends nothing. Returns the incident's etag.
   */
  async updateIncident(
    armId: string,
    change: IncidentChange,
    options: UpdateIncidentOptions = {},
  ): Promise<string> {
    const path = this.pathOf(armId, 'updating');
    checkChange(change);
    const token = await this.token();
    const maxTries = Math.max(1, options.maxTries ?? MAX_PRECONDITION_TRIES);
    for (let tries = 1; ; tries += 1) {
      const current = await this.read(token, path);
      if (isApplied(current.body.properties, change)) return current.etag;
      const properties = applyChange(current.body.properties, change);
      const body = { ...current.body, etag: current.etag, properties };
      const what = `updating incident ${lastSegment(path)}`;
      const response = await this.call(token, 'PUT', path, what, body, current.etag);
      if (response.ok) return (await etagOf(response)) ?? (await this.read(token, path)).etag;
      if (response.status !== 412 || tries >= maxTries) {
        const suffix = response.status === 412 ? ` (changed concurrently ${tries} times)` : '';
        throw await this.error(response, what, suffix);
      }
      await this.pause(tries);
    }
  }

  /**
   * Adds (or, with the same id, rewrites) a comment: PUT with our own id, so a retry never
   * adds a second one.
   */
  async addComment(armId: string, commentId: string, message: string): Promise<void> {
    const path = this.pathOf(armId, 'commenting on');
    if (!COMMENT_ID.test(commentId)) {
      throw new ArmError(400, null, 'Sentinel comment refused: the comment id is not valid');
    }
    const text =
      message.length > MAX_COMMENT_LENGTH ? message.slice(0, MAX_COMMENT_LENGTH) : message;
    const token = await this.token();
    const what = `commenting on incident ${lastSegment(path)}`;
    const response = await this.call(token, 'PUT', `${path}/comments/${commentId}`, what, {
      properties: { message: text },
    });
    if (!response.ok) throw await this.error(response, what);
    await response.body?.cancel();
  }

  private pathOf(armId: string, verb: string): string {
    const path = incidentPath(armId);
    if (!path) {
      throw new ArmError(
        400,
        null,
        `Sentinel ${verb} incident refused: the id is not a Sentinel incident ARM id`,
      );
    }
    return path;
  }

  private async token(): Promise<string> {
    let token;
    try {
      token = await this.options.credential.getToken(ARM_SCOPE);
    } catch (error) {
      throw new ArmError(0, null, `getting an ARM token failed (${(error as Error).message})`);
    }
    if (!token?.token) throw new ArmError(0, null, 'the credential returned no ARM token');
    return token.token;
  }

  private async read(token: string, path: string): Promise<ArmIncident> {
    const what = `reading incident ${lastSegment(path)}`;
    const response = await this.call(token, 'GET', path, what);
    if (!response.ok) throw await this.error(response, what);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ArmError(response.status, null, `Sentinel ${what} failed: the answer is not JSON`);
    }
    const etag = response.headers.get('etag') ?? (body as { etag?: unknown } | null)?.etag;
    if (!isObject(body) || !isObject(body.properties) || typeof etag !== 'string' || !etag) {
      throw new ArmError(
        response.status,
        null,
        `Sentinel ${what} failed: the answer is not an incident with an etag`,
      );
    }
    return { etag, body: body as ArmIncident['body'] };
  }

  /** One request to `baseUrl`; a network failure or timeout is an ArmError with status 0. */
  private async call(
    token: string,
    method: 'GET' | 'PUT',
    path: string,
    what: string,
    body?: unknown,
    etag?: string,
  ): Promise<Response> {
    const url = new URL(`${this.baseHref}${path}?api-version=${SENTINEL_API_VERSION}`);
    if (url.origin !== this.base.origin) {
      throw new ArmError(400, null, `Sentinel ${what} refused: the URL left ${this.base.origin}`);
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (etag !== undefined) headers['if-match'] = quoted(etag);
    try {
      return await this.fetchFn(url.href, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect could carry the token to another host.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ArmError(0, null, `Sentinel ${what} failed: ${(error as Error).message}`);
    }
  }

  private error(response: Response, what: string, suffix = ''): Promise<ArmError> {
    return armError(response, what, suffix, this.options.clock?.() ?? new Date());
  }

  /** A short jittered pause so two writers that raced do not race again at once. */
  private pause(tries: number): Promise<void> {
    const random = this.options.random ?? Math.random;
    const ms = Math.floor(random() * 200 * tries);
    const sleep =
      this.options.sleep ?? ((wait: number) => new Promise<void>((r) => setTimeout(r, wait)));
    return sleep(ms);
  }
}

/** A refused change before anything is sent: values Sentinel would reject anyway. */
function checkChange(change: IncidentChange): void {
  const wrong = changeProblems(change);
  if (wrong.length > 0) {
    throw new ArmError(400, null, `Sentinel update refused: invalid ${wrong.join(', ')}`);
  }
}

/** ARM's `{"error":{"code","message"}}` and `Retry-After` as an ArmError; never the request. */
async function armError(
  response: Response,
  what: string,
  suffix: string,
  now: Date,
): Promise<ArmError> {
  let code: string | null = null;
  let detail = '';
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    code = typeof body.error?.code === 'string' ? body.error.code : null;
    const message = typeof body.error?.message === 'string' ? body.error.message : '';
    detail = code || message ? ` ${code ?? ''}: ${message}`.trimEnd().slice(0, 300) : '';
  } catch {
    // no JSON body: the status says enough
  }
  return new ArmError(
    response.status,
    retryAfterSeconds(response.headers.get('retry-after'), now),
    `Sentinel ${what} failed: HTTP ${response.status}${detail}${suffix}`,
    code,
  );
}

/** The etag of a PUT's answer: the `ETag` header, else the body's `etag`, else null. */
async function etagOf(response: Response): Promise<string | null> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // an empty or odd body: the header may still tell
  }
  const fromBody = isObject(body) && typeof body.etag === 'string' ? body.etag : null;
  return response.headers.get('etag') ?? fromBody;
}

/** Retry-After as whole seconds, from seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/** `If-Match` wants a quoted entity tag; ARM's etags usually come quoted already. */
function quoted(etag: string): string {
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
