import { expect } from '@jest/globals';
import { adaptiveCards, type BotConnectorFake, cardText } from '../fakes/bot-connector.js';
import { botAdded, message, type Person, type TeamsConversation } from './activities.js';
import type { TestService } from './service.js';

/** The bot installed in each conversation, by the person who added it. */
export async function installBot(
  t: TestService,
  connector: BotConnectorFake,
  installs: readonly (readonly [Person, TeamsConversation])[],
): Promise<void> {
  for (const [from, conversation] of installs) {
    await t.post('/api/messages', botAdded({ serviceUrl: connector.url, from, conversation }));
  }
}

/**
 * Types `text` to the bot as `from` in `conversation` and returns what the bot answered: the
 * text of its card, or its line of text. The answer is a reply to that message, or, when Teams'
 * limits kept the reply waiting, a message the outbox sends later.
 */
export async function say(
  t: TestService,
  connector: BotConnectorFake,
  from: Person,
  text: string,
  conversation: TeamsConversation,
): Promise<string> {
  const activity = message({ serviceUrl: connector.url, from, conversation, text });
  expect((await t.post('/api/messages', activity)).status).toBe(200);
  const reply = await connector.waitFor(
    (c) => c.activityId === activity.id || c.activity?.replyToId === activity.id,
  );
  const cards = adaptiveCards(reply.activity);
  return cards.length > 0 ? cardText(cards[0]) : String(reply.activity?.text ?? '');
}
