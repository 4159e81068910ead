import {
  INCIDENT_STATUSES,
  SEVERITIES,
  type IncidentOwner,
  type IncidentStatus,
  type Severity,
} from './model.js';

function pick<T extends string>(allowed: readonly T[], value: string): T | null {
  const wanted = value.trim().toLowerCase();
  return allowed.find((candidate) => candidate.toLowerCase() === wanted) ?? null;
}

/** `high`, `HIGH`, ` High ` → `High`; anything else → null. */
export function canonicalSeverity(value: string): Severity | null {
  return pick(SEVERITIES, value);
}

/** `active` → `Active`; anything else → null. */
export function canonicalStatus(value: string): IncidentStatus | null {
  return pick(INCIDENT_STATUSES, value);
}

/** `update` → `Update`; anything else → null. */
export function canonicalEventType(value: string): 'Create' | 'Update' | null {
  return pick(['Create', 'Update'] as const, value);
}

/**
 * A timestamp as ISO-8601 UTC with millisecond precision, or null when it is not one. Sentinel
 * writes up to seven fractional digits and Log Analytics may hand over a Date; both sources must
 * give the same string for the same instant (it is part of the idempotency key). A time without a
 * zone is UTC, as Sentinel's are.
 */
export function isoUtc(value: string | Date): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const text = value.trim();
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text,
  );
  if (!match) return null;
  const [, base = '', fraction = '', rawZone = 'Z'] = match;
  const zone = rawZone.length === 5 ? `${rawZone.slice(0, 3)}:${rawZone.slice(3)}` : rawZone;
  const millis = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0');
  const parsed = new Date(`${base}${millis}${zone}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** A whole number ≥ 0 from a number or a string of digits (form inputs arrive as text); or null. */
export function wholeNumber(value: unknown): number | null {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : null;
}

/** A positive integer from a number or a string of digits; null otherwise. */
export function positiveInteger(value: unknown): number | null {
  const number = wholeNumber(value);
  return number !== null && number > 0 ? number : null;
}

/** The owner, or null when every field is empty (Sentinel sends all-null for "unassigned"). */
export function ownerOrNull(
  owner: Partial<Record<keyof IncidentOwner, unknown>>,
): IncidentOwner | null {
  const text = (value: unknown): string | null =>
    typeof value === 'string' && value.trim() !== '' ? value : null;
  const result: IncidentOwner = {
    objectId: text(owner.objectId),
    email: text(owner.email),
    assignedTo: text(owner.assignedTo),
    userPrincipalName: text(owner.userPrincipalName),
  };
  return Object.values(result).some((value) => value !== null) ? result : null;
}

/** Last path segment of an ARM id (the incident GUID). */
export function lastSegment(armId: string): string | null {
  const segment = armId
    .split('/')
    .filter((part) => part !== '')
    .pop();
  return segment ?? null;
}

/** Unique non-empty strings, first occurrence order. */
export function uniqueStrings(values: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const value of values) if (typeof value === 'string' && value.trim() !== '') seen.add(value);
  return [...seen];
}
