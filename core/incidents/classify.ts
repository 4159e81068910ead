import { z } from 'zod';
import { DATA_CLASSES, UNCLASSIFIED, type DataClass, type RecordClass } from '../access/index.js';
import { resourceGroupOf } from './arm.js';
import { type Incident } from './model.js';

const dataClass = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(DATA_CLASSES, { error: 'must be personal, business, clinical or system' }));

const mapping = z.object({
  pattern: z.string().trim().min(1, 'must not be empty'),
  dataClass,
});

/**
 * The classification rules file: ordered pattern → data class mappings. Patterns are matched
 * against the whole value without regard to case; `*` stands for any run of characters.
 */
export const classificationRulesSchema = z
  .object({
    hosts: z.array(mapping).default([]),
    resourceGroups: z.array(mapping).default([]),
    products: z.array(mapping).default([]),
  })
  .strict();

/** Parsed classification rules. */
export type ClassificationRules = z.output<typeof classificationRulesSchema>;

/** One pattern → data class mapping. */
export type ClassMapping = ClassificationRules['hosts'][number];

/** No mappings: only `DataClass:*` labels classify. */
export const DEFAULT_RULES: ClassificationRules = Object.freeze({
  hosts: [],
  resourceGroups: [],
  products: [],
}) as ClassificationRules;

const LABEL = /^\s*dataclass\s*:\s*(personal|business|clinical|system)\s*$/i;

/** `true` when `value` matches the glob `pattern` (whole value, case-insensitive, `*` = any). */
export function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .trim()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value.trim());
}

function firstMapping(
  mappings: readonly ClassMapping[],
  values: readonly string[],
): DataClass | null {
  for (const rule of mappings) {
    if (values.some((value) => globMatches(rule.pattern, value))) return rule.dataClass;
  }
  return null;
}

/** Resource groups an incident touches: its workspace's, and those in Azure resource entities. */
function resourceGroupsOf(incident: Incident): string[] {
  const groups = incident.entities
    .filter((entity) => entity.kind.toLowerCase() === 'azureresource')
    .map((entity) => resourceGroupOf(entity.name));
  if (incident.workspace?.resourceGroup) groups.unshift(incident.workspace.resourceGroup);
  return groups.filter((group): group is string => group !== null);
}

/**
 * The incident's data class (SPEC §1): the first `DataClass:<class>` label, matched without
 * regard to case; else the first host mapping matching a host entity, then resource-group
 * mappings, then alert-product mappings, each in file order; else `unclassified`.
 */
export function classify(incident: Incident, rules: ClassificationRules): RecordClass {
  for (const label of incident.labels) {
    const match = LABEL.exec(label);
    if (match?.[1]) return match[1].toLowerCase() as DataClass;
  }
  const hosts = incident.entities
    .filter((entity) => entity.kind.toLowerCase() === 'host')
    .map((entity) => entity.name);
  return (
    firstMapping(rules.hosts, hosts) ??
    firstMapping(rules.resourceGroups, resourceGroupsOf(incident)) ??
    firstMapping(rules.products, incident.alertProducts) ??
    UNCLASSIFIED
  );
}
