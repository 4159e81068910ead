import { canonicalJson, entryHashInput, type AuditEntry } from '../../../core/audit/index.js';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../../bot/src/store/schema.js';

/**
 * canonicalJson with loops and string concatenation instead of filter/map/join and template
 * literals: the same text for every input (checked against the original in the benchmark).
 */
export function fastCanonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

function arrayJson(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) out += ',';
    out += fastCanonicalJson(items[i] ?? null);
  }
  return out + ']';
}

function objectJson(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(key) + ':' + fastCanonicalJson(member);
  }
  return out + '}';
}

/**
 * entryHashInput with the twelve top-level keys written in their sorted order instead of built
 * into an object and sorted per entry. Falls back to the original when a field is undefined
 * (canonicalJson would drop its key).
 */
export function fastEntryHashInput(e: Omit<AuditEntry, 'hash'>): string {
  const c = fastCanonicalJson;
  if (e.requestId === undefined || e.dataClass === undefined) return entryHashInput(e);
  return (
    '{"action":' + c(e.action) + ',"actor":' + c(e.actor) + ',"channel":' + c(e.channel) +
    ',"dataClass":' + c(e.dataClass) + ',"details":' + c(e.details) +
    ',"outcome":' + c(e.outcome) + ',"prevHash":' + c(e.prevHash) +
    ',"requestId":' + c(e.requestId) + ',"roles":' + c(e.roles) + ',"seq":' + c(e.seq) +
    ',"target":' + c(e.target) + ',"ts":' + c(e.ts) + '}'
  );
}

/**
 * The hash input straight from a stored row: `details` is stored as canonical JSON and `roles`
 * as JSON.stringify of strings (the same text), so neither is parsed and re-encoded. Stricter
 * than the round trip: stored text that is not byte-for-byte what was hashed fails.
 */
export function rowHashInput(r: Selectable<AuditLogTable>): string {
  const s = JSON.stringify;
  return (
    '{"action":' + s(r.action) + ',"actor":{"id":' + s(r.actor_id) + ',"kind":' + s(r.actor_kind) +
    ',"name":' + s(r.actor_name) + '},"channel":' + s(r.channel) +
    ',"dataClass":' + s(r.data_class) + ',"details":' + r.details +
    ',"outcome":' + s(r.outcome) + ',"prevHash":' + s(r.prev_hash) +
    ',"requestId":' + s(r.request_id) + ',"roles":' + r.roles + ',"seq":' + Number(r.seq) +
    ',"target":{"id":' + s(r.target_id) + ',"type":' + s(r.target_type) + '},"ts":' + s(r.ts) + '}'
  );
}

export { canonicalJson };
