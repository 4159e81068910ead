import { type PlaybookDefinition } from '../schema.js';
import {
  CONFIRM_NOTIFICATIONS,
  LEARN,
  POST_INCIDENT_REVIEW,
  TRACK_IMPROVEMENTS,
  UPDATE_PLAYBOOK,
} from './common.js';

/** A laptop, phone or tablet with practice data that is lost or stolen. */
export const lostStolenDevice = {
  id: 'lost-stolen-device',
  title: 'Lost or stolen device',
  description:
    'A laptop, phone or tablet with access to practice data is lost or stolen: find out whether it was encrypted and what it held, cut its access, wipe it and replace it.',
  version: 1,
  reviewedAt: '2026-12-04',
  matches: {
    titleKeywords: [
      'lost',
      'stolen',
      'theft',
      'missing device',
      'missing laptop',
      'missing phone',
      'device reported',
      'lost mode',
    ],
    alertProducts: ['Microsoft Intune'],
    labels: ['LostDevice', 'StolenDevice', 'Lost', 'Stolen'],
  },
  phases: {
    detection: [
      {
        id: 'record-loss',
        title: 'Record what was lost, when and where',
        required: true,
        guidance:
          'Note the device name, type, owner, last known place and time, and whether it was stolen; ask the owner what was on it and whether the passcode was written down.',
      },
      {
        id: 'find-device-in-intune',
        title: 'Find the device in Intune',
        required: true,
        guidance:
          'Intune admin center → Devices → All devices: search the owner and note last check-in, ownership (corporate or personal) and compliance.',
      },
      {
        id: 'report-theft',
        title: 'Report a theft to the police',
        required: false,
        guidance: 'Record the police report number in a note; insurers and the IPC may ask for it.',
      },
    ],
    analysis: [
      {
        id: 'check-encryption',
        title: 'Confirm the device was encrypted',
        required: true,
        guidance:
          'Intune admin center → Devices → Monitor → Encryption report (BitLocker or FileVault); phones are encrypted when a passcode is set. Record the evidence.',
        evidence: LEARN.intuneEncryption,
      },
      {
        id: 'identify-data',
        title: 'Identify the data on the device',
        required: true,
        guidance:
          'List synced OneDrive/SharePoint files, cached mail, EHR exports and downloads; the Purview audit log shows files the user downloaded or synced.',
        evidence: LEARN.auditSearch,
      },
      {
        id: 'check-sign-ins-since-loss',
        title: 'Check sign-ins since the loss',
        required: true,
        guidance:
          "Entra admin center → Sign-in logs filtered by the user and the device since the loss; any activity means the device or the user's session is in use.",
        evidence: LEARN.signInLogs,
      },
      {
        id: 'assess-phi-involvement',
        title: 'Decide whether PHI or personal information is involved',
        required: true,
        guidance:
          'If it held PHI or personal data, run `breach N`: strong encryption with the key not exposed lowers the risk, but record the decision either way; PHIPA counts every loss or theft of PHI.',
      },
    ],
    containment: [
      {
        id: 'revoke-sessions',
        title: "Revoke the user's sessions",
        required: true,
        guidance:
          'Entra admin center → Users → <user> → Revoke sessions, or `Revoke-MgUserSignInSession -UserId <upn>`; reset the password if it was saved or written on the device.',
        evidence: LEARN.revokeSessionsCmdlet,
      },
      {
        id: 'remote-lock',
        title: 'Lock the device remotely',
        required: false,
        guidance:
          'Intune → Devices → <device> → Remote lock (phones, tablets, Macs); turn on Lost mode for a supervised iPhone or iPad.',
      },
      {
        id: 'wipe-or-retire',
        title: 'Wipe or retire the device',
        required: true,
        guidance:
          'Intune remote wipe / retire: Devices → <device> → Wipe for a practice device (factory reset), Retire for a personal one (removes work data); it runs at next check-in.',
        evidence: LEARN.intuneWipe,
      },
      {
        id: 'disable-device-object',
        title: 'Disable the device in Entra ID',
        required: false,
        guidance:
          'Entra admin center → Devices → <device> → Disable, so it no longer satisfies device-based Conditional Access.',
      },
    ],
    eradication: [
      {
        id: 'confirm-wipe',
        title: 'Confirm the wipe or record that it is pending',
        required: true,
        guidance:
          'Device page → Device actions status shows the wipe as complete; if the device never checks in again, keep it disabled and note that.',
        evidence: LEARN.intuneWipe,
      },
      {
        id: 'rotate-stored-secrets',
        title: 'Change secrets stored on the device',
        required: true,
        guidance:
          'Change passwords saved in its browser, Wi-Fi and VPN keys, and any shared account used on it; note "none" if there were none.',
      },
    ],
    recovery: [
      {
        id: 'replace-device',
        title: 'Issue a replacement device',
        required: true,
        guidance:
          'Enrol it with Autopilot / Intune so compliance, BitLocker and Defender apply before use; files come back from OneDrive.',
      },
      {
        id: 'clean-up-records',
        title: 'Retire the lost device records',
        required: false,
        guidance:
          'After the wipe completes or 30 days pass, export its details and BitLocker key id to the incident, then delete it from Intune and Entra ID.',
      },
      CONFIRM_NOTIFICATIONS,
    ],
    lessons_learned: [
      POST_INCIDENT_REVIEW,
      UPDATE_PLAYBOOK,
      {
        id: 'review-device-compliance',
        title: 'Confirm every device requires encryption and a passcode',
        required: false,
        guidance:
          'Intune compliance policies should require BitLocker/FileVault and a PIN, with Conditional Access blocking non-compliant devices.',
      },
      TRACK_IMPROVEMENTS,
    ],
  },
} satisfies PlaybookDefinition;
