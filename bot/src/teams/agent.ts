import { ActivityTypes } from '@microsoft/agents-activity';
import { AgentApplication, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import type { Logger } from '../logger.js';
import type { PhiGuard } from '../phi/guard.js';
import { INCIDENT_VERBS } from '../services/incident-chat.js';
import { RESPONSE_VERBS } from '../services/response-verbs.js';
import type { ChatService } from '../services/chat-service.js';
import type { InstallService } from '../services/install-service.js';
import { cardAttachment, type AdaptiveCard } from './cards/adaptive-card.js';
import type { PacedReplies } from './paced-replies.js';

/** The bot: Teams activities in, one service call each, cards or one-line answers out. */
export function createAgent(deps: {
  chat: ChatService;
  installs: InstallService;
  phi: PhiGuard;
  replies: PacedReplies;
}): AgentApplication<TurnState> {
  const agent = new AgentApplication<TurnState>({
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const { chat, installs, phi, replies } = deps;

  /**
   * The one way an answer leaves a turn. In a conversation with more than one member (a group
   * chat or a channel) every card string and text is masked for PHI first.
   */
  async function reply(context: TurnContext, answer: ChatAnswer): Promise<void> {
    const shared = (context.activity.conversation?.conversationType ?? 'personal') !== 'personal';
    const activity =
      'text' in answer
        ? { type: ActivityTypes.Message, text: shared ? phi.redact(answer.text) : answer.text }
        : {
            type: ActivityTypes.Message,
            attachments: [cardAttachment(shared ? phi.redactJson(answer.card) : answer.card)],
          };
    await replies.send(context, activity, 'answer');
  }

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
      conversationType: context.activity.conversation?.conversationType ?? 'personal',
      requestId: requestIdOf(context),
    });
    await reply(context, answer);
  });

  // Card buttons: the refreshed card (or a line) goes back to the clicker within the invoke;
  // every other copy of the card is updated through the outbox.
  agent.adaptiveCards.actionExecute<{ verb?: string; data?: Record<string, unknown> }>(
    [...INCIDENT_VERBS, ...RESPONSE_VERBS],
    async (context, _state, action) => {
      // The SDK hands over the whole Action.Execute: its verb and its data.
      const conversationType = context.activity.conversation?.conversationType ?? 'personal';
      const answer = await chat.handleVerb({
        verb: String(action.verb ?? ''),
        data: action.data ?? {},
        from: context.activity.from ?? {},
        conversationId: context.activity.conversation?.id ?? '',
        conversationType,
        requestId: requestIdOf(context),
      });
      return typeof answer === 'string' || conversationType === 'personal'
        ? answer
        : (phi.redactJson(answer) as typeof answer);
    },
  );

  async function welcomeIfNew(context: TurnContext): Promise<void> {
    const a = context.activity;
    const result = await installs.installed(a, requestIdOf(context));
    if (result.welcome) await reply(context, { card: result.welcome });
  }

  return agent;
}

export type ChatAnswer = { card: AdaptiveCard } | { text: string };

/**
 * The adapter's turn error handler (it replaces the SDK's default, which posts two "fix the
 * source code" messages unpaced): logs what failed without the message, then tells the user in
 * one paced line. A failure to say so is logged, never thrown, so Teams does not redeliver.
 */
export function turnErrorHandler(deps: {
  logger: Logger;
  replies: PacedReplies;
}): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    deps.logger.error(
      {
        err: { name: error.name, code: (error as { code?: string }).code },
        activityType: context.activity.type,
      },
      'turn failed',
    );
    if (context.activity.type !== ActivityTypes.Message) return;
    try {
      await deps.replies.send(
        context,
        {
          type: ActivityTypes.Message,
          text: 'Something went wrong on our side; it has been logged. Try again in a moment.',
        },
        'error',
      );
    } catch (sendError) {
      deps.logger.warn(
        { err: { name: (sendError as Error).name } },
        'could not tell the user a turn failed',
      );
    }
  };
}

function requestIdOf(context: TurnContext): string {
  return context.activity.id ?? 'activity';
}
