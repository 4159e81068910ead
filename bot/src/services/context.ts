import type { Actor } from '../../../core/access/index.js';
import type { AuditChannel } from '../../../core/audit/index.js';

/** Who is acting, through which door, for which request: passed to every service call. */
export interface RequestContext {
  actor: Actor & { upn: string | null };
  channel: AuditChannel;
  requestId: string | null;
}

/** The identity used by the service itself (jobs, start-up). */
export const SYSTEM_ACTOR: RequestContext['actor'] = {
  id: 'system:life-cockpit',
  name: 'Life Cockpit Security',
  kind: 'system',
  roles: [],
  upn: null,
};
