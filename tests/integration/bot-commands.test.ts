import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isLoopback } from '../../bot/src/http/messages-route.js';
import {
  adaptiveCards,
  type BotConnectorFake,
  type ConnectorCall,
  cardText,
  startBotConnectorFake,
} from '../fakes/bot-connector.js';
import {
  BOT_MENTION,
  channel,
  groupChat,
  message,
  PEOPLE,
  type Person,
  personalChat,
  type TeamsConversation,
  threadOf,
} from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';

describe.each(ENGINES)('bot commands on $name', (engine) => {
  let connector: BotConnectorFake;
  let t: TestService;

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    t = await startTestService({ engine });
  });
  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
  });

  /** Sends a message as `from` and returns the bot's answer to it, as the connector got it. */
  async function ask(
    from: Person,
    text: string,
    conversation: TeamsConversation = personalChat(),
    mention?: boolean,
  ): Promise<ConnectorCall> {
    const activity = message({ serviceUrl: connector.url, from, conversation, text, mention });
    const answer = await t.post('/api/messages', activity);
    expect(answer.status).toBe(200);
    const replies = connector.calls.filter((c) => c.activityId === activity.id);
    expect(replies).toHaveLength(1);
    const reply = replies[0] as ConnectorCall;
    expect(reply).toMatchObject({
      operation: 'reply',
      conversationId: conversation.id,
      status: 201,
    });
    return reply;
  }
  const cardOf = (reply: ConnectorCall) => {
    const cards = adaptiveCards(reply.activity);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    return cards[0] as Record<string, unknown>;
  };

  it('answers help in a personal chat with a card listing the commands', async () => {
    const reply = await ask(PEOPLE.owner, 'help');
    expect(reply.activity?.replyToId).toBe(reply.activityId);
    const text = cardText(cardOf(reply));
    expect(text).toContain('whoami: ');
    expect(text).toContain('help: ');
    expect(text).toContain('Your roles: PracticeOwner');
  });

  it('answers /help and an @mentioned help in a channel thread and a group chat the same way', async () => {
    const personal = cardOf(await ask(PEOPLE.owner, 'help'));
    const thread = threadOf(channel());
    expect(cardOf(await ask(PEOPLE.owner, '/help', thread))).toEqual(personal);
    expect(cardOf(await ask(PEOPLE.owner, 'help', thread))).toEqual(personal);
    expect(cardOf(await ask(PEOPLE.owner, 'HELP', groupChat()))).toEqual(personal);
    // Teams also sends the mention as plain text when the entity is missing.
    const bare = message({
      serviceUrl: connector.url,
      from: PEOPLE.owner,
      conversation: thread,
      text: `${BOT_MENTION} help`,
      mention: false,
    });
    expect((await t.post('/api/messages', bare)).status).toBe(200);
    const reply = await connector.waitFor((c) => c.activityId === bare.id);
    expect(cardOf(reply)).toEqual(personal);
  });

  it('tells a clinician their role and their row of the matrix', async () => {
    const text = cardText(cardOf(await ask(PEOPLE.clinician, 'whoami')));
    expect(text).toContain(PEOPLE.clinician.name);
    expect(text).toContain('Roles: ClinicalUser');
    expect(text).toContain('Clinical data: readwrite');
    expect(text).toContain('Business data: read');
    expect(text).toContain('Personal data: none');
    expect(text).toContain('System admin: none');
  });

  it('tells someone outside the directory that they hold no role', async () => {
    const text = cardText(cardOf(await ask(PEOPLE.stranger, 'WhoAmI')));
    expect(text).toContain('Roles: none');
    expect(text).toContain('Clinical data: none');
    expect(text).not.toMatch(/: (limited|read|readwrite|full)$/m);
  });

  it('answers an unknown word with the help card and a notice naming the word', async () => {
    const text = cardText(cardOf(await ask(PEOPLE.business, 'frobnicate the alerts')));
    expect(text).toMatch(/don't know "frobnicate"/);
    expect(text).toContain('whoami: ');
  });

  it('answers a command written wrongly with one line saying how to write it', async () => {
    const reply = await ask(PEOPLE.owner, 'whoami extra');
    expect(reply.activity?.attachments ?? []).toHaveLength(0);
    expect(reply.activity?.text).toMatch(/Write it as `whoami`/);
    expect(reply.activity?.text).not.toContain('\n');
  });

  it('audits each command, without the text of the message', async () => {
    const chat = personalChat();
    await ask(PEOPLE.clinician, 'Help', chat);
    await ask(PEOPLE.clinician, '/whoami', chat);
    await ask(PEOPLE.clinician, 'Jane Doe HCN 1234-567-890', chat);

    const mine = (await t.audit()).filter((e) => e.target.id === chat.id);
    expect(mine.map((e) => e.action)).toEqual(['command.help', 'command.whoami']);
    for (const entry of mine) {
      expect(entry).toMatchObject({
        actor: { id: PEOPLE.clinician.aadObjectId, kind: 'user' },
        roles: ['ClinicalUser'],
        outcome: 'allowed',
        channel: 'bot',
      });
    }
    const trail = JSON.stringify(await t.audit());
    for (const typed of ['Help', '/whoami', 'Jane', '1234-567-890'])
      expect(trail).not.toContain(typed);
  });

  it('refuses a body that is not an activity with a JSON error', async () => {
    for (const body of [{ hello: 'world' }, [], { type: 42 }]) {
      const answer = await t.post('/api/messages', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    const broken = await t.post('/api/messages', '{"type":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
  });
});

describe('bot traffic in local mode', () => {
  it('comes from this machine only', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopback(address)).toBe(true);
    }
    for (const address of ['192.0.2.7', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', undefined]) {
      expect(isLoopback(address)).toBe(false);
    }
  });

  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it('refuses a message sent from another address of this machine', async () => {
    expect(lan).toBeDefined();
    const connector = await startBotConnectorFake();
    const t = await startTestService({ env: { HOST: '0.0.0.0' } });
    try {
      const activity = message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: personalChat(),
        text: 'help',
      });
      const response = await fetch(`http://${lan}:${t.service.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: 'forbidden', message: expect.stringMatching(/this machine only/) },
      });
      expect(connector.calls).toHaveLength(0);
      expect((await t.post('/api/messages', activity)).status).toBe(200);
      expect(connector.sent()).toHaveLength(1);
    } finally {
      await t.dispose();
      await connector.close();
    }
  });
});
