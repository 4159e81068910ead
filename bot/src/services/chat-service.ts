import {
  type Command,
  parseCommand,
  RESPONSE_COMMANDS,
  type ResponseCommand,
} from '../../../core/commands/index.js';
import type { SubscriptionsRepository } from '../store/subscriptions-repo.js';
import type { IncidentChat } from './incident-chat.js';
import type { ResponseChat } from './response-chat.js';
import { isResponseVerb } from './response-verbs.js';
import type { Clock } from './audit-trail.js';
import type { RequestContext } from './context.js';
import type { ChatAnswer } from '../teams/agent.js';
import { helpCard } from '../teams/cards/help-card.js';
import { whoamiCard } from '../teams/cards/whoami-card.js';
import type { AccessService } from './access-service.js';
import type { IdentityService } from './identity-service.js';

export interface ChatMessage {
  text: string;
  from: { aadObjectId?: string; id?: string; name?: string };
  conversationId: string;
  /** `personal`, `groupChat` or `channel` as Teams says. */
  conversationType: string;
  requestId: string;
}

/** Chat commands: parse, check, act, answer. The message text itself is never logged or stored. */
export class ChatService {
  constructor(
    private readonly identity: IdentityService,
    private readonly access: AccessService,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly clock: Clock,
    /** Runs after a subscribe, so the open incidents of the new classes show up there. */
    private readonly afterSubscribe: () => Promise<unknown>,
    private readonly incidents: IncidentChat,
    private readonly responses: ResponseChat,
  ) {}

  async handleMessage(message: ChatMessage): Promise<ChatAnswer> {
    const actor = await this.identity.chatActor(message.from);
    const ctx = { actor, channel: 'bot' as const, requestId: message.requestId };
    const target = { type: 'conversation', id: message.conversationId };
    const parsed = parseCommand(message.text);
    if (!parsed.ok) {
      if (parsed.kind === 'usage') return { text: parsed.message };
      return {
        card: helpCard({ actor, notice: parsed.kind === 'unknown' ? parsed.message : undefined }),
      };
    }
    const command = parsed.command;
    switch (command.name) {
      case 'help':
        await this.access.record(ctx, 'command.help', target, 'allowed', null);
        return { card: helpCard({ actor }) };
      case 'whoami':
        await this.access.record(ctx, 'command.whoami', target, 'allowed', null);
        return { card: whoamiCard(actor) };
      case 'subscribe':
      case 'unsubscribe':
      case 'subscriptions':
        return this.routing(ctx, command, message);
      default: {
        await this.access.record(ctx, `command.${command.name}`, target, 'allowed', null);
        const shared = message.conversationType !== 'personal';
        return isResponseCommand(command)
          ? this.responses.command(ctx, command, shared)
          : this.incidents.command(ctx, command, shared);
      }
    }
  }

  /** A card button (`Action.Execute`): who clicked, where, and what the card carried. */
  async handleVerb(
    message: Omit<ChatMessage, 'text'> & { verb: string; data: Record<string, unknown> },
  ) {
    const actor = await this.identity.chatActor(message.from);
    const ctx = { actor, channel: 'bot' as const, requestId: message.requestId };
    const shared = message.conversationType !== 'personal';
    return isResponseVerb(message.verb)
      ? this.responses.verb(ctx, message.verb, message.data, shared)
      : this.incidents.verb(ctx, message.verb, message.data, shared);
  }

  /** Routing of a channel or group chat: the owner's to set (configure on system). */
  private async routing(
    ctx: RequestContext,
    command: Extract<Command, { name: 'subscribe' | 'unsubscribe' | 'subscriptions' }>,
    message: ChatMessage,
  ): Promise<ChatAnswer> {
    // A channel message arrives in a thread ("19:…@thread.tacv2;messageid=…"): routing is the
    // channel's, which is how the install was recorded.
    const conversationId = message.conversationId.split(';messageid=')[0] as string;
    const target = { type: 'conversation', id: conversationId };
    const decision = await this.access.decide(ctx, 'configure', 'system', target, {
      command: command.name,
    });
    if (!decision.allowed)
      return { text: `${decision.reason} Only a practice owner sets where alerts go.` };
    if (message.conversationType === 'personal') {
      return {
        text: 'Your personal chat receives every incident already. Run this in a channel or group chat (mention me there) to choose what it receives.',
      };
    }
    if (command.name !== 'subscriptions') {
      if (command.name === 'subscribe') {
        await this.subscriptions.subscribe(
          conversationId,
          command.classes,
          ctx.actor.id,
          this.clock(),
        );
      } else {
        await this.subscriptions.unsubscribe(conversationId, command.classes);
      }
      if (command.name === 'subscribe') void this.afterSubscribe().catch(() => undefined);
      await this.access.record(ctx, `routing.${command.name}`, target, 'allowed', 'system', {
        classes: command.classes,
      });
    }
    const classes = await this.subscriptions.classesOf(conversationId);
    return {
      text:
        classes.length > 0
          ? `This conversation receives ${classes.join(', ')} incidents. Unclassified incidents go to practice owners only.`
          : 'This conversation receives no incidents. A practice owner can run `subscribe <class…>` (personal, business, clinical, system).',
    };
  }
}

function isResponseCommand(command: Command): command is ResponseCommand {
  return (RESPONSE_COMMANDS as readonly string[]).includes(command.name);
}
