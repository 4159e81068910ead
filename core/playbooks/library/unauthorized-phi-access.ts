import { type PlaybookDefinition } from '../schema.js';
import {
  CONFIRM_NOTIFICATIONS,
  LEARN,
  POST_INCIDENT_REVIEW,
  TRACK_IMPROVEMENTS,
  UPDATE_PLAYBOOK,
} from './common.js';

/** PHI looked at, taken or sent without authority: snooping, misdirected records, DLP matches. */
export const unauthorizedPhiAccess = {
  id: 'unauthorized-phi-access',
  title: 'Unauthorized access to or disclosure of PHI',
  description:
    'Patient information viewed, copied or sent without authority: EHR snooping, mass record access, PHI emailed or shared outside the practice, DLP matches. A privacy breach under PHIPA s.12 until shown otherwise.',
  version: 1,
  reviewedAt: '2026-12-04',
  matches: {
    tactics: ['Exfiltration', 'Collection'],
    titleKeywords: [
      'patient record*',
      'patient data',
      'patient chart*',
      'health record*',
      'medical record*',
      'health card*',
      'ehr access',
      'mass access',
      'mass download',
      'snoop*',
      'phi',
      'ephi',
      'personal health information',
      'privacy breach',
      'unauthorized access',
      'unauthorized disclosure',
      'misdirected',
      'dlp',
      'data loss prevention',
      'shared externally',
      'exfiltration',
    ],
    alertProducts: [
      'Microsoft Purview Data Loss Prevention',
      'Microsoft Data Loss Prevention',
      'Data Loss Prevention',
      'Microsoft Purview Insider Risk Management',
      'Insider Risk Management',
    ],
    labels: ['PHI', 'Privacy', 'PrivacyBreach'],
  },
  phases: {
    detection: [
      {
        id: 'confirm-access-event',
        title: 'Confirm what access or disclosure happened',
        required: true,
        guidance:
          'From the alert, complaint or EHR report, note who, which records, when and how: viewed, exported, emailed, shared or printed.',
      },
      {
        id: 'preserve-logs',
        title: 'Preserve the access logs',
        required: true,
        guidance:
          'Export the EHR audit log and a Purview audit search for the user and time window now, before retention removes them.',
        evidence: LEARN.auditSearch,
      },
    ],
    analysis: [
      {
        id: 'review-ehr-access-log',
        title: 'Review the EHR access log for the record',
        required: true,
        guidance:
          'List every patient record the user opened, with times, and whether each had a care relationship or other authorised purpose.',
      },
      {
        id: 'check-microsoft-365-activity',
        title: 'Check Microsoft 365 activity',
        required: true,
        guidance:
          "Purview portal → Audit for the user's FileDownloaded, sharing and sent-mail events; Purview → Data loss prevention → Alerts and Activity explorer show what matched.",
        evidence: LEARN.auditSearch,
      },
      {
        id: 'interview',
        title: 'Interview the user and their manager',
        required: false,
        guidance:
          'Ask what was accessed and why; for a misdirected email or fax, identify the recipient and reach them.',
      },
      {
        id: 'count-individuals',
        title: 'Count affected individuals and where they live',
        required: true,
        guidance:
          'Count patients by province and by US state; `breach N` uses these numbers to decide who must be notified.',
      },
      {
        id: 'assess-phi-involvement',
        title: 'Decide whether PHI or personal information is involved',
        required: true,
        guidance:
          'Use without authority of PHI is a breach under PHIPA s.12(2); record the decision and run `breach N` with the discovery time, which starts the notification clocks.',
      },
    ],
    containment: [
      {
        id: 'suspend-access',
        title: "Suspend the user's access to PHI",
        required: true,
        guidance:
          'Remove their EHR access; if needed block sign-in in Entra ID (Users → <user> → Edit properties → Account enabled off) and Revoke sessions.',
        evidence: LEARN.revokeAccess,
      },
      {
        id: 'retrieve-disclosed-phi',
        title: 'Retrieve or contain the disclosed PHI',
        required: true,
        guidance:
          'Ask recipients to return or securely delete it and confirm in writing; remove external sharing links in OneDrive/SharePoint.',
      },
      {
        id: 'stop-further-sharing',
        title: 'Stop further external sharing',
        required: false,
        guidance:
          'Switch the matching Purview DLP policy to block, or restrict external sharing for the site in the SharePoint admin center.',
      },
    ],
    eradication: [
      {
        id: 'correct-access-rights',
        title: 'Correct the access that made it possible',
        required: true,
        guidance:
          'Remove excess EHR roles and Microsoft 365 group memberships; apply least privilege to the user and to others in the same role.',
      },
      {
        id: 'apply-sanctions',
        title: 'Apply the sanctions policy',
        required: false,
        guidance:
          'Document the sanction applied, as HIPAA 164.530(e) requires; keep personnel details out of this timeline.',
      },
    ],
    recovery: [
      {
        id: 'restore-least-privilege',
        title: 'Restore access with least privilege',
        required: true,
        guidance:
          'Give back only what the role needs, after privacy retraining and a re-signed confidentiality agreement.',
      },
      {
        id: 'monitor-record-access',
        title: "Monitor the user's record access",
        required: true,
        guidance: "Review the user's EHR access log weekly for 90 days.",
      },
      CONFIRM_NOTIFICATIONS,
    ],
    lessons_learned: [
      POST_INCIDENT_REVIEW,
      UPDATE_PLAYBOOK,
      {
        id: 'privacy-refresher',
        title: 'Refresh privacy training for all staff',
        required: false,
        guidance:
          'Remind everyone of the need-to-know rule and that EHR access is logged and reviewed.',
      },
      TRACK_IMPROVEMENTS,
    ],
  },
} satisfies PlaybookDefinition;
