import { words } from './words.js';

/**
 * Words the detectors' own grammar relies on, as plain data. They are never part of a person's
 * name span even when a name list contains them ("Patient", "Ontario", "Street"), so
 * {@link STRUCTURAL_WORDS} is always merged into a lexicon's stop words. {@link SECURITY_WORDS}
 * is the vocabulary of alert text that also occurs as a capitalised word next to real names.
 */

/** Titles that announce a name; they cue the name but are not part of its span. */
export const TITLES = words('Dr Mr Mrs Ms Mx Miss Prof Sr Sra Mme Mlle');

// Full month names only: abbreviations such as "Jun" or "Mar" are given names as well.
const MONTHS = words(
  'January February March April May June July August September October November December',
);
const DAYS = words('Monday Tuesday Wednesday Thursday Friday Saturday Sunday');

// The words of province names that are not also common given names ("Edward", "Prince").
const PROVINCE_WORDS = words(
  'Ontario Quebec Québec Alberta Manitoba Saskatchewan Yukon Nunavut Columbia Scotia ' +
    'Brunswick Newfoundland Labrador Territories',
);

/** Street designators used by the address detector (English and French, long and short). */
export const STREET_TYPES = words(
  'Street St Avenue Ave Av Road Rd Drive Dr Boulevard Blvd Lane Ln Crescent Cres Court Ct ' +
    'Way Place Pl Terrace Terr Circle Cir Trail Trl Parkway Pkwy Highway Hwy Square Sq Line ' +
    'Sideroad Concession Gate Grove Heights Hts Park Path Row Walk Close Mews Gardens Gdns ' +
    'Landing Ridge Point Common Commons Green Glen Circuit Alley Quay Esplanade Promenade ' +
    'Route Rue Chemin Ch Rang Montée Côte Impasse Allée',
);

// Cue nouns, address words and the documents whose titles carry names.
const STRUCTURE = words(
  'Patient Patients Pt Client Clients Resident Member Name Names Re Fwd Fw Subject Attn Dear ' +
    'Hi Hello Regards Thanks Unit Apt Apartment Suite Ste Box North South East West Nord Sud ' +
    'Est Ouest Canada Province City Postal Code Address Home Note Notes Consult Consultation ' +
    'Referral Requisition Form Intake Chart Record Records Result Results Lab Labs File Files ' +
    'Letter Summary Discharge Invoice Claim Report Scan Image Imaging Copy Draft Final Signed ' +
    'Scanned Page Attachment Document Prescription Rx Visit Appointment Encounter Admission ' +
    'Progress History Physical Exam Birth Date Born Age Sex Gender Health Card Number ' +
    'Insurance Social Security Medical Phone Cell Mobile Fax Email Mail Tel Hospital Clinic ' +
    'Centre Center University College Institute Pharmacy Laboratory Department Dept Inc Ltd ' +
    'Corp Corporation Company Group Agency Ministry Foundation Association ' +
    // English function words that can start a capitalised title
    'The A An And Or Of To In On At By For From With Via Into Over After Before Under This ' +
    'That These Those Our Your Their His Her Its New Old All Any No Not',
);

/**
 * Capitalised words of security alerts and of the Microsoft 365 estate: alert titles often run
 * in Title Case ("Mass Download By Guest User"), and a few of these are also names somewhere.
 */
export const SECURITY_WORDS = words(
  'Alert Alerts Sign Signin Login Logon Logoff Log Logs Mass Guest Admin Administrator User ' +
    'Users Account Accounts Access Host Server Device Devices Endpoint Policy Rule Rules ' +
    'Incident Incidents Event Events Threat Risk Risky Suspicious Unusual Impossible Travel ' +
    'Brute Force Malware Ransomware Phishing Spam Virus Trojan Payload Exploit Vulnerability ' +
    'Patch Update Updates Build Version Release Ticket Firewall Deny Denied Allow Allowed ' +
    'Block Blocked Failed Failure Success Successful Multiple Outbound Inbound External ' +
    'Internal Anonymous Sensitive Info Type Process Service Services Desk Help Helpdesk ' +
    'Support Reception Billing Payroll Clinical Care Printer Print Job Jobs Download Upload ' +
    'Uploaded Shared Share Sharing Sync Forward Forwarding Inbox Mailbox Message Reply ' +
    'Callback Reminder Gateway Network Wireless Password Spray Token Session Credential ' +
    'Credentials Privilege Privileged Role Roles Groups Tenant Domain Detected Detection ' +
    'Quarantine Quarantined Unauthorized Authorized Compromised Compromise Breach Leak Leaked ' +
    'Exfiltration Activity Location Country Region Unfamiliar Atypical High Medium Low ' +
    'Informational Severity Status Active Closed Owner Manager Team Channel Chat Meeting Cloud ' +
    'Storage Backup Database Encryption Key Vault Certificate Secure Identity Protection ' +
    'Compliance Audit Monitor Monitoring Defender Sentinel Purview Entra Intune Azure ' +
    'Microsoft Windows Office Exchange Online Teams Outlook SharePoint OneDrive PowerShell ' +
    'Edge Chrome Firefox Safari Google Apple Android Linux Mac Amazon Cisco Fortinet Zoom ' +
    'Slack Dropbox Web Portal App Application Agent Sensor Scanner Laptop Desktop Workstation ' +
    'Tablet Router Switch Proxy Remote Protocol Port Traffic Connection Connections Query ' +
    'Label Labels Data Loss Prevention Match Matched Found Opened Created Deleted Modified ' +
    'Changed Added Removed Disabled Enabled Pipeline Repository Script Command Shell Console ' +
    'Registry Kernel Driver Module Plugin Extension Browser Mobile Vpn Wifi Legacy Auth ' +
    'Conditional Baseline Rollup Hotfix Signature Engine Platform Cluster Container Virtual',
);

/**
 * The stop words every lexicon gets: titles, months, days, provinces, street types, structure
 * and security vocabulary.
 */
export const STRUCTURAL_WORDS: readonly string[] = [
  ...TITLES,
  ...MONTHS,
  ...DAYS,
  ...PROVINCE_WORDS,
  ...STREET_TYPES,
  ...STRUCTURE,
  ...SECURITY_WORDS,
];

/**
 * Clinical documents, whose titles carry a patient's name: "Consult Note - First Last",
 * "First Last - Lab Results.pdf".
 */
export const DOC_WORDS: ReadonlySet<string> = new Set(
  words(
    'consult consultation note notes referral requisition prescription renewal lab labs ' +
      'result results report summary discharge intake chart imaging x-ray xray mri ultrasound ' +
      'ecg ekg bloodwork pathology radiology letter form consent invoice claim appointment ' +
      'visit progress assessment history physical vaccination immunization medication follow-up ' +
      'followup ' +
      'medications rx',
  ),
);
