import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PhiGuard } from '../../bot/src/phi/guard.js';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
} from '../fakes/bot-connector.js';
import {
  botAdded,
  channel,
  groupChat,
  message,
  PEOPLE,
  personalChat,
  threadOf,
} from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';
import {
  postIncident,
  readSample,
  sampleFiles,
  settle,
  WEBHOOK_SECRET,
} from '../helpers/pipeline.js';

const files = sampleFiles();

/** Sentinel → webhook → incidents → routing → outbox → the (fake) Bot Connector. */
describe.each(ENGINES)('alert cards from Sentinel to Teams on $name', (engine) => {
  let connector: BotConnectorFake;
  let t: TestService;
  const ownerChat = personalChat();
  const securityChannel = channel();

  const post = (body: string) => postIncident(t, body);

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    await t.post(
      '/api/messages',
      botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: ownerChat }),
    );
    await t.post(
      '/api/messages',
      botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: securityChannel }),
    );
    await t.post(
      '/api/messages',
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: threadOf(securityChannel),
        text: 'subscribe clinical',
      }),
    );
    for (const file of files.slice(0, 7)) expect((await post(readSample(file))).status).toBe(202);
    await settle(t);
  });
  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
  });

  const sends = (conversationId: string) =>
    connector.sent(conversationId).filter((c) => c.operation === 'send');

  it("puts one card per incident in the owner's chat and only clinical ones in the subscribed channel", async () => {
    expect(sends(ownerChat.id)).toHaveLength(7);
    const channelCards = sends(securityChannel.id).map((c) =>
      cardText(adaptiveCards(c.activity)[0]),
    );
    expect(channelCards).toHaveLength(3);
    expect(channelCards.every((text) => text.includes('clinical'))).toBe(true);
  });

  it('masks PHI in the channel card and shows the original in the owner personal chat', () => {
    const guard = PhiGuard.create();
    for (const call of sends(securityChannel.id)) {
      const shown = cardText(adaptiveCards(call.activity)[0]);
      expect(guard.spans(shown).filter((s) => s.type !== 'person_name')).toEqual([]);
    }
    const dlp = sends(ownerChat.id)
      .map((c) => cardText(adaptiveCards(c.activity)[0]))
      .find((text) => text.includes('DLP') || text.includes('health card'));
    expect(dlp).toBeDefined();
  });

  it('updates the existing cards in place when Sentinel sends an Update, and ignores a replay', async () => {
    const update = readSample(files[7]!);
    expect((await post(update)).status).toBe(202);
    await settle(t);
    const updates = connector.updates();
    expect(updates.map((u) => u.conversationId).sort()).toEqual(
      [ownerChat.id, securityChannel.id].sort(),
    );
    for (const u of updates) expect(cardText(adaptiveCards(u.activity)[0])).toContain('Active');
    expect(sends(ownerChat.id)).toHaveLength(7);

    const before = connector.calls.length;
    expect((await post(update)).body).toMatchObject({ duplicate: true });
    await settle(t);
    expect(connector.calls.length).toBe(before);
  });

  it('brings the open incidents of a class into a chat subscribed later', async () => {
    const billing = groupChat();
    await t.post(
      '/api/messages',
      botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: billing }),
    );
    await t.post(
      '/api/messages',
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: billing,
        text: 'subscribe business',
      }),
    );
    for (let i = 0; i < 600 && sends(billing.id).length < 2; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    await settle(t);
    const cards = sends(billing.id).map((c) => cardText(adaptiveCards(c.activity)[0]));
    expect(cards).toHaveLength(2);
    expect(cards.every((text) => text.includes('business'))).toBe(true);
  });

  it('shows the outbox in /readyz with no dead letters', async () => {
    const ready = await t.get('/readyz');
    expect(ready.body.outbox).toEqual({ pending: 0, deadLetters: 0 });
  });
});
