import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { AgentApplication, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import type { Logger } from '../logger.js';
import type { ChatService } from '../services/chat-service.js';
import type { InstallService } from '../services/install-service.js';
import { cardAttachment, type AdaptiveCard } from './cards/adaptive-card.js';

/** The bot: Teams activities in, one service call each, cards or one-line answers out. */
export function createAgent(deps: {
  chat: ChatService;
  installs: InstallService;
  logger: Logger;
}): AgentApplication<TurnState> {
  const agent = new AgentApplication<TurnState>({
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const { chat, installs, logger } = deps;

  agent.onConversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (!(context.activity.membersAdded ?? []).some((m) => m.id === botId)) return;
    await welcomeIfNew(context);
  });
  agent.onConversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    if (!(context.activity.membersRemoved ?? []).some((m) => m.id === botId)) return;
    await installs.uninstalled(context.activity.conversation?.id ?? '', requestIdOf(context));
  });
  agent.onActivity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String(context.activity.action ?? '');
    if (action.startsWith('remove')) {
      await installs.uninstalled(context.activity.conversation?.id ?? '', requestIdOf(context));
    } else {
      await welcomeIfNew(context);
    }
  });

  agent.onActivity(ActivityTypes.Message, async (context) => {
    const answer = await chat.handleMessage({
      text: context.activity.text ?? '',
      from: context.activity.from ?? {},
      conversationId: context.activity.conversation?.id ?? '',
      requestId: requestIdOf(context),
    });
    await reply(context, answer);
  });

  agent.onError(async (context, error) => {
    logger.error(
      {
        err: { name: error.name, code: (error as { code?: string }).code },
        activityType: context.activity.type,
      },
      'turn failed',
    );
    await context.sendActivity(
      'Something went wrong on our side; it has been logged. Try again in a moment.',
    );
  });

  async function welcomeIfNew(context: TurnContext): Promise<void> {
    const a = context.activity;
    const result = await installs.installed(a, requestIdOf(context));
    if (result.welcome) await reply(context, { card: result.welcome });
  }

  return agent;
}

export type ChatAnswer = { card: AdaptiveCard } | { text: string };

async function reply(context: TurnContext, answer: ChatAnswer): Promise<void> {
  if ('text' in answer) {
    await context.sendActivity(answer.text);
    return;
  }
  const activity = Activity.fromObject({
    type: ActivityTypes.Message,
    attachments: [cardAttachment(answer.card)],
  });
  await context.sendActivity(activity);
}

function requestIdOf(context: TurnContext): string {
  return context.activity.id ?? 'activity';
}
