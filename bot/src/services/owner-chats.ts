import type { RequestContext } from './context.js';
import type { IdentityService } from './identity-service.js';
import type { Conversation, ConversationsRepository } from '../store/conversations-repo.js';

/** A practice owner's personal chat with the bot, and how to @mention them there. */
export interface OwnerChat {
  conversationId: string;
  /** The Teams user id to mention (the AAD object id when the install did not give one). */
  teamsId: string;
  name: string;
  /** The owner as the policy sees them (their roles now). */
  actor: RequestContext['actor'];
}

/** Practice owners with the app installed in their personal chat (roles as the directory says now). */
export async function ownerChats(
  conversations: Pick<ConversationsRepository, 'listInstalled'>,
  identity: Pick<IdentityService, 'chatActor'>,
): Promise<OwnerChat[]> {
  return ownersAmong(await conversations.listInstalled(), identity);
}

/** The practice owners' personal chats among these installed conversations. */
export async function ownersAmong(
  installed: readonly Conversation[],
  identity: Pick<IdentityService, 'chatActor'>,
): Promise<OwnerChat[]> {
  const out: OwnerChat[] = [];
  for (const c of installed) {
    if (c.kind !== 'personal' || !c.userAadObjectId) continue;
    const user = teamsUser(c);
    const actor = await identity.chatActor({
      aadObjectId: c.userAadObjectId,
      ...(user?.name ? { name: user.name } : {}),
    });
    if (!actor.roles.includes('PracticeOwner')) continue;
    out.push({
      conversationId: c.id,
      teamsId: user?.id ?? c.userAadObjectId,
      name: actor.name,
      actor,
    });
  }
  return out;
}

/** An @mention of the owner: the text to put in the message and the entity that makes it one. */
export function mentionOf(owner: OwnerChat): { text: string; entity: Record<string, unknown> } {
  const text = `<at>${escapeXml(owner.name)}</at>`;
  return {
    text,
    entity: { type: 'mention', text, mentioned: { id: owner.teamsId, name: owner.name } },
  };
}

/** The person in a personal chat, from its stored ConversationReference (`user`). */
function teamsUser(c: Conversation): { id: string | null; name: string | null } | null {
  const user = c.reference.user;
  if (!user || typeof user !== 'object') return null;
  const { id, name, aadObjectId } = user as Record<string, unknown>;
  // Only the chat's own user: the reference is the install's, in a personal chat that person.
  if (typeof aadObjectId === 'string' && aadObjectId !== c.userAadObjectId) return null;
  return {
    id: typeof id === 'string' && id ? id : null,
    name: typeof name === 'string' && name ? name : null,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
