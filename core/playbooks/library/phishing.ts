import { type PlaybookDefinition } from '../schema.js';
import {
  CONFIRM_NOTIFICATIONS,
  LEARN,
  POST_INCIDENT_REVIEW,
  TRACK_IMPROVEMENTS,
  UPDATE_PLAYBOOK,
} from './common.js';

/** A malicious email delivered to the practice's mailboxes. */
export const phishing = {
  id: 'phishing',
  title: 'Phishing email',
  description:
    'A phishing or malicious email reached staff mailboxes: find every copy and who clicked, purge it, block the sender and links, and contain anyone who gave away credentials.',
  version: 1,
  reviewedAt: '2026-12-04',
  matches: {
    tactics: ['InitialAccess'],
    titleKeywords: [
      'phish*',
      'spear*',
      'malicious email',
      'malicious url*',
      'malicious link*',
      'email messages containing',
      'credential harvesting',
      'user reported',
      'reported message',
      'zap',
      'spoof*',
      'impersonation',
      'business email compromise',
      'bec',
    ],
    alertProducts: [
      'Microsoft Defender for Office 365',
      'Office 365 Advanced Threat Protection',
      'Office 365 Security & Compliance',
      'Exchange Online Protection',
    ],
    entityKinds: ['MailMessage', 'Mailbox', 'MailCluster', 'Url'],
  },
  phases: {
    detection: [
      {
        id: 'confirm-phish',
        title: 'Confirm the message is malicious',
        required: true,
        guidance:
          'Defender portal → Email & collaboration → Explorer (Plan 2) or Real-time detections (Plan 1): check sender, URLs, attachments and verdict; otherwise the message header and message trace.',
        evidence: LEARN.phishingPlaybook,
      },
      {
        id: 'find-recipients',
        title: 'Find every recipient',
        required: true,
        guidance:
          'Search by sender, subject or network message id in Explorer, or run a message trace in the Exchange admin center, and list every mailbox that received it.',
      },
    ],
    analysis: [
      {
        id: 'find-clickers',
        title: 'Find who clicked or opened the attachment',
        required: true,
        guidance:
          'Check URL clicks in Explorer or the UrlClickEvents table and ask each recipient; anyone who entered a password is treated as a compromised account.',
      },
      {
        id: 'check-clicker-sign-ins',
        title: 'Check sign-ins of people who clicked',
        required: true,
        guidance:
          'Entra admin center → Sign-in logs for each of them from the click on: unfamiliar IPs, countries or MFA prompts they did not make.',
        evidence: LEARN.signInLogs,
      },
      {
        id: 'assess-phi-involvement',
        title: 'Decide whether PHI or personal information is involved',
        required: true,
        guidance:
          'If anyone gave away credentials to a mailbox or files with patient or personal information, or replied with such data, run `breach N` and record the discovery time.',
      },
    ],
    containment: [
      {
        id: 'purge-email',
        title: 'Search and purge the phishing email',
        required: true,
        guidance:
          'In Threat Explorer (Plan 2) select the messages → Take action → Soft delete; otherwise run a Purview Content search, then `New-ComplianceSearchAction -SearchName <name> -Purge -PurgeType SoftDelete`.',
        evidence: LEARN.purgeEmail,
      },
      {
        id: 'block-sender-and-urls',
        title: 'Block the sender, URLs and attachments',
        required: true,
        guidance:
          'Defender portal → Email & collaboration → Policies & rules → Threat policies → Tenant Allow/Block Lists: block the sender or domain, the URLs and the file hashes.',
        evidence: LEARN.blockList,
      },
      {
        id: 'contain-credential-victims',
        title: 'Contain anyone who entered credentials',
        required: true,
        guidance:
          'For each: Revoke sessions (`Revoke-MgUserSignInSession`), reset the password and require MFA re-registration; note "none" if nobody did.',
        evidence: LEARN.revokeSessionsCmdlet,
      },
    ],
    eradication: [
      {
        id: 'check-rules-and-forwarding',
        title: 'Check inbox rules and forwarding of affected mailboxes',
        required: true,
        guidance:
          '`Get-InboxRule -Mailbox <upn>` and mailbox forwarding for everyone who clicked; remove rules they did not create.',
        evidence: LEARN.inboxRules,
      },
      {
        id: 'scan-opener-devices',
        title: 'Scan devices that opened an attachment',
        required: false,
        guidance:
          'Run a full scan from the Device page in Microsoft Defender for Endpoint and isolate the device if anything is found.',
        evidence: LEARN.deviceResponse,
      },
    ],
    recovery: [
      {
        id: 'tell-staff',
        title: 'Tell staff what to look for',
        required: true,
        guidance:
          'Post a short warning in Teams describing the lure (no live links) and remind everyone to use the Report button in Outlook.',
      },
      {
        id: 'monitor-campaign',
        title: 'Watch for the same campaign for 14 days',
        required: true,
        guidance:
          'Check Explorer or message trace for the sender domain, subject and URLs; add new variants to the block list.',
        evidence: LEARN.remediateEmail,
      },
      CONFIRM_NOTIFICATIONS,
    ],
    lessons_learned: [
      POST_INCIDENT_REVIEW,
      UPDATE_PLAYBOOK,
      {
        id: 'phishing-awareness',
        title: 'Refresh phishing awareness',
        required: false,
        guidance:
          'Attack simulation training needs Defender for Office 365 Plan 2; otherwise walk staff through this lure at the next team meeting.',
      },
      TRACK_IMPROVEMENTS,
    ],
  },
} satisfies PlaybookDefinition;
