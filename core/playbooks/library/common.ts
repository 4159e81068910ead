import { type PlaybookDefinition } from '../schema.js';

type TaskDefinition = PlaybookDefinition['phases']['detection'][number];

/** Microsoft Learn pages the playbooks cite as evidence for their guidance. */
export const LEARN = {
  revokeAccess: 'https://learn.microsoft.com/en-us/entra/identity/users/users-revoke-access',
  revokeSessionsCmdlet:
    'https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.users.actions/revoke-mgusersigninsession',
  mfaMethods:
    'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-userdevicesettings',
  signInLogs: 'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/concept-sign-ins',
  investigateRisk:
    'https://learn.microsoft.com/en-us/entra/id-protection/howto-identity-protection-investigate-risk',
  compromisedMailbox:
    'https://learn.microsoft.com/en-us/defender-office-365/responding-to-a-compromised-email-account',
  mailItemsAccessed: 'https://learn.microsoft.com/en-us/purview/audit-log-investigate-accounts',
  auditSearch: 'https://learn.microsoft.com/en-us/purview/audit-search',
  inboxRules:
    'https://learn.microsoft.com/en-us/defender-office-365/detect-and-remediate-outlook-rules-forms-attack',
  consentGrants:
    'https://learn.microsoft.com/en-us/defender-office-365/detect-and-remediate-illicit-consent-grants',
  phishingPlaybook:
    'https://learn.microsoft.com/en-us/security/operations/incident-response-playbook-phishing',
  remediateEmail:
    'https://learn.microsoft.com/en-us/defender-office-365/remediate-malicious-email-delivered-office-365',
  purgeEmail:
    'https://learn.microsoft.com/en-us/purview/ediscovery-search-for-and-delete-email-messages',
  blockList: 'https://learn.microsoft.com/en-us/defender-office-365/tenant-allow-block-list-about',
  deviceResponse: 'https://learn.microsoft.com/en-us/defender-endpoint/respond-machine-alerts',
  fileResponse: 'https://learn.microsoft.com/en-us/defender-endpoint/respond-file-alerts',
  sentinelInvestigate: 'https://learn.microsoft.com/en-us/azure/sentinel/investigate-incidents',
  restoreVm: 'https://learn.microsoft.com/en-us/azure/backup/backup-azure-arm-restore-vms',
  backupSecurity:
    'https://learn.microsoft.com/en-us/azure/backup/backup-azure-security-feature-cloud',
  intuneWipe: 'https://learn.microsoft.com/en-us/mem/intune/remote-actions/devices-wipe',
  intuneEncryption: 'https://learn.microsoft.com/en-us/mem/intune/protect/encryption-monitor',
} as const;

/** Lessons-learned tasks every playbook ends with. */
export const POST_INCIDENT_REVIEW: TaskDefinition = {
  id: 'post-incident-review',
  title: 'Post-incident review held',
  required: true,
  guidance:
    'Meet within two weeks with everyone involved: what happened, what worked, what was slow; record the date, attendees and decisions in a note.',
};

export const UPDATE_PLAYBOOK: TaskDefinition = {
  id: 'update-playbook',
  title: 'Update this playbook',
  required: true,
  guidance:
    'Change tasks or guidance that were wrong or missing (bump its version and reviewedAt), or note "no change" and why; this is also its yearly review (PCI DSS 12.10.2).',
};

export const TRACK_IMPROVEMENTS: TaskDefinition = {
  id: 'track-improvements',
  title: 'Track the improvements agreed',
  required: false,
  guidance: 'Record each corrective action with an owner and a due date, and follow them up.',
};

/** Recovery check that the breach track's notifications went out, when the track was opened. */
export const CONFIRM_NOTIFICATIONS: TaskDefinition = {
  id: 'confirm-breach-notifications',
  title: 'Confirm breach notifications were sent',
  required: false,
  guidance:
    'If a breach track is open, check `breach N`: every obligation shows notified, with time and method; skip when no PHI or personal information was involved.',
};
