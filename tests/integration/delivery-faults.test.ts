import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../bot/src/paths.js';
import { signBody } from '../../bot/src/sentinel/webhook-signature.js';
import { IncidentFactory } from '../../bench/lib/incident-factory.js';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  type Gate,
  startBotConnectorFake,
  teamsLimits,
  type TeamsLimitsGate,
} from '../fakes/bot-connector.js';
import {
  botAdded,
  channel,
  message,
  PEOPLE,
  personalChat,
  threadOf,
} from '../helpers/activities.js';
import { freePort, waitForHttp } from '../helpers/browser.js';
import { ENGINES, tempDir } from '../helpers/engines.js';
import { postIncident, settle, WEBHOOK_SECRET } from '../helpers/pipeline.js';
import { startTestService, type TestService } from '../helpers/service.js';

/** Cards the outbox sent (new activities, not replies to commands) per incident in a conversation. */
function cardsPerIncident(
  connector: BotConnectorFake,
  conversationId: string,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of connector.sent(conversationId).filter((c) => c.operation === 'send')) {
    const match = /^#(\d+) · /.exec(cardText(adaptiveCards(call.activity)[0]));
    if (match) counts.set(Number(match[1]), (counts.get(Number(match[1])) ?? 0) + 1);
  }
  return counts;
}

/** Every third call fails with 503, as a connector under trouble would. */
function failingEveryThird(): { gate: Gate; failed: () => number } {
  let calls = 0;
  let failed = 0;
  const gate: Gate = () => {
    calls += 1;
    if (calls % 3 !== 0) return null;
    failed += 1;
    return { status: 503, message: 'Service unavailable (injected)' };
  };
  return { gate, failed: () => failed };
}

describe.each(ENGINES)('delivery under faults on $name', (engine) => {
  let connector: BotConnectorFake;
  let limits: TeamsLimitsGate;
  let t: TestService;
  const ownerChat = personalChat();
  const room = channel();

  beforeEach(async () => {
    connector = await startBotConnectorFake();
    limits = teamsLimits();
    t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    for (const conversation of [ownerChat, room]) {
      await t.post(
        '/api/messages',
        botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation }),
      );
    }
    await t.post(
      '/api/messages',
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: threadOf(room),
        text: 'subscribe personal business clinical system',
      }),
    );
    await settle(t);
    connector.reset();
    connector.gates.push(limits);
  });
  afterEach(async () => {
    await t?.dispose();
    await connector?.close();
  });

  const postMany = async (factory: IncidentFactory, count: number): Promise<number[]> => {
    const numbers: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const { number, body } = factory.next();
      expect((await postIncident(t, body)).status).toBe(202);
      numbers.push(number);
    }
    return numbers;
  };

  it('loses and doubles nothing when the connector fails a third of all calls', async () => {
    const flaky = failingEveryThird();
    connector.gates.unshift(flaky.gate);
    const numbers = await postMany(new IncidentFactory(100), 12);
    await t.service.processor.drain();
    for (const n of numbers.slice(0, 4)) {
      await t.post(
        '/api/messages',
        message({
          serviceUrl: connector.url,
          from: PEOPLE.owner,
          conversation: ownerChat,
          text: `ack ${n}`,
        }),
      );
    }
    await settle(t);

    expect(flaky.failed()).toBeGreaterThanOrEqual(Math.floor(connector.calls.length / 3));
    expect(limits.refused).toEqual([]);
    const owner = cardsPerIncident(connector, ownerChat.id);
    expect([...owner.keys()].sort((a, b) => a - b)).toEqual(numbers);
    expect([...owner.values()].every((n) => n === 1)).toBe(true);
    // The acknowledged incidents' cards were edited in place, in both conversations.
    for (const n of numbers.slice(0, 4)) {
      for (const id of [ownerChat.id, room.id]) {
        const edits = connector
          .updates(id)
          .map((u) => cardText(adaptiveCards(u.activity)[0]))
          .filter((text) => text.startsWith(`#${n} · `));
        expect(edits.at(-1)).toContain('Acknowledged by');
      }
    }
    expect((await t.get('/readyz')).body.outbox).toEqual({ pending: 0, deadLetters: 0 });
  }, 90_000);

  it('queues a reply in the outbox when the chat is too busy to answer within the turn', async () => {
    // 60 cards went to the owner's chat 25 s ago: its next slot is 5 s away, too long for a turn.
    const now = Date.now();
    for (let i = 0; i < 60; i += 1) t.service.pacer.record(ownerChat.id, now - 25_000);
    const answer = await t.post(
      '/api/messages',
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: ownerChat,
        text: 'help',
      }),
    );
    expect(answer.status).toBeLessThan(300);
    expect(connector.calls).toEqual([]);
    expect(await t.service.outbox.pendingCount()).toBe(1);
    const sent = await connector.waitFor((c) => c.conversationId === ownerChat.id, 15_000);
    expect(sent.operation).toBe('send');
    expect(sent.at).toBeGreaterThanOrEqual(now + 5_000);
    expect(cardText(adaptiveCards(sent.activity)[0])).toContain('whoami');
    expect(limits.refused).toEqual([]);
  }, 30_000);

  it('a restart in the middle of a burst delivers the rest, each card once', async () => {
    const numbers = await postMany(new IncidentFactory(200), 30);
    await connector.waitFor(() => connector.sent(room.id).length >= 5, 10_000);
    await t.restart();
    await settle(t);

    expect(limits.refused).toEqual([]);
    // Owners see every incident; the channel, every classified one.
    const classified = (await t.service.incidents.byNumbers(numbers))
      .filter((s) => s.dataClass !== 'unclassified')
      .map((s) => s.incident.number);
    expect(classified.length).toBeGreaterThan(0);
    for (const [id, expected] of [
      [ownerChat.id, numbers],
      [room.id, classified],
    ] as const) {
      const cards = cardsPerIncident(connector, id);
      expect([...cards.keys()].sort((a, b) => a - b)).toEqual(expected);
      expect([...cards.values()].every((n) => n === 1)).toBe(true);
    }
  }, 90_000);
});

/** The built service as a process (`npm test` builds first), killed without warning mid-burst. */
describe('delivery across SIGKILL', () => {
  const START = path.join(packageRoot(), 'dist', 'bot', 'src', 'cli', 'start.js');
  let connector: BotConnectorFake;
  let dataDir: string;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    connector = await startBotConnectorFake();
    dataDir = tempDir();
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await connector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const startProcess = async (port: number): Promise<string> => {
    child = spawn(process.execPath, [START], {
      env: {
        PATH: process.env.PATH ?? '',
        PLAYGROUND: '0',
        DEMO_FEED: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        PORT: String(port),
        SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`);
    return base;
  };

  it('resumes after a kill mid-burst: nothing lost, at most the one call in flight repeated', async () => {
    const limits = teamsLimits();
    connector.gates.push(limits);
    const port = await freePort();
    const base = await startProcess(port);
    const owner = personalChat();
    const post = (pathname: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    await post(
      '/api/messages',
      JSON.stringify(
        botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: owner }),
      ),
    );
    await connector.waitFor((c) => c.conversationId === owner.id, 10_000);
    const factory = new IncidentFactory(300);
    const numbers: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const { number, body } = factory.next();
      const answer = await post(
        '/api/sentinel/incidents',
        body,
        signBody(WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000)),
      );
      expect(answer.status).toBe(202);
      numbers.push(number);
    }
    await connector.waitFor(() => cardsPerIncident(connector, owner.id).size >= 8, 15_000);
    child?.kill('SIGKILL');
    await new Promise((resolve) => child?.once('exit', resolve));
    const before = cardsPerIncident(connector, owner.id).size;
    expect(before).toBeLessThan(30);

    await startProcess(port);
    await connector.waitFor(() => cardsPerIncident(connector, owner.id).size === 30, 30_000);
    const cards = cardsPerIncident(connector, owner.id);
    expect([...cards.keys()].sort((a, b) => a - b)).toEqual(numbers);
    const repeated = [...cards.values()].filter((n) => n > 1).length;
    expect(repeated).toBeLessThanOrEqual(1);
    expect(limits.refused).toEqual([]);
  }, 90_000);
});
