import { workspaceFromArmId } from './arm.js';
import { entitiesOf } from './entities.js';
import { foldKeys, isPlainObject } from './fold.js';
import { type Incident, type IncidentWorkspace } from './model.js';
import { problemMessage, triggerBodySchema, type TriggerBody } from './trigger-schema.js';
import { lastSegment, ownerOrNull, uniqueStrings } from './values.js';

/** One validated Sentinel incident event. */
export interface TriggerEvent {
  /** Sentinel's id for this event, when the playbook passed it on. */
  eventUniqueId: string | null;
  eventType: 'Create' | 'Update';
  incident: Incident;
  /** `armId (or name)|lastModifiedAt`: the idempotency key when there is no eventUniqueId. */
  versionKey: string;
}

/** The result of `parseTrigger`: an event, or every problem found, each naming its path. */
export type TriggerResult = { ok: true; event: TriggerEvent } | { ok: false; problems: string[] };

/** `['object', 'properties', 'labels', 0]` → `object.properties.labels[0]`. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? 'body' : out;
}

/** `object.id` or `object.name` must name the incident; the schema cannot say "one of". */
function identityProblem(folded: unknown): string | null {
  if (!isPlainObject(folded) || !isPlainObject(folded.object)) return null;
  const { id, name } = folded.object;
  const present = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
  if (present(name) || (present(id) && lastSegment(String(id)) !== null)) return null;
  if (id != null && typeof id !== 'string') return null; // the schema reports the wrong type
  return 'object.id: is required (or object.name)';
}

/**
 * Validates and normalises a Sentinel incident trigger body (SPEC §2), matching keys without
 * regard to case at every level. Only `object.id`/`object.name`, `title`, `severity` and
 * `incidentNumber` are required; a field that is present must have the right type.
 */
export function parseTrigger(body: unknown): TriggerResult {
  if (!isPlainObject(body)) return { ok: false, problems: ['body: must be a JSON object'] };
  const folded = foldKeys(body);
  const parsed = triggerBodySchema.safeParse(folded, { error: problemMessage });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${pathText(issue.path)}: ${issue.message}`);
  const identity = identityProblem(folded);
  if (identity) problems.unshift(identity);
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const incident = toIncident(parsed.data);
  return {
    ok: true,
    event: {
      eventUniqueId: parsed.data.eventUniqueId?.trim() || null,
      eventType: parsed.data.objectEventType ?? 'Create',
      incident,
      versionKey: `${incident.armId ?? incident.name}|${incident.lastModifiedAt ?? ''}`,
    },
  };
}

function workspaceOf(body: TriggerBody, armId: string | null): IncidentWorkspace | null {
  const fromId = workspaceFromArmId(armId);
  const info = body.workspaceInfo;
  const workspace: IncidentWorkspace = {
    id: body.workspaceId ?? null,
    subscriptionId: info?.subscriptionId ?? fromId?.subscriptionId ?? null,
    resourceGroup: info?.resourceGroupName ?? fromId?.resourceGroup ?? null,
    name: info?.workspaceName ?? fromId?.name ?? null,
  };
  return Object.values(workspace).some((value) => value !== null) ? workspace : null;
}

function toIncident(body: TriggerBody): Incident {
  const { object } = body;
  const p = object.properties;
  const armId = object.id?.trim() || null;
  const extra = p.additionalData;
  const alertProducts = extra?.alertProductNames
    ? uniqueStrings(extra.alertProductNames)
    : uniqueStrings((p.alerts ?? []).map((alert) => alert.properties?.productName));
  return {
    armId,
    // identityProblem guarantees one of the two
    name: object.name?.trim() || lastSegment(armId ?? '') || '',
    number: p.incidentNumber,
    title: p.title,
    description: p.description ?? null,
    severity: p.severity,
    status: p.status ?? 'New',
    classification: p.classification ?? null,
    classificationReason: p.classificationReason ?? null,
    owner: p.owner ? ownerOrNull(p.owner) : null,
    labels: uniqueStrings((p.labels ?? []).map((label) => label.labelName.trim())),
    url: p.incidentUrl ?? null,
    providerName: p.providerName ?? null,
    createdAt: p.createdTimeUtc,
    firstActivityAt: p.firstActivityTimeUtc,
    lastActivityAt: p.lastActivityTimeUtc,
    lastModifiedAt: p.lastModifiedTimeUtc,
    alertsCount: extra?.alertsCount ?? null,
    alertProducts,
    tactics: uniqueStrings(extra?.tactics ?? []),
    techniques: uniqueStrings(extra?.techniques ?? []),
    entities: entitiesOf(p.relatedEntities ?? []),
    workspace: workspaceOf(body, armId),
    etag: object.etag ?? null,
  };
}
