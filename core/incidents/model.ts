/** Sentinel incident severities, most severe first. */
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
/** How urgent Sentinel rates an incident. */
export type Severity = (typeof SEVERITIES)[number];

/** Sentinel incident lifecycle states. */
export const INCIDENT_STATUSES = ['New', 'Active', 'Closed'] as const;
/** Where an incident is in its Sentinel lifecycle. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Who the incident is assigned to in Sentinel. */
export interface IncidentOwner {
  objectId: string | null;
  email: string | null;
  assignedTo: string | null;
  userPrincipalName: string | null;
}

/** An entity involved in the incident, reduced to its kind and a short human name. */
export interface IncidentEntity {
  /** Sentinel entity kind as given: `Account`, `Host`, `Ip`, `File`, `Mailbox`, `Url`… */
  kind: string;
  /** Account UPN, host name, IP address, file name, mailbox address, URL… */
  name: string;
}

/** The Log Analytics workspace the incident lives in. */
export interface IncidentWorkspace {
  id: string | null;
  subscriptionId: string | null;
  resourceGroup: string | null;
  name: string | null;
}

/**
 * One Sentinel incident, normalised from either source (the push trigger body or a pulled
 * `SecurityIncident` row). Timestamps are ISO-8601 UTC with millisecond precision, so the same
 * change read from both sources yields the same values.
 */
export interface Incident {
  /** ARM resource id; null when the source did not give one. */
  armId: string | null;
  /** The incident GUID (`object.name`, `IncidentName`, or the last segment of the ARM id). */
  name: string;
  number: number;
  title: string;
  description: string | null;
  severity: Severity;
  status: IncidentStatus;
  classification: string | null;
  classificationReason: string | null;
  /** Null when nobody is assigned (every owner field empty). */
  owner: IncidentOwner | null;
  labels: string[];
  url: string | null;
  providerName: string | null;
  createdAt: string | null;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
  lastModifiedAt: string | null;
  alertsCount: number | null;
  alertProducts: string[];
  tactics: string[];
  techniques: string[];
  entities: IncidentEntity[];
  workspace: IncidentWorkspace | null;
  etag: string | null;
}

/** Sentinel's closing classifications (SPEC §2). */
export const CLASSIFICATIONS = [
  'Undetermined',
  'TruePositive',
  'BenignPositive',
  'FalsePositive',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Sentinel's classification reasons, and the classification each belongs to in Sentinel. */
export const REASONS_BY_CLASSIFICATION = {
  Undetermined: [],
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
} as const satisfies Record<Classification, readonly string[]>;
export const CLASSIFICATION_REASONS = [
  'SuspiciousActivity',
  'SuspiciousButExpected',
  'IncorrectAlertLogic',
  'InaccurateData',
] as const;
export type ClassificationReason = (typeof CLASSIFICATION_REASONS)[number];
