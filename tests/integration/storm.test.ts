import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Pacer } from '../../core/teams/pacing.js';
import { cardAttachment } from '../../bot/src/teams/cards/adaptive-card.js';
import { digestCard } from '../../bot/src/teams/cards/digest-card.js';
import { ConnectorTransport } from '../../bot/src/teams/connector-transport.js';
import { OutboxSender } from '../../bot/src/teams/sender.js';
import { StormGuard } from '../../bot/src/teams/storm-guard.js';
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

const CHANNEL = '19:security@thread.tacv2';
const OWNER = 'a:owner-personal-chat';
const START = Date.parse('2026-03-01T09:00:00.000Z');

const incidentCard = (n: number) => ({
  type: 'message',
  attachments: [
    {
      contentType: ADAPTIVE_CARD,
      content: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: `Incident ${n}` }],
      },
    },
  ],
});

/** Incident numbers a conversation was shown: its own cards and the lines of its digests. */
function shownIn(connector: BotConnectorFake, conversationId: string): number[] {
  const numbers: number[] = [];
  for (const call of connector.sent(conversationId)) {
    const text = cardText(adaptiveCards(call.activity)[0]);
    const own = /^Incident (\d+)$/.exec(text);
    if (own) numbers.push(Number(own[1]));
    else for (const m of text.matchAll(/^#(\d+) · /gm)) numbers.push(Number(m[1]));
  }
  return numbers;
}

describe.each(ENGINES)('alert storm on $name', (engine) => {
  let ts: TestStore;
  let connector: BotConnectorFake;
  let repo: OutboxRepository;
  let virtual: number;
  const clock = () => new Date(virtual);

  beforeEach(async () => {
    virtual = START;
    ts = await engine.create();
    connector = await startBotConnectorFake();
    repo = new OutboxRepository(ts.store);
    const conversations = new ConversationsRepository(ts.store);
    for (const [id, kind] of [
      [CHANNEL, 'channel'],
      [OWNER, 'personal'],
    ] as const) {
      await conversations.install(
        {
          id,
          kind,
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
    }
  });
  afterEach(async () => {
    await connector.close();
    await ts.dispose();
  });

  const sender = () => {
    const pacer = new Pacer();
    return new OutboxSender({
      repo,
      conversations: new ConversationsRepository(ts.store),
      pacer,
      transport: new ConnectorTransport(),
      clock,
      random: () => 0.5,
      storm: new StormGuard({
        repo,
        pacer,
        digest: async (_conversation, numbers, since) => ({
          type: 'message',
          attachments: [
            cardAttachment(
              digestCard(
                numbers.map((number) => ({
                  number,
                  severity: 'High',
                  status: 'New',
                  dataClass: 'clinical',
                  title: `Incident ${number}`,
                })),
                since.toISOString(),
              ),
            ),
          ],
        }),
      }),
    });
  };

  it('folds a storm into digests: no limit exceeded, none lost or doubled, all shown within 60 s', async () => {
    const limits = teamsLimits(() => virtual);
    connector.gates.push(limits);
    const outbox = sender();
    const total = 600;
    // 50 incidents a second for 12 s into both conversations, the sender ticking every 100 ms.
    let n = 0;
    let firstCardAt: number | null = null;
    for (let step = 0; n < total || (await repo.pendingCount()) > 0; step += 1) {
      for (let i = 0; i < 5 && n < total; i += 1) {
        n += 1;
        for (const conversationId of [CHANNEL, OWNER]) {
          await repo.enqueue(
            {
              conversationId,
              kind: 'send',
              incidentNumber: n,
              dedupeKey: `card:${conversationId}:${n}`,
              activity: incidentCard(n),
            },
            clock(),
          );
        }
      }
      const tick = await outbox.tick();
      if (firstCardAt === null && tick.sent > 0) firstCardAt = virtual;
      virtual += 100;
      expect(step).toBeLessThan(2_000);
    }

    expect(limits.refused).toEqual([]);
    expect(firstCardAt! - START).toBeLessThanOrEqual(1_000);
    for (const conversationId of [CHANNEL, OWNER]) {
      const shown = shownIn(connector, conversationId);
      // Each incident exactly once: its own card or a digest line, never both, never neither.
      expect([...shown].sort((a, b) => a - b)).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
      // Far fewer calls than incidents: the storm went out as digests.
      expect(connector.sent(conversationId).length).toBeLessThan(total / 4);
    }
    const rows = await ts.store.db.selectFrom('outbox').selectAll().execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows.filter((r) => r.incident_number !== null)) {
      const carrier = row.folded_into ? byId.get(row.folded_into) : row;
      expect(carrier?.status).toBe('sent');
      const waited = Date.parse(carrier!.sent_at!) - Date.parse(row.created_at);
      expect(waited).toBeLessThanOrEqual(60_000);
    }
  }, 120_000);

  it('keeps sending, paced, when a digest cannot be built', async () => {
    const pacer = new Pacer();
    const outbox = new OutboxSender({
      repo,
      conversations: new ConversationsRepository(ts.store),
      pacer,
      transport: new ConnectorTransport(),
      clock,
      random: () => 0.5,
      storm: new StormGuard({
        repo,
        pacer,
        digest: () => Promise.reject(new Error('the incidents table is unreachable')),
      }),
    });
    // A millisecond apart: rows queued in the same millisecond have no defined order.
    for (let n = 1; n <= 150; n += 1) {
      await repo.enqueue(
        {
          conversationId: CHANNEL,
          kind: 'send',
          incidentNumber: n,
          dedupeKey: `card:${n}`,
          activity: incidentCard(n),
        },
        clock(),
      );
      virtual += 1;
    }
    const first = await outbox.tick();
    expect(first).toMatchObject({ folded: 0, sent: 7 });
    expect(shownIn(connector, CHANNEL)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves a burst that pacing clears in time as individual cards', async () => {
    const outbox = sender();
    for (let n = 1; n <= 40; n += 1) {
      await repo.enqueue(
        {
          conversationId: CHANNEL,
          kind: 'send',
          incidentNumber: n,
          dedupeKey: `card:${n}`,
          activity: incidentCard(n),
        },
        clock(),
      );
      virtual += 1;
    }
    for (let i = 0; i < 400 && (await repo.pendingCount()) > 0; i += 1) {
      expect((await outbox.tick()).folded).toBe(0);
      virtual += 100;
    }
    expect(connector.sent(CHANNEL)).toHaveLength(40);
    expect(shownIn(connector, CHANNEL)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a digest that cannot be sent yet is retried, and the rows it folded stay represented', async () => {
    const outbox = sender();
    for (let n = 1; n <= 150; n += 1) {
      await repo.enqueue(
        {
          conversationId: CHANNEL,
          kind: 'send',
          incidentNumber: n,
          dedupeKey: `card:${n}`,
          activity: incidentCard(n),
        },
        clock(),
      );
    }
    connector.failNext(503, { times: 3 });
    for (let i = 0; i < 600 && (await repo.pendingCount()) > 0; i += 1) {
      await outbox.tick();
      virtual += 250;
    }
    expect(await repo.pendingCount()).toBe(0);
    expect(await repo.countDead()).toBe(0);
    expect([...shownIn(connector, CHANNEL)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
  });
});
