import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

/** One request as the fake saw it. */
export interface ArmFakeRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization: string | undefined;
  ifMatch: string | undefined;
  body: unknown;
  /** The status the fake answered. */
  status: number;
}

/** A stored incident: its etag (quoted, as ARM gives it) and the resource as GET returns it. */
export interface ArmFakeIncident {
  etag: string;
  body: Json & { properties: Json };
}

/** A stored incident comment. */
export interface ArmFakeComment {
  id: string;
  message: string;
  createdTimeUtc: string;
}

/** A running fake of the ARM Sentinel incidents API; `url` is the base to give the client. */
export interface ArmFake {
  url: string;
  requests: ArmFakeRequest[];
  /** Adds (or replaces) an incident under its ARM id; returns its etag. */
  seed(armId: string, properties: Json): string;
  incident(armId: string): ArmFakeIncident | undefined;
  comments(armId: string): ArmFakeComment[];
  /** The next `count` requests get `status`, an ARM error body and, when given, these headers. */
  failNext(
    status: number,
    options?: { count?: number; retryAfterSeconds?: number; headers?: Record<string, string> },
  ): void;
  /**
   * Someone else changes the incident after our GET: the next `times` PUTs of it first apply
   * `mutate` to the stored properties and give it a new etag, so the PUT's If-Match is stale.
   */
  changeBeforeNextPut(armId: string, mutate: (properties: Json) => void, times?: number): void;
  close(): Promise<void>;
}

const API_VERSION = '2024-09-01';
const INCIDENT_PATH =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+\/providers\/Microsoft\.SecurityInsights\/incidents\/[^/]+)(?:\/comments\/([^/]+))?$/i;
const REQUIRED = ['title', 'severity', 'status'] as const;
const ENUMS: Record<string, readonly string[]> = {
  severity: ['High', 'Medium', 'Low', 'Informational'],
  status: ['New', 'Active', 'Closed'],
  classification: ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'],
};
// Read-only properties the service keeps whatever a PUT says.
const SERVER_OWNED = ['incidentNumber', 'createdTimeUtc', 'incidentUrl', 'additionalData'];
const ERROR_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'AuthenticationFailed',
  403: 'AuthorizationFailed',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

const newEtag = (): string => `"${randomUUID()}"`;

/**
 * A local stand-in for `Microsoft.SecurityInsights/incidents` and their comments, speaking ARM's
 * wire format: `api-version` required, bearer token checked, quoted etags that change on every
 * PUT, `If-Match` (and the body's `etag`) enforced with 412, `{"error":{code,message}}` bodies.
 */
export async function startArmFake(options: { token: string }): Promise<ArmFake> {
  const incidents = new Map<string, ArmFakeIncident>();
  const comments = new Map<string, ArmFakeComment[]>();
  const requests: ArmFakeRequest[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const interference = new Map<string, { mutate: (p: Json) => void; times: number }>();

  const seed = (armId: string, properties: Json): string => {
    const name = armId.slice(armId.lastIndexOf('/') + 1);
    const etag = newEtag();
    incidents.set(armId.toLowerCase(), {
      etag,
      body: {
        id: armId,
        name,
        etag,
        type: 'Microsoft.SecurityInsights/Incidents',
        properties: structuredClone(properties),
      },
    });
    return etag;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const record: ArmFakeRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        ifMatch: req.headers['if-match'],
        body,
        status: 0,
      };
      requests.push(record);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const fail = (status: number, message: string, headers: Record<string, string> = {}) =>
        send(status, { error: { code: ERROR_CODES[status] ?? 'Error', message } }, headers);
      handle(req, body, send, fail);
    });
  });

  function handle(
    req: http.IncomingMessage,
    body: unknown,
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    fail: (status: number, message: string, headers?: Record<string, string>) => void,
  ): void {
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return fail(401, 'The access token is missing or invalid.');
    }
    const failure = failures.shift();
    if (failure) return fail(failure.status, 'Injected failure.', failure.headers);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.searchParams.get('api-version') !== API_VERSION) {
      return fail(400, `The api-version '${url.searchParams.get('api-version')}' is invalid.`);
    }
    const match = INCIDENT_PATH.exec(url.pathname);
    if (!match) return fail(404, `No route for '${url.pathname}'.`);
    const key = match[1]!.toLowerCase();
    const incident = incidents.get(key);
    if (match[2] !== undefined) {
      if (req.method !== 'PUT') return fail(405, 'Only PUT of comments is faked.');
      if (!incident) return fail(404, 'Incident not found.');
      return putComment(key, match[1]!, match[2], body, send, fail);
    }
    if (req.method === 'GET') {
      if (!incident) return fail(404, 'Incident not found.');
      return send(200, incident.body, { etag: incident.etag });
    }
    if (req.method !== 'PUT') return fail(405, 'Only GET and PUT are faked.');
    if (!incident) return fail(404, 'Incident not found.');
    const meddle = interference.get(key);
    if (meddle) {
      meddle.mutate(incident.body.properties);
      incident.etag = incident.body.etag = newEtag();
      if ((meddle.times -= 1) <= 0) interference.delete(key);
    }
    const ifMatch = req.headers['if-match'];
    const bodyEtag = (body as Json | undefined)?.etag;
    if (
      (ifMatch !== undefined && ifMatch !== incident.etag && ifMatch !== '*') ||
      (typeof bodyEtag === 'string' && bodyEtag !== incident.etag)
    ) {
      return fail(412, 'The etag does not match the current incident.');
    }
    const problem = invalidIncident(body);
    if (problem) return fail(400, problem);
    const properties = { ...((body as Json).properties as Json) };
    for (const field of SERVER_OWNED) {
      if (field in incident.body.properties) properties[field] = incident.body.properties[field];
    }
    properties.lastModifiedTimeUtc = new Date().toISOString();
    incident.etag = newEtag();
    incident.body = { ...incident.body, etag: incident.etag, properties };
    return send(200, incident.body, { etag: incident.etag });
  }

  function putComment(
    key: string,
    armId: string,
    commentId: string,
    body: unknown,
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    fail: (status: number, message: string) => void,
  ): void {
    const message = ((body as Json | undefined)?.properties as Json | undefined)?.message;
    if (typeof message !== 'string' || message === '') {
      return fail(400, 'properties.message is required.');
    }
    if (message.length > 30_000) return fail(400, 'properties.message is too long.');
    const list = comments.get(key) ?? [];
    const existing = list.find((c) => c.id === commentId);
    const comment = existing ?? {
      id: commentId,
      message,
      createdTimeUtc: new Date().toISOString(),
    };
    comment.message = message;
    if (!existing) list.push(comment);
    comments.set(key, list);
    return send(existing ? 200 : 201, {
      id: `${armId}/comments/${commentId}`,
      name: commentId,
      etag: newEtag(),
      type: 'Microsoft.SecurityInsights/Incidents/Comments',
      properties: {
        message,
        createdTimeUtc: comment.createdTimeUtc,
        author: { objectId: null, name: 'Life Cockpit Security', userPrincipalName: null },
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    seed,
    incident: (armId) => incidents.get(armId.toLowerCase()),
    comments: (armId) => comments.get(armId.toLowerCase()) ?? [],
    failNext: (status, opts = {}) => {
      const headers = { ...(opts.headers ?? {}) };
      if (opts.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(opts.retryAfterSeconds);
      }
      for (let i = 0; i < (opts.count ?? 1); i += 1) failures.push({ status, headers });
    },
    changeBeforeNextPut: (armId, mutate, times = 1) =>
      interference.set(armId.toLowerCase(), { mutate, times }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What Sentinel would refuse in an incident PUT (SPEC §11), or null. */
function invalidIncident(body: unknown): string | null {
  const properties = (body as Json | undefined)?.properties as Json | undefined;
  if (typeof properties !== 'object' || properties === null) return 'properties are required.';
  const missing = REQUIRED.filter((f) => typeof properties[f] !== 'string' || properties[f] === '');
  if (missing.length > 0) return `Missing required properties: ${missing.join(', ')}.`;
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const value = properties[field];
    if (value !== undefined && value !== null && !allowed.includes(String(value))) {
      return `'${String(value)}' is not a valid ${field}.`;
    }
  }
  if (properties.status === 'Closed' && !properties.classification) {
    return 'Classification is required when closing an incident.';
  }
  return null;
}
