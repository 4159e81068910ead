import type { RecordClass, Role } from '../access/matrix.js';
import { canonicalJson, type Json } from './canonical.js';

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_CHANNELS = ['bot', 'tab', 'webhook', 'job', 'cli'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** What a caller asks to record; the trail adds `seq`, `ts`, `prevHash` and `hash`. */
export interface AuditDraft {
  actor: { id: string; name: string; kind: 'user' | 'system' };
  roles: readonly Role[];
  action: string;
  target: { type: string; id: string };
  dataClass: RecordClass | null;
  outcome: AuditOutcome;
  channel: AuditChannel;
  requestId: string | null;
  /** Never PHI: callers pass identifiers and codes, and the trail masks free text. */
  details: { [key: string]: Json };
}

/** One link of the chain (SPEC §6). */
export interface AuditEntry extends AuditDraft {
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  ts: string;
  prevHash: string;
  hash: string;
}

/** The `prevHash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry's fields other than `hash`, with `roles` and `details` left to the caller. */
export type LinkFields = Omit<AuditEntry, 'hash' | 'roles' | 'details'>;

/**
 * The exact text hashed for an entry: canonical JSON of every field but `hash`, its twelve keys
 * in sorted order. `roles` and `details` come as their canonical JSON text, so a stored row can
 * be checked as stored, without parsing. Only the fields a row keeps are written: an actor
 * object that carries more properties still hashes as the row will.
 */
export function linkHashInput(e: LinkFields, rolesJson: string, detailsJson: string): string {
  const c = canonicalJson;
  const { actor, target } = e;
  return (
    `{"action":${c(e.action)}` +
    `,"actor":{"id":${c(actor.id)},"kind":${c(actor.kind)},"name":${c(actor.name)}}` +
    `,"channel":${c(e.channel)},"dataClass":${c(e.dataClass)},"details":${detailsJson}` +
    `,"outcome":${c(e.outcome)},"prevHash":${c(e.prevHash)},"requestId":${c(e.requestId)}` +
    `,"roles":${rolesJson},"seq":${c(e.seq)}` +
    `,"target":{"id":${c(target.id)},"type":${c(target.type)}},"ts":${c(e.ts)}}`
  );
}

/** The hash input of an entry held as an object. */
export function entryHashInput(entry: Omit<AuditEntry, 'hash'>): string {
  return linkHashInput(entry, canonicalJson([...entry.roles]), canonicalJson(entry.details));
}
