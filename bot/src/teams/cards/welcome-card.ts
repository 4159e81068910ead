import type { ConversationKind } from '../../store/conversations-repo.js';
import { card, type AdaptiveCard, text } from './adaptive-card.js';

/** Sent once when the app is installed in a conversation. */
export function welcomeCard(kind: ConversationKind): AdaptiveCard {
  const where =
    kind === 'personal'
      ? 'Practice owners receive every security alert here. Type `help` to see what you can do.'
      : 'This conversation receives no alerts yet: a practice owner can @mention me with `subscribe <class…>` (personal, business, clinical, system) to choose which incidents come here. @mention me with `help` to see what you can do.';
  return card([
    text('Life Cockpit Security is installed', { weight: 'Bolder', size: 'Medium' }),
    text('Microsoft Sentinel alerts, incident response and compliance for the practice, in Teams.'),
    text(where),
  ]);
}
