import type { Activity } from '@microsoft/agents-activity';
import type { ConversationKind, ConversationsRepository } from '../store/conversations-repo.js';
import { welcomeCard } from '../teams/cards/welcome-card.js';
import type { AdaptiveCard } from '../teams/cards/adaptive-card.js';
import type { AccessService } from './access-service.js';
import type { Clock } from './audit-trail.js';
import type { IdentityService } from './identity-service.js';

const KINDS: readonly ConversationKind[] = ['personal', 'groupChat', 'channel'];

/** Remembers every conversation the bot is installed in, durably, and audits it. */
export class InstallService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly identity: IdentityService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    /** Runs after a new install (delivering the open incidents there); failures are logged. */
    private readonly afterInstall: () => Promise<unknown> = async () => undefined,
  ) {}

  /** Stores the install (idempotent); returns the welcome card when it is new. */
  async installed(
    activity: Activity,
    requestId: string,
  ): Promise<{ welcome: AdaptiveCard | null }> {
    const conversation = activity.conversation;
    if (!conversation?.id || !activity.serviceUrl) return { welcome: null };
    const type = conversation.conversationType as ConversationKind | undefined;
    const kind: ConversationKind = type && KINDS.includes(type) ? type : 'personal';
    const channelData = (activity.channelData ?? {}) as {
      tenant?: { id?: string };
      team?: { id?: string; name?: string };
    };
    const reference = JSON.parse(JSON.stringify(activity.getConversationReference())) as Record<
      string,
      unknown
    >;
    const { created } = await this.conversations.install(
      {
        id: conversation.id,
        kind,
        tenantId: conversation.tenantId ?? channelData.tenant?.id ?? null,
        serviceUrl: activity.serviceUrl,
        channelId: activity.channelId ?? 'msteams',
        teamId: channelData.team?.id ?? null,
        userAadObjectId: kind === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
        name: conversation.name ?? channelData.team?.name ?? null,
        reference,
      },
      this.clock(),
    );
    const actor = await this.identity.chatActor(activity.from ?? {});
    await this.access.record(
      { actor, channel: 'bot', requestId },
      created ? 'bot.install' : 'bot.install.refresh',
      { type: 'conversation', id: conversation.id },
      'allowed',
      null,
      { kind },
    );
    if (created) void this.afterInstall().catch(() => undefined);
    return { welcome: created ? welcomeCard(kind) : null };
  }

  async uninstalled(conversationId: string, requestId: string): Promise<void> {
    if (!conversationId) return;
    const changed = await this.conversations.uninstall(conversationId, this.clock());
    if (!changed) return;
    await this.access.record(
      {
        actor: { id: 'teams', name: 'Microsoft Teams', kind: 'system', roles: [], upn: null },
        channel: 'bot',
        requestId,
      },
      'bot.uninstall',
      { type: 'conversation', id: conversationId },
      'allowed',
      null,
    );
  }
}
