import { type ConversationTarget, type TeamsTransport, TransportError } from './sender.js';

export interface ConnectorTransportOptions {
  /** A Bot Connector bearer token (the SDK's MSAL token provider); none for local fakes. */
  getToken?: () => Promise<string>;
  /** Per request; a call that takes longer counts as a network error and is retried. */
  timeoutMs?: number;
  /** Injected for tests; `globalThis.fetch` by default. */
  fetch?: typeof fetch;
}

/**
 * The Bot Connector REST API over plain `fetch`: POST a new activity to a conversation, PUT an
 * updated one in place. Failures become `TransportError`s the outbox sender can reason about.
 */
export class ConnectorTransport implements TeamsTransport {
  constructor(private readonly options: ConnectorTransportOptions = {}) {}

  async send(
    target: ConversationTarget,
    activity: Record<string, unknown>,
  ): Promise<{ id: string }> {
    const body = await this.call('POST', activitiesUrl(target), withConversation(target, activity));
    const id = (body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '') {
      throw new TransportError(0, null, 'The connector accepted the activity without an id');
    }
    return { id };
  }

  async update(
    target: ConversationTarget,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<void> {
    const url = `${activitiesUrl(target)}/${encodeURIComponent(activityId)}`;
    await this.call('PUT', url, { ...withConversation(target, activity), id: activityId });
  }

  private async call(method: string, url: string, body: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (this.options.getToken) headers.authorization = `Bearer ${await this.options.getToken()}`;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TransportError(0, null, `${method} failed before an answer: ${reason}`);
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    if (response.ok) return parsed;
    const detail = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof detail?.code === 'string' ? detail.code : response.statusText;
    const message = typeof detail?.message === 'string' ? detail.message : text.slice(0, 200);
    throw new TransportError(
      response.status,
      retryAfter(response.headers.get('retry-after')),
      `${response.status} ${code}: ${message}`.trim(),
    );
  }
}

function activitiesUrl(target: ConversationTarget): string {
  const base = target.serviceUrl.replace(/\/+$/, '');
  return `${base}/v3/conversations/${encodeURIComponent(target.conversationId)}/activities`;
}

function withConversation(
  target: ConversationTarget,
  activity: Record<string, unknown>,
): Record<string, unknown> {
  return activity.conversation
    ? activity
    : { ...activity, conversation: { id: target.conversationId } };
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/** `Retry-After` is delay seconds or an HTTP date. */
function retryAfter(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1_000);
}
