import { type PlaybookDefinition } from '../schema.js';
import {
  CONFIRM_NOTIFICATIONS,
  LEARN,
  POST_INCIDENT_REVIEW,
  TRACK_IMPROVEMENTS,
  UPDATE_PLAYBOOK,
} from './common.js';

/** The fallback playbook: the practice's Incident Response Plan with no incident-specific steps. */
export const generic = {
  id: 'generic',
  title: 'General security incident',
  description:
    'The Incident Response Plan step by step, for incidents no specific playbook fits: confirm, assess, contain, remove the cause, restore and learn.',
  version: 1,
  reviewedAt: '2026-12-04',
  matches: {},
  phases: {
    detection: [
      {
        id: 'confirm-alert',
        title: 'Confirm the alert is real',
        required: true,
        guidance:
          'Open the incident in Microsoft Sentinel (or the Defender portal → Incidents) and read its alerts, entities and evidence; note what triggered it.',
        evidence: LEARN.sentinelInvestigate,
      },
      {
        id: 'record-affected',
        title: 'Record affected users, devices and data',
        required: true,
        guidance:
          'List the accounts, hosts, mailboxes, IP addresses and systems from the incident entities in a note.',
      },
      {
        id: 'assign-owner',
        title: 'Assign one person to drive the response',
        required: false,
        guidance: 'Use `assign N me` so everyone knows who leads.',
      },
    ],
    analysis: [
      {
        id: 'determine-scope',
        title: 'Determine scope and timeline',
        required: true,
        guidance:
          'Use the Sentinel investigation graph and queries on SigninLogs, AuditLogs and device events for the entities over the last 30 days; record first and last malicious activity.',
        evidence: LEARN.sentinelInvestigate,
      },
      {
        id: 'assess-phi-involvement',
        title: 'Decide whether PHI or personal information is involved',
        required: true,
        guidance:
          'Check whether affected accounts, devices or systems hold patient or personal data that may have been viewed, copied or altered; if so or unsure, run `breach N` and record the discovery time.',
      },
      {
        id: 'confirm-severity',
        title: 'Confirm severity and data class',
        required: false,
        guidance:
          'Adjust with `severity N <level>` and `classify N <class>` if the alert got them wrong.',
      },
    ],
    containment: [
      {
        id: 'contain-affected',
        title: 'Contain affected accounts and devices',
        required: true,
        guidance:
          'Revoke sessions or block sign-in for affected accounts in the Entra admin center, and isolate affected devices in Microsoft Defender for Endpoint (Device page → Isolate device).',
        evidence: LEARN.deviceResponse,
      },
      {
        id: 'preserve-evidence',
        title: 'Preserve evidence',
        required: true,
        guidance:
          'Export the relevant Sentinel query results and Purview audit searches before changing systems; audit records age out.',
        evidence: LEARN.auditSearch,
      },
    ],
    eradication: [
      {
        id: 'remove-cause',
        title: 'Remove the cause',
        required: true,
        guidance:
          'Remove the malicious files, rules, apps or accounts found in analysis and fix the weakness that let it in (patch, configuration, MFA gap).',
      },
      {
        id: 'verify-clean',
        title: 'Verify nothing remains',
        required: true,
        guidance: 'Re-run the analysis queries and confirm no new alerts for the same entities.',
      },
    ],
    recovery: [
      {
        id: 'restore-operations',
        title: 'Restore normal operations',
        required: true,
        guidance:
          'Re-enable accounts and release devices once clean; restore data from Azure Backup if it was damaged.',
        evidence: LEARN.restoreVm,
      },
      {
        id: 'monitor-recurrence',
        title: 'Monitor for recurrence',
        required: true,
        guidance:
          'Watch the affected entities in Sentinel for at least 14 days, e.g. with a watchlist or an analytics rule.',
      },
      CONFIRM_NOTIFICATIONS,
    ],
    lessons_learned: [POST_INCIDENT_REVIEW, UPDATE_PLAYBOOK, TRACK_IMPROVEMENTS],
  },
} satisfies PlaybookDefinition;
