import type { AuditDraft } from '../../core/audit/index.js';
import type { Role } from '../../core/access/index.js';

const ACTIONS = ['incident.view', 'incident.assign', 'playbook.task.complete', 'breach.assess'];
const ROLE_SETS: readonly (readonly Role[])[] = [
  ['PracticeOwner'],
  ['ClinicalUser'],
  ['BusinessUser', 'ClinicalUser'],
  ['SystemUser'],
];

/** A draft shaped like what the services record: ids and codes, a few details, no PHI. */
export function makeDraft(i: number): AuditDraft {
  const user = i % 7;
  return {
    actor: { id: `aad-${user.toString(16).padStart(8, '0')}`, name: `User ${user}`, kind: 'user' },
    roles: ROLE_SETS[i % ROLE_SETS.length] as readonly Role[],
    action: ACTIONS[i % ACTIONS.length] as string,
    target: { type: 'incident', id: `INC-${100000 + (i % 5000)}` },
    dataClass: i % 3 === 0 ? 'clinical' : 'business',
    outcome: i % 50 === 0 ? 'denied' : 'allowed',
    channel: i % 2 === 0 ? 'bot' : 'tab',
    requestId: `req-${i.toString(36).padStart(10, '0')}`,
    details: { severity: 'High', phase: 'containment', taskId: `t-${i % 12}`, attempt: 1 },
  };
}
