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

/** The exact text hashed for an entry: canonical JSON of every field but `hash`. */
export function entryHashInput(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson({
    seq: entry.seq,
    ts: entry.ts,
    actor: entry.actor,
    roles: [...entry.roles],
    action: entry.action,
    target: entry.target,
    dataClass: entry.dataClass,
    outcome: entry.outcome,
    channel: entry.channel,
    requestId: entry.requestId,
    details: entry.details,
    prevHash: entry.prevHash,
  });
}
