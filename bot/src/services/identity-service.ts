import type { AuditTrail } from './audit-trail.js';
import type { RoleDirectory } from '../identity/directory.js';
import { TokenRejected, type TokenVerifier } from '../identity/tokens.js';
import { CockpitError } from '../../../core/errors/index.js';
import type { AuditChannel } from '../../../core/audit/index.js';
import type { RequestContext } from './context.js';

/** Turns a chat sender or a bearer token into the acting principal; records sign-ins. */
export class IdentityService {
  /** Token ids already recorded as a sign-in by this process (bounded). */
  private readonly seenTokens = new Set<string>();

  constructor(
    private readonly directory: RoleDirectory,
    private readonly verifier: TokenVerifier,
    private readonly audit: AuditTrail,
  ) {}

  /** A Teams sender: roles from the directory (local file or Entra through Graph). */
  async chatActor(from: {
    aadObjectId?: string;
    id?: string;
    name?: string;
  }): Promise<RequestContext['actor']> {
    const aad = from.aadObjectId ?? null;
    const user = aad ? await this.directory.lookup(aad) : null;
    return {
      id: aad ?? `teams:${from.id ?? 'unknown'}`,
      name: user?.name ?? from.name ?? 'Unknown user',
      upn: user?.upn ?? null,
      kind: 'user',
      roles: user?.roles ?? [],
    };
  }

  /**
   * Validates a bearer token. A rejected token, or one that carries none of this app's roles,
   * is refused and audited; the first use of each accepted token is audited as a sign-in.
   */
  async bearerActor(
    header: string | undefined,
    channel: AuditChannel,
    requestId: string,
  ): Promise<RequestContext['actor']> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (!token) {
      await this.recordAuth('auth.token', 'denied', channel, requestId, null, {
        reason: 'no bearer token',
      });
      throw new CockpitError('unauthenticated');
    }
    let identity;
    try {
      identity = await this.verifier.verify(token);
    } catch (error) {
      const reason =
        error instanceof TokenRejected ? error.reason : 'the token could not be validated';
      await this.recordAuth('auth.token', 'denied', channel, requestId, null, { reason });
      throw new CockpitError('token_invalid', `The bearer token is not valid: ${reason}.`);
    }
    const actor = {
      id: identity.aadObjectId,
      name: identity.name,
      upn: identity.upn,
      kind: identity.kind,
      roles: identity.roles,
    };
    if (identity.roles.length === 0) {
      await this.recordAuth('auth.token', 'denied', channel, requestId, actor, {
        reason: 'no app role',
      });
      throw new CockpitError(
        'forbidden',
        'You hold no Life Cockpit role. Ask the practice owner to assign you one in Entra ID.',
      );
    }
    if (!this.seenTokens.has(identity.tokenId)) {
      if (this.seenTokens.size > 10_000) this.seenTokens.clear();
      this.seenTokens.add(identity.tokenId);
      await this.recordAuth('auth.token', 'allowed', channel, requestId, actor, {});
    }
    return actor;
  }

  private async recordAuth(
    action: string,
    outcome: 'allowed' | 'denied',
    channel: AuditChannel,
    requestId: string,
    actor: RequestContext['actor'] | null,
    details: { reason?: string },
  ): Promise<void> {
    await this.audit.append({
      actor: actor
        ? { id: actor.id, name: actor.name, kind: actor.kind }
        : { id: 'anonymous', name: 'Anonymous', kind: 'user' },
      roles: actor?.roles ?? [],
      action,
      target: { type: 'api', id: channel },
      dataClass: null,
      outcome,
      channel,
      requestId,
      details,
    });
  }
}
