import { parseCommand } from '../../../core/commands/index.js';
import type { ChatAnswer } from '../teams/agent.js';
import { helpCard } from '../teams/cards/help-card.js';
import { whoamiCard } from '../teams/cards/whoami-card.js';
import type { AccessService } from './access-service.js';
import type { IdentityService } from './identity-service.js';

export interface ChatMessage {
  text: string;
  from: { aadObjectId?: string; id?: string; name?: string };
  conversationId: string;
  requestId: string;
}

/** Chat commands: parse, check, act, answer. The message text itself is never logged or stored. */
export class ChatService {
  constructor(
    private readonly identity: IdentityService,
    private readonly access: AccessService,
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
    await this.access.record(ctx, `command.${command.name}`, target, 'allowed', null);
    switch (command.name) {
      case 'help':
        return { card: helpCard({ actor }) };
      case 'whoami':
        return { card: whoamiCard(actor) };
    }
  }
}
