import { type BreachRecord, type TrackedObligation } from '../breach/index.js';
import { type Playbook, type ResponseState, type ResponseTimings } from '../playbooks/index.js';

/**
 * Everything the documents of one incident are built from, gathered by the caller (the report
 * service reads the store; tests use a factory). Times are ISO-8601 with a zone; `generatedAt`
 * is the only "now" the documents know, so the same record always gives the same text.
 */
export interface IncidentRecord {
  /** The practice's name and the contact line letters give (null: a placeholder is written). */
  practice: { name: string; privacyContact: string | null };
  incident: {
    number: number;
    title: string;
    severity: string;
    status: string;
    classification: string | null;
    classificationReason: string | null;
    url: string | null;
    createdAt: string | null;
    owner: string | null;
    tactics: string[];
    alertProducts: string[];
  };
  dataClass: string;
  firstReceivedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The response state (core/playbooks); null when no response was started. */
  response: ResponseState | null;
  /** The playbook the response runs; null when unknown or no response. */
  playbook: Playbook | null;
  /** Computed by core/playbooks `timings` at `generatedAt`. */
  timings: ResponseTimings | null;
  /** The breach track (core/breach); null when none was opened. */
  breach: BreachRecord | null;
  /** The breach track's obligations, computed at `generatedAt`. */
  obligations: TrackedObligation[];
  generatedAt: string;
}

/** When the response was closed, if it was. */
export function closedAt(record: IncidentRecord): string | null {
  return record.response?.closure?.at ?? null;
}
