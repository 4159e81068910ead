import {
  CLASSIFICATION_REASONS,
  CLASSIFICATIONS,
  type Classification,
  type ClassificationReason,
  INCIDENT_STATUSES,
  type IncidentOwner,
  type IncidentStatus,
  REASONS_BY_CLASSIFICATION,
  SEVERITIES,
  type Severity,
} from './model.js';

const OWNER_FIELDS = ['objectId', 'email', 'assignedTo', 'userPrincipalName'] as const;

/**
 * What a Teams action changes on the Sentinel incident; absent fields stay as they are.
 * `owner: null` unassigns. A new `classification` without a reason drops the old reason.
 */
export interface IncidentChange {
  status?: IncidentStatus;
  severity?: Severity;
  owner?: Partial<IncidentOwner> | null;
  classification?: Classification;
  classificationReason?: ClassificationReason;
  classificationComment?: string;
}

/** The fields of a change Sentinel would reject (bad enum values, a reason that does not go with the classification). */
export function changeProblems(change: IncidentChange): string[] {
  const wrong: string[] = [];
  if (change.status !== undefined && !INCIDENT_STATUSES.includes(change.status)) {
    wrong.push('status');
  }
  if (change.severity !== undefined && !SEVERITIES.includes(change.severity)) {
    wrong.push('severity');
  }
  const classification = change.classification;
  if (classification !== undefined && !CLASSIFICATIONS.includes(classification)) {
    wrong.push('classification');
  }
  const reason = change.classificationReason;
  if (reason !== undefined) {
    const allowed: readonly string[] = classification
      ? (REASONS_BY_CLASSIFICATION[classification] ?? [])
      : CLASSIFICATION_REASONS;
    if (!allowed.includes(reason)) wrong.push('classificationReason');
  }
  return wrong;
}

/**
 * Whether the incident already shows the change (a retry after a PUT that went through):
 * then there is nothing to send.
 */
export function isApplied(properties: Record<string, unknown>, change: IncidentChange): boolean {
  const same = (key: string, value: unknown): boolean =>
    value === undefined || (properties[key] ?? null) === (value ?? null);
  if (!same('status', change.status) || !same('severity', change.severity)) return false;
  if (!same('classification', change.classification)) return false;
  if (!same('classificationComment', change.classificationComment)) return false;
  const reason =
    change.classificationReason ?? (change.classification === undefined ? undefined : null);
  if (!same('classificationReason', reason)) return false;
  if (change.owner === undefined) return true;
  const owner = isObject(properties.owner) ? properties.owner : {};
  const wanted = change.owner ?? {};
  return OWNER_FIELDS.every((key) => (owner[key] ?? null) === (wanted[key] ?? null));
}

/** The incident's properties with the change applied; the input is left untouched. */
export function applyChange(
  properties: Record<string, unknown>,
  change: IncidentChange,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...properties };
  if (change.status !== undefined) next.status = change.status;
  if (change.severity !== undefined) next.severity = change.severity;
  if (change.owner !== undefined) {
    // A new owner replaces the old one whole: no e-mail of the previous owner left behind.
    const owner = change.owner ?? {};
    next.owner = {
      objectId: owner.objectId ?? null,
      email: owner.email ?? null,
      assignedTo: owner.assignedTo ?? null,
      userPrincipalName: owner.userPrincipalName ?? null,
    };
  }
  if (change.classification !== undefined) {
    next.classification = change.classification;
    if (change.classificationReason === undefined) delete next.classificationReason;
  }
  if (change.classificationReason !== undefined) {
    next.classificationReason = change.classificationReason;
  }
  if (change.classificationComment !== undefined) {
    next.classificationComment = change.classificationComment;
  }
  return next;
}

/** The comment added when the enqueuer gave none: what changed, and the Teams user who did it. */
export function defaultComment(change: IncidentChange, actor: string): string {
  const parts: string[] = [];
  if (change.status) parts.push(`status ${change.status}`);
  if (change.severity) parts.push(`severity ${change.severity}`);
  if (change.owner !== undefined) {
    const owner = change.owner;
    parts.push(`owner ${owner?.assignedTo ?? owner?.userPrincipalName ?? owner?.email ?? 'none'}`);
  }
  if (change.classification) {
    const reason = change.classificationReason ? ` (${change.classificationReason})` : '';
    parts.push(`classification ${change.classification}${reason}`);
  }
  const what = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `Updated in Microsoft Teams (Life Cockpit Security) by ${actor}${what}.`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
