/**
 * Key names as this module spells them. Sentinel and Logic Apps are inconsistent about case
 * (`alerts`/`Alerts`, `IncidentNumber`, `SubscriptionId`), so every key of a payload is folded to
 * one of these before validation.
 */
const KNOWN_KEYS = [
  // trigger envelope
  'eventUniqueId',
  'objectSchemaType',
  'objectEventType',
  'workspaceId',
  'workspaceInfo',
  'subscriptionId',
  'resourceGroupName',
  'workspaceName',
  'object',
  // incident resource
  'id',
  'name',
  'etag',
  'type',
  'kind',
  'properties',
  'title',
  'description',
  'severity',
  'status',
  'classification',
  'classificationReason',
  'classificationComment',
  'owner',
  'objectId',
  'email',
  'assignedTo',
  'userPrincipalName',
  'labels',
  'labelName',
  'labelType',
  'incidentNumber',
  'incidentUrl',
  'providerName',
  'createdTimeUtc',
  'firstActivityTimeUtc',
  'lastActivityTimeUtc',
  'lastModifiedTimeUtc',
  'additionalData',
  'alertsCount',
  'alertProductNames',
  'tactics',
  'techniques',
  'alerts',
  'productName',
  'relatedEntities',
  // entity properties used for names
  'accountName',
  'upnSuffix',
  'upn',
  'displayName',
  'friendlyName',
  'hostName',
  'dnsDomain',
  'netBiosName',
  'address',
  'fileName',
  'hashValue',
  'mailboxPrimaryAddress',
  'url',
  'subject',
  'domainName',
  'resourceId',
  'appName',
  'commandLine',
  'deviceName',
  'malwareName',
  'distinguishedName',
  'key',
] as const;

const CANONICAL = new Map<string, string>(KNOWN_KEYS.map((key) => [key.toLowerCase(), key]));

/**
 * Deep copy of `value` with every object key that is known, in any case, renamed to its canonical
 * spelling; unknown keys are kept as they are. When two keys fold to the same name, the first
 * non-null value wins.
 */
export function foldKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(foldKeys);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // JSON.parse makes `__proto__` an own key; copying it would set the prototype instead.
    if (key === '__proto__') continue;
    const canonical = CANONICAL.get(key.toLowerCase()) ?? key;
    const existing = out[canonical];
    if (existing !== undefined && existing !== null) continue;
    out[canonical] = foldKeys(inner);
  }
  return out;
}

/** True for `{…}` values (not arrays, not null, not class instances such as Date). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
