import {
  can,
  type ClassAction,
  type Decision,
  type RecordClass,
} from '../../../core/access/index.js';
import type { AuditDraft, Json } from '../../../core/audit/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import type { AuditTrail } from './audit-trail.js';
import type { RequestContext } from './context.js';

/**
 * Every decision goes through here: the policy decides, the trail records. Denials are always
 * audited; allowed reads of clinical data and every PHI reveal are audited too (SPEC §6).
 */
export class AccessService {
  constructor(private readonly audit: AuditTrail) {}

  async decide(
    ctx: RequestContext,
    action: ClassAction,
    recordClass: RecordClass,
    target: { type: string; id: string },
    details: { [key: string]: Json } = {},
  ): Promise<Decision> {
    const decision = can(ctx.actor, action, recordClass);
    const mustRecord =
      !decision.allowed ||
      action === 'reveal_phi' ||
      (action === 'read' && recordClass === 'clinical');
    if (mustRecord) {
      await this.audit.append({
        actor: { id: ctx.actor.id, name: ctx.actor.name, kind: ctx.actor.kind },
        roles: ctx.actor.roles,
        action: `access.${action}`,
        target,
        dataClass: recordClass,
        outcome: decision.allowed ? 'allowed' : 'denied',
        channel: ctx.channel,
        requestId: ctx.requestId,
        details: { ...details, level: decision.level, required: decision.required },
      });
    }
    return decision;
  }

  /** As decide, but a denial becomes a `forbidden` error carrying the policy's reason. */
  async require(
    ctx: RequestContext,
    action: ClassAction,
    recordClass: RecordClass,
    target: { type: string; id: string },
  ): Promise<Decision> {
    const decision = await this.decide(ctx, action, recordClass, target);
    if (!decision.allowed) throw new CockpitError('forbidden', decision.reason);
    return decision;
  }

  /** Records an action that was carried out (or failed) by an allowed actor. */
  async record(
    ctx: RequestContext,
    action: string,
    target: { type: string; id: string },
    outcome: 'allowed' | 'denied' | 'error',
    recordClass: RecordClass | null,
    details: { [key: string]: Json } = {},
  ): Promise<void> {
    await this.audit.append(auditDraft(ctx, action, target, outcome, recordClass, details));
  }
}

/** The entry `record` appends, for writers that append it inside their own transaction. */
export function auditDraft(
  ctx: RequestContext,
  action: string,
  target: { type: string; id: string },
  outcome: 'allowed' | 'denied' | 'error',
  recordClass: RecordClass | null,
  details: { [key: string]: Json } = {},
): AuditDraft {
  return {
    actor: { id: ctx.actor.id, name: ctx.actor.name, kind: ctx.actor.kind },
    roles: ctx.actor.roles,
    action,
    target,
    dataClass: recordClass,
    outcome,
    channel: ctx.channel,
    requestId: ctx.requestId,
    details,
  };
}
