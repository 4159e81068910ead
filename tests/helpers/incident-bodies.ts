import { randomUUID } from 'node:crypto';
import { readSample } from './pipeline.js';

type Trigger = {
  eventUniqueId?: string;
  object: { id: string; name: string; properties: Record<string, unknown> };
};

/**
 * A Sentinel trigger body made from sample 01 for incident `number`: its own incident GUID (in
 * `object.name` and the ARM id), version (`lastModifiedTimeUtc`) and event id, so each call with
 * new values is a new event, and the same values are the same event.
 */
export function incidentBody(
  number: number,
  options: { modified?: string; eventId?: string | null; guid?: string; status?: string } = {},
): string {
  const body = JSON.parse(readSample('01-account-compromise-impossible-travel.json')) as Trigger;
  const guid = options.guid ?? guidFor(number);
  const modified = options.modified ?? '2026-11-20T13:42:10.517Z';
  body.object.id = body.object.id.replace(body.object.name, guid);
  body.object.name = guid;
  body.object.properties.incidentNumber = number;
  body.object.properties.lastModifiedTimeUtc = modified;
  if (options.status) body.object.properties.status = options.status;
  if (options.eventId === null) delete body.eventUniqueId;
  else body.eventUniqueId = options.eventId ?? `evt-${number}-${modified}`;
  return JSON.stringify(body);
}

const guids = new Map<number, string>();

/** One GUID per incident number, for the life of the test process. */
export function guidFor(number: number): string {
  let guid = guids.get(number);
  if (!guid) {
    guid = randomUUID();
    guids.set(number, guid);
  }
  return guid;
}
