import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
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
  installationUpdate,
  PEOPLE,
  personalChat,
  TEAM,
  TENANT_ID,
  type TeamsConversation,
} from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';

describe.each(ENGINES)('bot installs on $name', (engine) => {
  let connector: BotConnectorFake;
  let t: TestService;

  beforeEach(async () => {
    connector = await startBotConnectorFake();
    t = await startTestService({ engine });
  });
  afterEach(async () => {
    await t.dispose();
    await connector.close();
  });

  const serviceUrl = () => connector.url;
  const deliver = async (activity: object): Promise<void> => {
    const answer = await t.post('/api/messages', activity);
    expect(answer.status).toBe(200);
  };
  const welcomes = (conversation: TeamsConversation) =>
    connector.sent(conversation.id).filter((call) => {
      const [card] = adaptiveCards(call.activity);
      return card !== undefined && cardText(card).includes('Life Cockpit Security is installed');
    });
  const installed = async () => (await t.service.conversations.listInstalled()).map((c) => c.id);

  it('remembers a personal install once and welcomes the person exactly once', async () => {
    const chat = personalChat();
    const from = PEOPLE.owner;
    await deliver(botAdded({ serviceUrl: serviceUrl(), from, conversation: chat }));
    await deliver(
      installationUpdate({ serviceUrl: serviceUrl(), from, conversation: chat, action: 'add' }),
    );

    expect(await t.service.conversations.get(chat.id)).toMatchObject({
      kind: 'personal',
      userAadObjectId: from.aadObjectId,
      tenantId: TENANT_ID,
      serviceUrl: connector.url,
      channelId: 'msteams',
      uninstalledAt: null,
    });
    expect((await installed()).filter((id) => id === chat.id)).toHaveLength(1);

    expect(connector.sent()).toHaveLength(1);
    const [welcome] = welcomes(chat);
    expect(welcome?.operation).toBe('reply');
    const [card] = adaptiveCards(welcome?.activity ?? null);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardText(card)).toMatch(/Type `help`/);
    // Local mode has no bot identity: no token is ever sent to the connector.
    expect(welcome?.authorization).toBeUndefined();
  });

  it('remembers a channel install with its team and welcomes the channel', async () => {
    const security = channel('Security');
    await deliver(
      botAdded({ serviceUrl: serviceUrl(), from: PEOPLE.owner, conversation: security }),
    );

    expect(await t.service.conversations.get(security.id)).toMatchObject({
      kind: 'channel',
      teamId: TEAM.id,
      tenantId: TENANT_ID,
      userAadObjectId: null,
    });
    expect(welcomes(security)).toHaveLength(1);
    expect(cardText(adaptiveCards(welcomes(security)[0]?.activity ?? null)[0])).toMatch(
      /subscribe/,
    );
  });

  it('remembers a group chat install and welcomes the chat', async () => {
    const chat = groupChat();
    const event = { serviceUrl: serviceUrl(), from: PEOPLE.clinician, conversation: chat };
    await deliver(installationUpdate({ ...event, action: 'add' }));
    await deliver(botAdded(event));

    expect(await t.service.conversations.get(chat.id)).toMatchObject({
      kind: 'groupChat',
      userAadObjectId: null,
      uninstalledAt: null,
    });
    expect(welcomes(chat)).toHaveLength(1);
    expect(connector.sent()).toHaveLength(1);
  });

  it('ignores a colleague joining a conversation the bot is not in', async () => {
    const chat = groupChat();
    const joined = botAdded({ serviceUrl: serviceUrl(), from: PEOPLE.owner, conversation: chat });
    await deliver({
      ...joined,
      membersAdded: [{ id: '29:1colleague', aadObjectId: PEOPLE.business.aadObjectId }],
    });

    expect(await t.service.conversations.get(chat.id)).toBeNull();
    expect(connector.calls).toHaveLength(0);
  });

  it('keeps the row on uninstall, stops listing it, and welcomes again on a re-install', async () => {
    const chat = personalChat();
    const event = { serviceUrl: serviceUrl(), from: PEOPLE.business, conversation: chat };
    await deliver(installationUpdate({ ...event, action: 'add' }));
    await deliver(installationUpdate({ ...event, action: 'remove' }));

    const removed = await t.service.conversations.get(chat.id);
    expect(removed?.uninstalledAt).toEqual(expect.any(String));
    expect(removed?.userAadObjectId).toBe(PEOPLE.business.aadObjectId);
    expect(await installed()).not.toContain(chat.id);
    expect(connector.sent()).toHaveLength(1);
    expect(await t.audit('bot.uninstall')).toEqual([
      expect.objectContaining({
        target: { type: 'conversation', id: chat.id },
        outcome: 'allowed',
      }),
    ]);

    await deliver(installationUpdate({ ...event, action: 'add' }));
    expect(await installed()).toContain(chat.id);
    expect(welcomes(chat)).toHaveLength(2);
  });

  it('still knows every install after a restart, and does not welcome twice', async () => {
    const chats = [personalChat(), groupChat(), channel()];
    for (const conversation of chats) {
      await deliver(botAdded({ serviceUrl: serviceUrl(), from: PEOPLE.owner, conversation }));
    }
    await t.restart();

    expect(await installed()).toEqual(expect.arrayContaining(chats.map((c) => c.id)));
    const [first] = chats as [TeamsConversation];
    await deliver(
      installationUpdate({
        serviceUrl: serviceUrl(),
        from: PEOPLE.owner,
        conversation: first,
        action: 'add',
      }),
    );
    expect(welcomes(first)).toHaveLength(1);
    expect(connector.sent()).toHaveLength(3);
  });

  it('audits each install with who installed it and where', async () => {
    const personal = personalChat();
    const team = channel();
    await deliver(
      botAdded({ serviceUrl: serviceUrl(), from: PEOPLE.owner, conversation: personal }),
    );
    await deliver(
      installationUpdate({
        serviceUrl: serviceUrl(),
        from: PEOPLE.owner,
        conversation: personal,
        action: 'add',
      }),
    );
    await deliver(
      botAdded({ serviceUrl: serviceUrl(), from: PEOPLE.clinician, conversation: team }),
    );

    const installs = await t.audit('bot.install');
    expect(installs).toHaveLength(2);
    expect(installs).toEqual([
      expect.objectContaining({
        actor: { id: PEOPLE.owner.aadObjectId, name: PEOPLE.owner.name, kind: 'user' },
        roles: ['PracticeOwner'],
        target: { type: 'conversation', id: personal.id },
        outcome: 'allowed',
        channel: 'bot',
        details: { kind: 'personal' },
      }),
      expect.objectContaining({
        actor: expect.objectContaining({ id: PEOPLE.clinician.aadObjectId }),
        target: { type: 'conversation', id: team.id },
        details: { kind: 'channel' },
      }),
    ]);
    expect(await t.service.audit.verify()).toMatchObject({ ok: true });
  });
});
