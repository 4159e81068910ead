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
 * A check every request passes before it is served, in order: injected faults first, then the
 * gates added (such as `teamsLimits()`, Teams' rate limits).
 */
export type Gate = (request: {
  operation: ConnectorOperation;
  conversationId: string;
}) => Refusal | null;

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

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const errorAnswer = (status: number, message: string, refusal: Partial<Refusal> = {}): Answer => ({
  status,
  body: { error: { code: refusal.code ?? ERROR_CODES[status] ?? 'Error', message } },
  headers:
    refusal.retryAfterSeconds === undefined
      ? {}
      : { 'retry-after': String(refusal.retryAfterSeconds) },
});

export async function startBotConnectorFake(): Promise<BotConnectorFake> {
  const calls: ConnectorCall[] = [];
  const faults: Refusal[] = [];
  const gates: Gate[] = [];
  /** conversation id → activity id → latest activity: what each conversation shows. */
  const shown = new Map<string, Map<string, WireActivity>>();
  const waiters = new Set<(call: ConnectorCall) => void>();
  let lastId = 1_700_000_000_000;
  const newId = (): string => String((lastId += 1));
  const conversation = (id: string): Map<string, WireActivity> =>
    shown.get(id) ?? shown.set(id, new Map()).get(id)!;

  /** What the real service does with an accepted request; the id it answers with. */
  const serve = (call: ConnectorCall): Answer & { id: string | null; conversationId: string } => {
    const { conversationId, activity } = call;
    switch (call.operation) {
      case 'createConversation': {
        const id = `a:${newId()}`;
        const activityId = activity ? newId() : undefined;
        if (activityId && activity) conversation(id).set(activityId, activity);
        return { status: 200, body: { id, activityId }, id, conversationId: id };
      }
      case 'update': {
        const id = call.activityId ?? '';
        if (!shown.get(conversationId)?.has(id)) {
          const missing = errorAnswer(404, `No activity ${id} in conversation ${conversationId}`);
          return { ...missing, id: null, conversationId };
        }
        conversation(conversationId).set(id, activity as WireActivity);
        return { status: 200, body: { id }, id, conversationId };
      }
      default: {
        const id = newId();
        conversation(conversationId).set(id, activity as WireActivity);
        return { status: 201, body: { id }, id, conversationId };
      }
    }
  };

  const handle = (req: http.IncomingMessage, raw: Buffer | null): Answer => {
    const route = routeOf(req.method ?? '', req.url ?? '');
    if (!route) return errorAnswer(404, `No route ${req.method} ${req.url}`);
    if (!raw) return errorAnswer(413, 'The request body is too large');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return errorAnswer(400, 'The body is not valid JSON');
    }
    const isActivity = (value: unknown): value is WireActivity =>
      !!value && typeof value === 'object' && typeof (value as WireActivity).type === 'string';
    const create = route.operation === 'createConversation';
    if (create ? !body || typeof body !== 'object' : !isActivity(body)) {
      return errorAnswer(400, 'The body must be an activity with a type');
    }
    const call: ConnectorCall = {
      ...route,
      method: req.method ?? '',
      path: req.url ?? '',
      activity: create ? activityIn(body) : (body as WireActivity),
      body,
      authorization: req.headers.authorization,
      status: 0,
      responseId: null,
      at: Date.now(),
    };
    const gate = { operation: call.operation, conversationId: call.conversationId };
    const refusal = [() => faults.shift() ?? null, ...gates].reduce<Refusal | null>(
      (found, check) => found ?? check(gate),
      null,
    );
    const answer = refusal
      ? { ...errorAnswer(refusal.status, refusal.message ?? 'Refused', refusal), id: null }
      : serve(call);
    const recorded: ConnectorCall = {
      ...call,
      conversationId: 'conversationId' in answer ? answer.conversationId : call.conversationId,
      status: answer.status,
      responseId: answer.id,
    };
    calls.push(recorded);
    for (const waiter of [...waiters]) waiter(recorded);
    return answer;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const answer = handle(req, size > MAX_BODY ? null : Buffer.concat(chunks));
      res.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      res.end(JSON.stringify(answer.body));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const delivered = (call: ConnectorCall, operations: ConnectorOperation[], id?: string) =>
    operations.includes(call.operation) &&
    call.status >= 200 &&
    call.status < 300 &&
    (id === undefined || call.conversationId === id);

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    gates,
    sent: (id) => calls.filter((c) => delivered(c, ['send', 'reply'], id)),
    updates: (id) => calls.filter((c) => delivered(c, ['update'], id)),
    waitFor: (predicate, timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const seen = calls.find(predicate);
        if (seen) return resolve(seen);
        const check = (call: ConnectorCall): void => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(call);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join('; ');
          reject(
            new Error(`no matching connector call in ${timeoutMs} ms; saw: ${seen || 'none'}`),
          );
        }, timeoutMs);
        waiters.add(check);
      }),
    failNext: (status, { retryAfterSeconds, times = 1, code } = {}) => {
      for (let i = 0; i < times; i += 1) faults.push({ status, retryAfterSeconds, code });
    },
    reset: () => {
      calls.length = 0;
      faults.length = 0;
      shown.clear();
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
    return method === 'POST'
      ? { operation: 'createConversation', conversationId: '', activityId: null }
      : null;
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

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Cards an activity carries, as a Teams client would render them. */
export function adaptiveCards(activity: WireActivity | null): Record<string, unknown>[] {
  return (activity?.attachments ?? [])
    .filter((a) => a.contentType === ADAPTIVE_CARD)
    .map((a) => a.content as Record<string, unknown>);
}

/** Every text a person sees on a card: text blocks and fact set lines (`title: value`). */
export function cardText(card: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') lines.push(element.text);
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts as { title: string; value: string }[]) {
        lines.push(`${fact.title}: ${fact.value}`);
      }
    }
    for (const key of ['body', 'items', 'columns', 'rows', 'cells', 'actions']) walk(element[key]);
  };
  walk(card);
  return lines.join('\n');
}

/** Teams' limits for one bot (SPEC §3), written out here independently of the app's pacer. */
const TEAMS_WINDOWS = {
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, windowMs: 1_000 }],
};

/** A gate that enforces Teams' limits, and what it saw. */
export interface TeamsLimitsGate extends Gate {
  /** Calls answered 429 because they were over a limit: each one is a pacing failure. */
  readonly refused: { conversationId: string; at: number }[];
  /** Times of the calls let through, per conversation. */
  readonly accepted: Map<string, number[]>;
}

/**
 * Teams' rate limits enforced as Teams does: a call that would put a conversation or the tenant
 * over any window is refused with 429 and `Retry-After`. `now` may be a virtual clock.
 */
export function teamsLimits(now: () => number = Date.now): TeamsLimitsGate {
  const accepted = new Map<string, number[]>();
  const tenant: number[] = [];
  const refused: { conversationId: string; at: number }[] = [];
  const over = (times: readonly number[], at: number, windows: typeof TEAMS_WINDOWS.perTenant) =>
    windows.some(({ limit, windowMs }) => {
      let inside = 1;
      for (let i = times.length - 1; i >= 0 && at - (times[i] as number) < windowMs; i -= 1) {
        inside += 1;
      }
      return inside > limit;
    });
  const gate = (({ conversationId }) => {
    const at = now();
    const times = accepted.get(conversationId) ?? [];
    if (
      over(times, at, TEAMS_WINDOWS.perConversation) ||
      over(tenant, at, TEAMS_WINDOWS.perTenant)
    ) {
      refused.push({ conversationId, at });
      return { status: 429, retryAfterSeconds: 1, message: 'Too many requests' };
    }
    if (!accepted.has(conversationId)) accepted.set(conversationId, times);
    times.push(at);
    tenant.push(at);
    return null;
  }) as TeamsLimitsGate;
  return Object.assign(gate, { refused, accepted });
}
