import type { RequestHandler } from 'express';
import {
  type AgentApplication,
  type AuthConfiguration,
  authorizeJWT,
  CloudAdapter,
  createOutboundHostValidator,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import { sendError } from './middleware.js';

/** True for requests from this machine (IPv4, IPv6 and v4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * `POST /api/messages`: Bot Framework activities into the agent.
 * Local mode: no bot identity, unauthenticated traffic accepted from loopback only (as the
 * Agents Playground sends it). Azure mode: every request's JWT is validated by the SDK, and the
 * adapter only ever calls Microsoft's hosts with its token.
 */
export function messagesRoute(options: {
  agent: AgentApplication<TurnState>;
  mode: 'local' | 'azure';
  auth: AuthConfiguration;
  /** Replaces the SDK's default turn error handler. */
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
}): { handler: RequestHandler; adapter: CloudAdapter } {
  const azure = options.mode === 'azure';
  const adapter = new CloudAdapter(
    options.auth,
    undefined,
    undefined,
    undefined,
    createOutboundHostValidator({ enabled: azure }),
  );
  adapter.onTurnError = options.onTurnError;
  const jwt = authorizeJWT(options.auth);
  const handler: RequestHandler = (req, res, next) => {
    if (!azure && !isLoopback(req.socket.remoteAddress)) {
      sendError(res, 'forbidden', 'Local mode accepts bot traffic from this machine only.');
      return;
    }
    const body = req.body as { type?: unknown; conversation?: { id?: unknown } } | undefined;
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.type !== 'string' ||
      typeof body.conversation?.id !== 'string'
    ) {
      sendError(
        res,
        'bad_request',
        'The body must be a Bot Framework activity with a type and a conversation id.',
      );
      return;
    }
    void jwt(req as never, res as never, (error?: unknown) => {
      if (error) return next(error);
      adapter
        .process(req as never, res as never, (context) => options.agent.run(context))
        .catch(next);
    });
  };
  return { handler, adapter };
}
