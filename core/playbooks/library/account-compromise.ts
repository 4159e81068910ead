import { type PlaybookDefinition } from '../schema.js';
import {
  CONFIRM_NOTIFICATIONS,
  LEARN,
  POST_INCIDENT_REVIEW,
  TRACK_IMPROVEMENTS,
  UPDATE_PLAYBOOK,
} from './common.js';

/** A Microsoft 365 / Entra ID account used by someone else. */
export const accountCompromise = {
  id: 'account-compromise',
  title: 'Account compromise',
  description:
    'An Entra ID account signed in or acted by someone other than its owner: impossible travel, password spray or brute force, risky sign-ins, token theft, malicious inbox rules or app consents.',
  version: 1,
  reviewedAt: '2026-12-04',
  matches: {
    tactics: ['InitialAccess', 'CredentialAccess', 'Persistence', 'PrivilegeEscalation'],
    titleKeywords: [
      'impossible travel',
      'atypical travel',
      'unfamiliar sign-in*',
      'anomalous sign-in*',
      'suspicious sign-in*',
      'risky sign-in*',
      'risky user',
      'sign-in from',
      'new country',
      'brute force',
      'password spray',
      'credential stuffing',
      'leaked credential*',
      'compromised account',
      'compromised user',
      'account takeover',
      'mfa fatigue',
      'token theft',
      'anomalous token',
      'inbox forwarding',
      'forwarding rule',
      'inbox rule',
      'inbox manipulation',
      'illicit consent',
    ],
    alertProducts: [
      'Microsoft Entra ID Protection',
      'Azure Active Directory Identity Protection',
      'Microsoft Defender for Identity',
      'Azure Advanced Threat Protection',
      'Microsoft Defender for Cloud Apps',
      'Microsoft Cloud App Security',
    ],
    entityKinds: ['Account'],
  },
  phases: {
    detection: [
      {
        id: 'confirm-sign-in',
        title: 'Confirm the suspicious sign-in',
        required: true,
        guidance:
          'Entra admin center → Monitoring & health → Sign-in logs, filtered by the user: check IP, location, app, device and whether MFA was satisfied.',
        evidence: LEARN.signInLogs,
      },
      {
        id: 'ask-user',
        title: 'Ask the user whether it was them',
        required: true,
        guidance:
          'Reach them by phone or in person, not by email or Teams chat the attacker may be reading.',
      },
      {
        id: 'check-user-risk',
        title: 'Check Identity Protection risk',
        required: false,
        guidance:
          'Entra admin center → Protection → Identity Protection → Risky users: note the risk level and detections (full detail needs Entra ID P2).',
        evidence: LEARN.investigateRisk,
      },
    ],
    analysis: [
      {
        id: 'review-account-activity',
        title: 'Review what the account did',
        required: true,
        guidance:
          'Search the Purview audit log (Purview portal → Audit) for the user from the first suspicious sign-in: mail rules, file downloads, sharing, role changes, app consents.',
        evidence: LEARN.auditSearch,
      },
      {
        id: 'check-mail-items-accessed',
        title: 'Check which mail the attacker read',
        required: true,
        guidance:
          "Check Purview audit log for the mailbox's MailItemsAccessed over the compromise window, and note the client IPs and session ids that are not the user's.",
        evidence: LEARN.mailItemsAccessed,
      },
      {
        id: 'check-inbox-rules',
        title: 'Check inbox rules, forwarding and delegates',
        required: true,
        guidance:
          'Exchange admin center → Recipients → Mailboxes → <user>: email forwarding and delegation; `Get-InboxRule -Mailbox <upn>` for rules that forward, delete or hide mail.',
        evidence: LEARN.inboxRules,
      },
      {
        id: 'check-methods-and-consents',
        title: 'Check MFA methods, devices and app consents',
        required: true,
        guidance:
          'Entra admin center → Users → <user> → Authentication methods and Devices for anything the user does not recognise; Enterprise applications for unexpected OAuth consents.',
        evidence: LEARN.consentGrants,
      },
      {
        id: 'assess-phi-involvement',
        title: 'Decide whether PHI or personal information is involved',
        required: true,
        guidance:
          'If mail or files the attacker read or downloaded hold patient or personal information, or that cannot be ruled out, run `breach N` and record the discovery time.',
      },
    ],
    containment: [
      {
        id: 'revoke-sessions',
        title: 'Revoke sessions',
        required: true,
        guidance:
          'Entra admin center → Users → <user> → Revoke sessions, or `Revoke-MgUserSignInSession -UserId <upn>`; it ends refresh tokens within minutes.',
        evidence: LEARN.revokeSessionsCmdlet,
      },
      {
        id: 'reset-credentials',
        title: 'Reset credentials and require MFA re-registration',
        required: true,
        guidance:
          'Reset the password (Users → <user> → Reset password), delete unknown authentication methods and choose Require re-register multifactor authentication.',
        evidence: LEARN.mfaMethods,
      },
      {
        id: 'block-sign-in',
        title: 'Block sign-in until the account is clean',
        required: false,
        guidance:
          'Users → <user> → Edit properties → Settings → clear Account enabled, or `Update-MgUser -UserId <upn> -AccountEnabled:$false`.',
        evidence: LEARN.revokeAccess,
      },
      {
        id: 'block-attacker-ips',
        title: "Block the attacker's IP addresses",
        required: false,
        guidance:
          'Add them to a Conditional Access named location and block it with a Conditional Access policy.',
      },
    ],
    eradication: [
      {
        id: 'remove-mailbox-persistence',
        title: 'Remove malicious inbox rules, forwarding and delegates',
        required: true,
        guidance:
          '`Remove-InboxRule` for rules the user did not make, `Set-Mailbox <upn> -ForwardingSmtpAddress $null -ForwardingAddress $null`, and remove unexpected mailbox permissions.',
        evidence: LEARN.compromisedMailbox,
      },
      {
        id: 'remove-rogue-methods-and-apps',
        title: 'Remove rogue MFA methods, devices and app consents',
        required: true,
        guidance:
          'Delete unrecognised authentication methods and registered devices, and remove unexpected OAuth permission grants in Enterprise applications.',
        evidence: LEARN.consentGrants,
      },
      {
        id: 'scan-user-devices',
        title: "Scan the user's devices",
        required: false,
        guidance:
          'Run a full antivirus scan from the Device page in Microsoft Defender for Endpoint to rule out an infostealer that took the password or tokens.',
        evidence: LEARN.deviceResponse,
      },
    ],
    recovery: [
      {
        id: 'restore-access',
        title: "Restore the user's access",
        required: true,
        guidance:
          'Re-enable sign-in once the user has re-registered MFA from a trusted device, and confirm a Conditional Access policy requires MFA for them.',
      },
      {
        id: 'warn-contacts',
        title: 'Warn people the attacker emailed',
        required: false,
        guidance:
          'If the mailbox sent phishing or payment-change requests, tell the recipients by phone and ask them to delete the messages.',
      },
      {
        id: 'monitor-account',
        title: 'Monitor the account for 30 days',
        required: true,
        guidance:
          "Watch the user's sign-in logs and Identity Protection risk; a new risky sign-in means the attacker still has a way in.",
      },
      CONFIRM_NOTIFICATIONS,
    ],
    lessons_learned: [
      POST_INCIDENT_REVIEW,
      UPDATE_PLAYBOOK,
      {
        id: 'review-mfa-coverage',
        title: 'Review MFA and Conditional Access coverage',
        required: false,
        guidance:
          'Check that every user is covered by a Conditional Access policy requiring MFA and that legacy authentication is blocked.',
      },
      TRACK_IMPROVEMENTS,
    ],
  },
} satisfies PlaybookDefinition;
