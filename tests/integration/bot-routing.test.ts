import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SubscriptionsRepository } from '../../bot/src/store/subscriptions-repo.js';
import { type BotConnectorFake, startBotConnectorFake } from '../fakes/bot-connector.js';
import {
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

describe.each(ENGINES)('routing commands on $name', (engine) => {
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

  /** The bot's text answer to `text` from `from` in `conversation`. */
  async function say(from: Person, text: string, conversation: TeamsConversation): Promise<string> {
    const activity = message({ serviceUrl: connector.url, from, conversation, text });
    expect((await t.post('/api/messages', activity)).status).toBe(200);
    const reply = connector.calls.find((c) => c.activityId === activity.id);
    return String(reply?.activity?.text ?? '');
  }

  it('lets the owner choose which classes a channel receives, and lists them', async () => {
    const security = channel();
    const conversation = threadOf(security);
    expect(await say(PEOPLE.owner, 'subscriptions', conversation)).toMatch(/receives no incidents/);
    expect(await say(PEOPLE.owner, 'subscribe clinical, business', conversation)).toMatch(
      /receives business, clinical incidents/,
    );
    expect(await say(PEOPLE.owner, '/unsubscribe BUSINESS', conversation)).toMatch(
      /receives clinical incidents/,
    );
    const repo = new SubscriptionsRepository(t.service.store);
    expect(await repo.conversationsFor('clinical')).toContain(security.id);
    expect(await repo.conversationsFor('business')).not.toContain(security.id);
    const changes = (await t.audit()).filter((e) => e.action.startsWith('routing.'));
    expect(changes.map((e) => [e.action, e.details.classes])).toEqual([
      ['routing.subscribe', ['clinical', 'business']],
      ['routing.unsubscribe', ['business']],
    ]);
  });

  it('refuses anyone but an owner, with the reason, and audits the denial', async () => {
    const chat = groupChat();
    const answer = await say(PEOPLE.clinician, 'subscribe clinical', chat);
    expect(answer).toMatch(/Only a practice owner sets where alerts go/);
    expect(await new SubscriptionsRepository(t.service.store).classesOf(chat.id)).toEqual([]);
    const denied = (await t.audit('access.configure')).filter((e) => e.outcome === 'denied');
    expect(denied.some((e) => e.actor.id === PEOPLE.clinician.aadObjectId)).toBe(true);
  });

  it('explains that personal chats already get everything, and how to write a class', async () => {
    expect(await say(PEOPLE.owner, 'subscribe clinical', personalChat())).toMatch(
      /personal chat receives every incident/,
    );
    expect(await say(PEOPLE.owner, 'subscribe radiology', groupChat())).toMatch(
      /"radiology" is not a data class; use personal, business, clinical, system/,
    );
    expect(await say(PEOPLE.owner, 'subscribe', groupChat())).toMatch(
      /needs at least one data class/,
    );
  });
});
