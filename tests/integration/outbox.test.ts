import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Pacer } from '../../core/teams/pacing.js';
import { ConnectorTransport } from '../../bot/src/teams/connector-transport.js';
import { OutboxSender } from '../../bot/src/teams/sender.js';
import type { Store } from '../../bot/src/store/database.js';
import { ConversationsRepository } from '../../bot/src/store/conversations-repo.js';
import { OutboxRepository } from '../../bot/src/store/outbox-repo.js';
import {
  ADAPTIVE_CARD,
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
  teamsLimits,
} from '../fakes/bot-connector.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

const CHAT = '19:incident-room@thread.v2';
const START = Date.parse('2026-03-01T09:00:00.000Z');

const card = (text: string) => ({
  type: 'message',
  attachments: [
    {
      contentType: ADAPTIVE_CARD,
      content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] },
    },
  ],
});

/** The largest number of times inside any window [a, a + windowMs). */
function busiest(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe.each(ENGINES)('outbox and sender on $name', (engine) => {
  let ts: TestStore;
  let connector: BotConnectorFake;
  let repo: OutboxRepository;
  let virtual: number;
  const clock = () => new Date(virtual);

  const install = async (store: Store, id: string) =>
    new ConversationsRepository(store).install(
      {
        id,
        kind: 'groupChat',
        tenantId: 'tenant-1',
        serviceUrl: connector.url,
        channelId: 'msteams',
        teamId: null,
        userAadObjectId: null,
        name: id,
        reference: { conversation: { id }, serviceUrl: connector.url },
      },
      clock(),
    );

  const senderOn = (
    store: Store,
    overrides: Partial<ConstructorParameters<typeof OutboxSender>[0]> = {},
  ) =>
    new OutboxSender({
      repo: new OutboxRepository(store),
      conversations: new ConversationsRepository(store),
      pacer: new Pacer(),
      transport: new ConnectorTransport(),
      clock,
      random: () => 0.5,
      ...overrides,
    });

  const enqueueCard = (n: number, text: string, key = `card:${CHAT}:${n}:${text}`) =>
    repo.enqueue(
      {
        conversationId: CHAT,
        kind: 'send',
        incidentNumber: n,
        dedupeKey: key,
        activity: card(text),
      },
      clock(),
    );

  beforeEach(async () => {
    virtual = START;
    ts = await engine.create();
    connector = await startBotConnectorFake();
    repo = new OutboxRepository(ts.store);
    await install(ts.store, CHAT);
  });
  afterEach(async () => {
    await connector.close();
    await ts.dispose();
  });

  it('delivers a queued card and remembers it as the live card', async () => {
    await enqueueCard(42, 'Incident 42: sign-in from a new country');
    expect(await repo.pendingCount()).toBe(1);
    const result = await senderOn(ts.store).tick();
    expect(result.sent).toBe(1);
    const [delivered] = connector.sent(CHAT);
    expect(cardText(adaptiveCards(delivered!.activity)[0])).toContain('Incident 42');
    expect(await repo.cardFor(CHAT, 42)).toBe(delivered!.responseId);
    expect(await repo.pendingCount()).toBe(0);
  });

  it('updates the live card in place with PUT', async () => {
    const sender = senderOn(ts.store);
    await enqueueCard(7, 'Incident 7: New');
    await sender.tick();
    await repo.enqueue(
      {
        conversationId: CHAT,
        kind: 'update',
        incidentNumber: 7,
        dedupeKey: 'update:7:acked',
        activity: card('Incident 7: Acknowledged by Ana'),
      },
      clock(),
    );
    await sender.tick();
    const cardId = await repo.cardFor(CHAT, 7);
    const updates = connector.updates(CHAT);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.method).toBe('PUT');
    expect(updates[0]!.activityId).toBe(cardId);
    expect(cardText(adaptiveCards(updates[0]!.activity)[0])).toContain('Acknowledged by Ana');
    expect(connector.sent(CHAT)).toHaveLength(1);
  });

  it('never sends an older update of a card after a newer one', async () => {
    const sender = senderOn(ts.store);
    await enqueueCard(9, 'Incident 9: New');
    await sender.tick();
    const update = (key: string, text: string) =>
      repo.enqueue(
        {
          conversationId: CHAT,
          kind: 'update',
          incidentNumber: 9,
          dedupeKey: key,
          activity: card(text),
        },
        clock(),
      );
    // The older update fails and waits for its retry; the newer one is queued meanwhile.
    connector.failNext(503);
    await update('update:9:acked', 'Incident 9: Acknowledged');
    await sender.tick();
    virtual += 1;
    await update('update:9:closed', 'Incident 9: Closed');
    virtual += 60_000;
    await sender.tick();
    await sender.tick();
    const shown = connector.updates(CHAT).map((u) => cardText(adaptiveCards(u.activity)[0]));
    expect(shown).toEqual(['Incident 9: Closed']);
    expect(await repo.pendingCount()).toBe(0);
  });

  it('waits for a queued card before updating it', async () => {
    const sender = senderOn(ts.store);
    connector.failNext(503);
    await enqueueCard(8, 'Incident 8: New');
    await sender.tick();
    await repo.enqueue(
      {
        conversationId: CHAT,
        kind: 'update',
        incidentNumber: 8,
        dedupeKey: 'update:8:acked',
        activity: card('Incident 8: Acknowledged'),
      },
      clock(),
    );
    for (let i = 0; i < 4; i += 1) {
      await sender.tick();
      virtual += 1_000;
    }
    expect(connector.sent(CHAT)).toHaveLength(1);
    expect(connector.updates(CHAT)).toHaveLength(1);
    expect(connector.updates(CHAT)[0]!.activityId).toBe(await repo.cardFor(CHAT, 8));
  });

  it('honours Retry-After on 429 and delivers once', async () => {
    const sender = senderOn(ts.store);
    connector.failNext(429, { retryAfterSeconds: 1 });
    const { id } = await enqueueCard(1, 'Incident 1');
    expect((await sender.tick()).retried).toBe(1);
    virtual += 999;
    await sender.tick();
    expect(connector.calls).toHaveLength(1);
    virtual += 1;
    expect((await sender.tick()).sent).toBe(1);
    expect(connector.calls.map((c) => c.status)).toEqual([429, 201]);
    expect(connector.sent(CHAT)).toHaveLength(1);
    expect((await repo.get(id))?.status).toBe('sent');
  });

  it('retries 503 with backoff and counts the attempts', async () => {
    const sender = senderOn(ts.store);
    connector.failNext(503, { times: 2 });
    const { id } = await enqueueCard(2, 'Incident 2');
    for (let i = 0; i < 5; i += 1) {
      await sender.tick();
      virtual += 1_000;
    }
    expect(connector.calls.map((c) => c.status)).toEqual([503, 503, 201]);
    expect(connector.sent(CHAT)).toHaveLength(1);
    const row = await repo.get(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row?.lastError).toBeNull();
  });

  it('dead-letters a 400 at once, visibly, with the error', async () => {
    const sender = senderOn(ts.store);
    connector.failNext(400);
    const { id } = await enqueueCard(3, 'Incident 3');
    expect((await sender.tick()).dead).toBe(1);
    virtual += 120_000;
    await sender.tick();
    expect(connector.calls).toHaveLength(1);
    expect(await repo.countDead()).toBe(1);
    expect(await repo.pendingCount()).toBe(0);
    const [dead] = await repo.deadLetters(10);
    expect(dead).toMatchObject({ id, status: 'dead', attempts: 1 });
    expect(dead?.lastError).toContain('400 BadArgument');
  });

  it('dead-letters after six failed attempts', async () => {
    const sender = senderOn(ts.store);
    connector.failNext(502, { times: 10 });
    await enqueueCard(4, 'Incident 4');
    for (let i = 0; i < 10; i += 1) {
      await sender.tick();
      virtual += 60_000;
    }
    expect(connector.calls).toHaveLength(6);
    const [dead] = await repo.deadLetters(10);
    expect(dead).toMatchObject({ attempts: 6 });
    expect(dead?.lastError).toContain('502');
  });

  it('paces a burst of 30 cards under the per-conversation limits', async () => {
    const limits = teamsLimits(() => virtual);
    connector.gates.push(limits);
    const sender = senderOn(ts.store);
    // A millisecond apart: rows queued in the same millisecond have no defined order.
    for (let n = 1; n <= 30; n += 1) {
      await enqueueCard(n, `Incident ${n}`);
      virtual += 1;
    }
    for (let i = 0; i < 1_000 && (await repo.pendingCount()) > 0; i += 1) {
      await sender.tick();
      virtual += 100;
    }
    expect(connector.sent(CHAT)).toHaveLength(30);
    expect(connector.calls.every((c) => c.status === 201)).toBe(true);
    expect(limits.refused).toEqual([]);
    const arrivals = limits.accepted.get(CHAT) ?? [];
    expect(busiest(arrivals, 1_000)).toBeLessThanOrEqual(7);
    expect(busiest(arrivals, 2_000)).toBeLessThanOrEqual(8);
    // Paced, not dropped: every incident's card arrived, in the order queued.
    const texts = connector.sent(CHAT).map((c) => cardText(adaptiveCards(c.activity)[0]));
    expect(texts).toEqual(Array.from({ length: 30 }, (_, i) => `Incident ${i + 1}`));
  });

  it('a restarted sender delivers what is left, nothing twice, still paced', async () => {
    virtual = Date.now();
    const realClock = () => new Date();
    const limits = teamsLimits();
    connector.gates.push(limits);
    for (let n = 1; n <= 12; n += 1) await enqueueCard(n, `Incident ${n}`);
    const first = senderOn(ts.store, { clock: realClock, intervalMs: 20 });
    first.start();
    await connector.waitFor(() => connector.sent(CHAT).length >= 7, 5_000);
    await first.stop();
    const before = connector.calls.length;
    expect(connector.sent(CHAT).length).toBeLessThan(12);
    expect(await repo.pendingCount()).toBe(12 - connector.sent(CHAT).length);

    const reopened = ts.reopen();
    const second = senderOn(reopened, { clock: realClock, intervalMs: 20 });
    second.start();
    const deadline = Date.now() + 8_000;
    while ((await repo.pendingCount()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await second.stop();
    expect(connector.calls.length).toBeGreaterThan(before);
    const texts = connector.sent(CHAT).map((c) => cardText(adaptiveCards(c.activity)[0]));
    expect([...texts].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `Incident ${i + 1}`).sort(),
    );
    expect(connector.calls.every((c) => c.status === 201)).toBe(true);
    expect(limits.refused).toEqual([]);
    expect(busiest(limits.accepted.get(CHAT) ?? [], 1_000)).toBeLessThanOrEqual(7);
  }, 15_000);

  it('sends a dedupe key once however often it is enqueued', async () => {
    const first = await enqueueCard(5, 'Incident 5', 'card:5');
    const again = await enqueueCard(5, 'Incident 5', 'card:5');
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const sender = senderOn(ts.store);
    await sender.tick();
    await enqueueCard(5, 'Incident 5', 'card:5');
    await sender.tick();
    expect(connector.sent(CHAT)).toHaveLength(1);
  });

  it('retries a network error and sends the bearer token when given one', async () => {
    await ts.store.db
      .updateTable('conversations')
      .set({ service_url: 'http://127.0.0.1:1/' })
      .where('id', '=', CHAT)
      .execute();
    const transport = new ConnectorTransport({ getToken: async () => 'token-1', timeoutMs: 2_000 });
    const sender = senderOn(ts.store, { transport });
    const { id } = await enqueueCard(6, 'Incident 6');
    expect((await sender.tick()).retried).toBe(1);
    expect((await repo.get(id))?.lastError).toContain('failed before an answer');
    await ts.store.db
      .updateTable('conversations')
      .set({ service_url: connector.url })
      .where('id', '=', CHAT)
      .execute();
    virtual += 1_000;
    expect((await sender.tick()).sent).toBe(1);
    expect(connector.sent(CHAT)[0]?.authorization).toBe('Bearer token-1');
  });

  it('dead-letters a card for a conversation the bot is not in', async () => {
    await repo.enqueue(
      {
        conversationId: 'unknown',
        kind: 'send',
        incidentNumber: 9,
        dedupeKey: 'x',
        activity: card('x'),
      },
      clock(),
    );
    await senderOn(ts.store).tick();
    expect(connector.calls).toHaveLength(0);
    expect((await repo.deadLetters(5))[0]?.lastError).toContain('not installed');
  });
});
