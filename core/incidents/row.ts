import { armIdFromIncidentUrl, workspaceFromArmId } from './arm.js';
import { foldKeys, isPlainObject } from './fold.js';
import { type Incident, type IncidentWorkspace } from './model.js';
import {
  canonicalSeverity,
  canonicalStatus,
  isoUtc,
  ownerOrNull,
  positiveInteger,
  uniqueStrings,
} from './values.js';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A `dynamic` column arrives as a parsed value or as JSON text, depending on the client. */
function dynamic(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function time(value: unknown): string | null {
  return typeof value === 'string' || value instanceof Date ? isoUtc(value) : null;
}

function list(value: unknown): unknown[] {
  const parsed = dynamic(value);
  return Array.isArray(parsed) ? parsed : [];
}

function count(value: unknown): number | null {
  if (value === 0 || value === '0') return 0;
  return positiveInteger(value);
}

/**
 * A Log Analytics `SecurityIncident` row (SPEC §11) → an Incident, or null when the row lacks
 * IncidentName, a positive IncidentNumber, a Title or a known Severity. Optional columns that
 * are malformed are read as missing: a pulled row cannot be answered with a 400. Rows carry no
 * entities, etag or ARM id; the ARM id is recovered from IncidentUrl so that both sources build
 * the same idempotency key.
 */
export function normaliseRow(row: Record<string, unknown>): Incident | null {
  // Column names are matched without regard to case, like payload keys.
  const r = Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key.toLowerCase(), value]),
  ) as Record<string, unknown>;
  const name = text(r.incidentname);
  const number = positiveInteger(r.incidentnumber);
  const title = text(r.title);
  const severity = typeof r.severity === 'string' ? canonicalSeverity(r.severity) : null;
  if (!name || number === null || !title || !severity) return null;

  const url = text(r.incidenturl);
  const armId = armIdFromIncidentUrl(url);
  const owner = foldKeys(dynamic(r.owner));
  const extra = foldKeys(dynamic(r.additionaldata));
  const data = isPlainObject(extra) ? extra : {};
  const labels = foldKeys(list(r.labels)) as unknown[];
  return {
    armId,
    name,
    number,
    title,
    description: text(r.description),
    severity,
    status: (typeof r.status === 'string' ? canonicalStatus(r.status) : null) ?? 'New',
    classification: text(r.classification),
    classificationReason: text(r.classificationreason),
    owner: isPlainObject(owner) ? ownerOrNull(owner) : null,
    labels: uniqueStrings(
      labels.map((label) =>
        isPlainObject(label)
          ? text(label.labelName)
          : typeof label === 'string'
            ? text(label)
            : null,
      ),
    ),
    url,
    providerName: text(r.providername),
    createdAt: time(r.createdtime),
    firstActivityAt: time(r.firstactivitytime),
    lastActivityAt: time(r.lastactivitytime),
    lastModifiedAt: time(r.lastmodifiedtime),
    alertsCount: count(data.alertsCount),
    alertProducts: uniqueStrings(list(data.alertProductNames)),
    tactics: uniqueStrings(list(data.tactics)),
    techniques: uniqueStrings(list(data.techniques)),
    entities: [],
    workspace: workspaceOf(armId, text(r.tenantid)),
    etag: null,
  };
}

/** In Log Analytics the `TenantId` column holds the workspace id. */
function workspaceOf(armId: string | null, workspaceId: string | null): IncidentWorkspace | null {
  const fromId = workspaceFromArmId(armId);
  if (!fromId && !workspaceId) return null;
  return {
    ...(fromId ?? { subscriptionId: null, resourceGroup: null, name: null }),
    id: workspaceId,
  };
}
