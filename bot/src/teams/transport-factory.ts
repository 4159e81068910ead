import { ManagedIdentityCredential } from '@azure/identity';
import { createOutboundHostValidator } from '@microsoft/agents-hosting';
import type { Config } from '../config.js';
import { ConnectorTransport } from './connector-transport.js';
import { type ConversationTarget, type TeamsTransport, TransportError } from './sender.js';

/** The audience of Bot Connector tokens. */
const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com/.default';

/**
 * The transport the outbox sender uses. Local mode: no token (the Agents Playground and test
 * fakes need none). Azure mode: a Bot Connector token from the bot's managed identity, sent only
 * to Microsoft's connector hosts; a conversation whose serviceUrl points elsewhere is refused.
 */
export function connectorTransport(config: Config): TeamsTransport {
  if (config.mode === 'local' || !config.entra) return new ConnectorTransport();
  const credential = new ManagedIdentityCredential({ clientId: config.entra.botClientId });
  const inner = new ConnectorTransport({
    getToken: async () => {
      const token = await credential.getToken(BOT_CONNECTOR_SCOPE);
      if (!token)
        throw new TransportError(0, null, 'no Bot Connector token from the managed identity');
      return token.token;
    },
  });
  const hosts = createOutboundHostValidator({ enabled: true });
  const guard = (target: ConversationTarget): void => {
    if (!hosts.isAllowed(target.serviceUrl)) {
      throw new TransportError(
        403,
        null,
        `refused to call ${new URL(target.serviceUrl).host}: not a Microsoft host`,
      );
    }
  };
  return {
    send: async (target, activity) => {
      guard(target);
      return inner.send(target, activity);
    },
    update: async (target, activityId, activity) => {
      guard(target);
      return inner.update(target, activityId, activity);
    },
  };
}
