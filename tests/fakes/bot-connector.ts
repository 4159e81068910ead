import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector service (Teams' `serviceUrl`), speaking the wire
 * protocol the Agents SDK's ConnectorClient uses: JSON activities in, `{ id }` resource
 * responses out, `{"error":{code,message}}` bodies on failure.
 */

export type ConnectorOperation = 'send' | 'reply' | 'update' | 'createConversation';

/** An activity as it crossed the wire (the SDK's outgoing JSON). */
export type WireActivity = Record<string, unknown> & {
  type?: string;
  text?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: unknown }[];
};

/** One request as the fake saw it, and what it answered. */
export interface ConnectorCall {
  operation: ConnectorOperation;
  method: string;
  path: string;
  /** URL-decoded (Teams ids contain `:` `@` `;`); for createConversation, the new id. */
  conversationId: string;
  /** The activity replied to or updated (URL-decoded); for sends, null. */
  activityId: string | null;
  /** The activity sent, replied or updated; for createConversation, its `activity` if any. */
  activity: WireActivity | null;
  body: unknown;
  authorization: string | undefined;
  status: number;
  /** The id the fake answered with (new activity or conversation), null on failure. */
  responseId: string | null;
  at: number;
}

/** What a gate may answer instead of the normal response. */
export interface Refusal {
  status: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
}

/**
 * A check every request passes before it is served, in order: injected faults first; Teams'
 * per-conversation rate limits are meant to be added as another gate.
 */
export type Gate = (request: { operation: ConnectorOperation; conversationId: string }) =>
  | Refusal
  | null;

export interface BotConnectorFake {
  /** The base to use as an activity's `serviceUrl`. */
  url: string;
  /** Every call, in arrival order, failed ones included. */
  calls: ConnectorCall[];
  /** Activities delivered (send or reply answered 2xx), optionally in one conversation. */
  sent(conversationId?: string): ConnectorCall[];
  /** Updates accepted, optionally in one conversation. */
  updates(conversationId?: string): ConnectorCall[];
  /** The first call, past or future, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** The next `times` requests get this status, an error body and, when given, `Retry-After`. */
  failNext(
    status: number,
    options?: { retryAfterSeconds?: number; times?: number; code?: string },
  ): void;
  /** Extra gates (rate limits) run after injected faults. */
  gates: Gate[];
  reset(): void;
  close(): Promise<void>;
}

const ERROR_CODES: Record<number, string> = {
  400: 'BadArgument',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'ActivityNotFoundInConversation',
  412: 'PreconditionFailed',
  413: 'MessageSizeTooBig',
  429: 'Throttled',
  500: 'ServiceError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const MAX_BODY = 1024 * 1024;

export async function startBotConnectorFake(): Promise<BotConnectorFake> {
  const calls: ConnectorCall[] = [];
  const faults: Refusal[] = [];
  const gates: Gate[] = [];
  /** conversation id → activity id → latest activity: what the conversation shows. */
  const conversations = new Map<string, Map<string, WireActivity>>();
  const waiters = new Set<(call: ConnectorCall) => void>();
  let nextId = 1_700_000_000_000;
  const newId = (): string => String((nextId += 1));

  const injected: Gate = () => faults.shift() ?? null;

  const record = (call: ConnectorCall): void => {
    calls.push(call);
    for (const waiter of [...waiters]) waiter(call);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, message: string, extra: Partial<Refusal> = {}): void => {
        const headers: Record<string, string> =
          extra.retryAfterSeconds !== undefined
            ? { 'retry-after': String(extra.retryAfterSeconds) }
            : {};
        send(status, { error: { code: extra.code ?? ERROR_CODES[status] ?? 'Error', message } }, headers);
      };

      const route = routeOf(req.method ?? '', req.url ?? '');
      if (!route) return fail(404, `No route ${req.method} ${req.url}`);
      if (size > MAX_BODY) return fail(413, 'The request body is too large');
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
      } catch {
        return fail(400, 'The body is not valid JSON');
      }
      if (!body || typeof body !== 'object') return fail(400, 'The body must be a JSON object');

      const call: ConnectorCall = {
        operation: route.operation,
        method: req.method ?? '',
        path: req.url ?? '',
        conversationId: route.conversationId,
        activityId: route.activityId,
        activity: route.operation === 'createConversation' ? activityIn(body) : (body as WireActivity),
        body,
        authorization: req.headers.authorization,
        status: 0,
        responseId: null,
        at: Date.now(),
      };
      const refusal = [injected, ...gates].reduce<Refusal | null>(
        (found, gate) => found ?? gate({ operation: call.operation, conversationId: call.conversationId }),
        null,
      );
      if (refusal) {
        record({ ...call, status: refusal.status });
        return fail(refusal.status, refusal.message ?? 'Refused by the fake connector', refusal);
      }

      const shown = conversations.get(call.conversationId);
      switch (call.operation) {
        case 'createConversation': {
          const id = `a:${newId()}`;
          conversations.set(id, new Map());
          const activityId = call.activity ? newId() : undefined;
          if (activityId && call.activity) conversations.get(id)?.set(activityId, call.activity);
          record({ ...call, conversationId: id, status: 200, responseId: id });
          return send(200, { id, ...(activityId ? { activityId } : {}) });
        }
        case 'update': {
          const id = call.activityId ?? '';
          if (!shown?.has(id)) {
            record({ ...call, status: 404 });
            return fail(404, `No activity ${id} in conversation ${call.conversationId}`);
          }
          shown.set(id, call.activity as WireActivity);
          record({ ...call, status: 200, responseId: id });
          return send(200, { id });
        }
        default: {
          const id = newId();
          if (!conversations.has(call.conversationId)) conversations.set(call.conversationId, new Map());
          conversations.get(call.conversationId)?.set(id, call.activity as WireActivity);
          record({ ...call, status: 201, responseId: id });
          return send(201, { id });
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const delivered = (call: ConnectorCall): boolean => call.status >= 200 && call.status < 300;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    gates,
    sent: (conversationId) =>
      calls.filter(
        (c) =>
          (c.operation === 'send' || c.operation === 'reply') &&
          delivered(c) &&
          (conversationId === undefined || c.conversationId === conversationId),
      ),
    updates: (conversationId) =>
      calls.filter(
        (c) =>
          c.operation === 'update' &&
          delivered(c) &&
          (conversationId === undefined || c.conversationId === conversationId),
      ),
    waitFor: (predicate, timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const seen = calls.find(predicate);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => {
          waiters.delete(check);
          const summary = calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join('; ');
          reject(new Error(`no matching connector call in ${timeoutMs} ms; saw: ${summary || 'none'}`));
        }, timeoutMs);
        const check = (call: ConnectorCall): void => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(call);
        };
        waiters.add(check);
      }),
    failNext: (status, options = {}) => {
      const refusal: Refusal = { status, retryAfterSeconds: options.retryAfterSeconds, code: options.code };
      for (let i = 0; i < (options.times ?? 1); i += 1) faults.push(refusal);
    },
    reset: () => {
      calls.length = 0;
      faults.length = 0;
      conversations.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Maps a request to an operation; path segments are URL-decoded as the real service does. */
function routeOf(
  method: string,
  rawUrl: string,
): { operation: ConnectorOperation; conversationId: string; activityId: string | null } | null {
  const path = rawUrl.split('?')[0] ?? '';
  const parts = path.split('/').filter((p) => p !== '');
  let segments: string[];
  try {
    segments = parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
  if (segments[0] !== 'v3' || segments[1] !== 'conversations') return null;
  const [, , conversationId, activities, activityId, ...rest] = segments;
  if (rest.length > 0) return null;
  if (conversationId === undefined) {
    return method === 'POST' ? { operation: 'createConversation', conversationId: '', activityId: null } : null;
  }
  if (activities !== 'activities') return null;
  if (activityId === undefined) {
    return method === 'POST' ? { operation: 'send', conversationId, activityId: null } : null;
  }
  if (method === 'POST') return { operation: 'reply', conversationId, activityId };
  if (method === 'PUT') return { operation: 'update', conversationId, activityId };
  return null;
}

function activityIn(body: unknown): WireActivity | null {
  const activity = (body as { activity?: unknown }).activity;
  return activity && typeof activity === 'object' ? (activity as WireActivity) : null;
}
