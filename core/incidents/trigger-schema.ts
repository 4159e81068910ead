import { z } from 'zod';
import {
  canonicalEventType,
  canonicalSeverity,
  canonicalStatus,
  isoUtc,
  positiveInteger,
} from './values.js';

/** Messages for issues the schemas below leave to zod: missing and wrongly typed fields. */
export function problemMessage(issue: {
  code: string;
  input?: unknown;
  expected?: unknown;
}): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null) return 'is required';
    const expected = String(issue.expected);
    return `must be ${/^[aeio]/.test(expected) ? 'an' : 'a'} ${expected}`;
  }
  return 'is not valid';
}

const optionalText = z.string().nullish();

/** A string field that maps onto a fixed set of values, matched without regard to case. */
function oneOf<T extends string>(canonical: (value: string) => T | null, message: string) {
  return z
    .string({ error: (issue) => (issue.input == null ? 'is required' : message) })
    .transform((value, ctx) => {
      const result = canonical(value);
      if (result === null) {
        ctx.issues.push({ code: 'custom', message, input: value });
        return z.NEVER;
      }
      return result;
    });
}

const timestamp = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (value == null) return null;
    const iso = isoUtc(value);
    if (iso === null) {
      ctx.issues.push({ code: 'custom', message: 'must be an ISO-8601 date-time', input: value });
      return z.NEVER;
    }
    return iso;
  });

const incidentNumber = z.unknown().transform((value, ctx) => {
  const number = positiveInteger(value);
  if (number === null) {
    const message = value == null ? 'is required' : 'must be a positive integer';
    ctx.issues.push({ code: 'custom', message, input: value });
    return z.NEVER;
  }
  return number;
});

const stringList = z.array(z.string()).nullish();

const properties = z.object({
  title: z
    .string()
    .refine((value) => value.trim() !== '', 'must not be empty')
    .transform((value) => value.trim()),
  description: optionalText,
  severity: oneOf(canonicalSeverity, 'must be High, Medium, Low or Informational'),
  status: oneOf(canonicalStatus, 'must be New, Active or Closed').nullish(),
  classification: optionalText,
  classificationReason: optionalText,
  owner: z
    .object({
      objectId: optionalText,
      email: optionalText,
      assignedTo: optionalText,
      userPrincipalName: optionalText,
    })
    .nullish(),
  labels: z.array(z.object({ labelName: z.string(), labelType: optionalText })).nullish(),
  incidentNumber,
  incidentUrl: optionalText,
  providerName: optionalText,
  createdTimeUtc: timestamp,
  firstActivityTimeUtc: timestamp,
  lastActivityTimeUtc: timestamp,
  lastModifiedTimeUtc: timestamp,
  additionalData: z
    .object({
      alertsCount: z
        .number()
        .int('must be a whole number')
        .min(0, 'must not be negative')
        .nullish(),
      alertProductNames: stringList,
      tactics: stringList,
      techniques: stringList,
    })
    .nullish(),
  alerts: z
    .array(z.object({ properties: z.object({ productName: optionalText }).nullish() }))
    .nullish(),
  relatedEntities: z
    .array(z.object({ kind: z.string(), properties: z.record(z.string(), z.unknown()).nullish() }))
    .nullish(),
});

/** The Sentinel incident trigger body, after its keys were folded (see `foldKeys`). */
export const triggerBodySchema = z.object({
  eventUniqueId: optionalText,
  objectSchemaType: z
    .string()
    .refine((value) => value.trim().toLowerCase() === 'incident', 'must be Incident')
    .nullish(),
  objectEventType: oneOf(canonicalEventType, 'must be Create or Update').nullish(),
  workspaceId: optionalText,
  workspaceInfo: z
    .object({
      subscriptionId: optionalText,
      resourceGroupName: optionalText,
      workspaceName: optionalText,
    })
    .nullish(),
  object: z.object({
    id: optionalText,
    name: optionalText,
    etag: optionalText,
    properties,
  }),
});

/** What `triggerBodySchema` yields. */
export type TriggerBody = z.output<typeof triggerBodySchema>;
