import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { AgentApplication, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import type { Pacer } from '../../../core/teams/pacing.js';
import type { Logger } from '../logger.js';
import type { PhiGuard } from '../phi/guard.js';
import { INCIDENT_VERBS } from '../services/incident-chat.js';
import type { ChatService } from '../services/chat-service.js';
import type { InstallService } from '../services/install-service.js';
import { cardAttachment, type AdaptiveCard } from './cards/adaptive-card.js';

/** The bot: Teams activities in, one service call each, cards or one-line answers out. */
export function createAgent(deps: {
  chat: ChatService;
  installs: InstallService;
  phi: PhiGuard;
  /** The outbox sender's pacer: a reply is an outbound call too, under the same limits. */
  pacer: Pacer;
  clock: () => Date;
}): AgentApplication<TurnState> {
  const agent = new AgentApplication<TurnState>({
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const { chat, installs, phi } = deps;
  const slot = slotTaker(deps);

  /**
   * The one way an answer leaves a turn. In a conversation with more than one member (a group
   * chat or a channel) every card string and text is masked for PHI first.
   */
  async function reply(context: TurnContext, answer: ChatAnswer): Promise<void> {
    const shared = (context.activity.conversation?.conversationType ?? 'personal') !== 'personal';
    await slot(context);
    if ('text' in answer) {
      await context.sendActivity(shared ? phi.redact(answer.text) : answer.text);
      return;
    }
    const content = shared ? phi.redactJson(answer.card) : answer.card;
    const activity = Activity.fromObject({
      type: ActivityTypes.Message,
      attachments: [cardAttachment(content)],
    });
    await context.sendActivity(activity);
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
    [...INCIDENT_VERBS],
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
  pacer: Pacer;
  clock: () => Date;
}): (context: TurnContext, error: Error) => Promise<void> {
  const slot = slotTaker(deps);
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
      await slot(context);
      await context.sendActivity(
        'Something went wrong on our side; it has been logged. Try again in a moment.',
      );
    } catch (sendError) {
      deps.logger.warn(
        { err: { name: (sendError as Error).name } },
        'could not tell the user a turn failed',
      );
    }
  };
}

/**
 * Takes the conversation's next slot under Teams' limits and waits for it: replies share the
 * limits with the outbox's cards, so both book their calls with the one pacer.
 */
function slotTaker(deps: {
  pacer: Pacer;
  clock: () => Date;
}): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const key = pacingKey(context.activity.conversation?.id ?? '');
    const now = deps.clock().getTime();
    const at = deps.pacer.earliest(key, now);
    deps.pacer.record(key, at);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}

/** A channel thread (`<channel>;messageid=<root>`) counts against its channel's limits. */
function pacingKey(conversationId: string): string {
  return conversationId.split(';messageid=')[0] as string;
}

function requestIdOf(context: TurnContext): string {
  return context.activity.id ?? 'activity';
}
