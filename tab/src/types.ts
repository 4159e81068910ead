/** The shapes the tab reads from the service's API (SPEC §9); see bot/src/http/*-routes.ts. */

export type Level = 'none' | 'limited' | 'read' | 'readwrite' | 'full';

export interface Me {
  user: { aadObjectId: string; name: string; upn: string | null };
  roles: string[];
  permissions: Record<string, string>;
}

export interface DevUser {
  aadObjectId: string;
  name: string;
  roles: string[];
}

/** A row of `GET /api/incidents`. */
export interface IncidentSummary {
  number: number;
  title: string;
  severity: string;
  status: string;
  dataClass: string;
  phase: string | null;
  owner: string | null;
  receivedAt: string | null;
  acknowledgedAt: string | null;
  escalated: boolean;
  url: string | null;
}

export interface Actor {
  id: string;
  name: string;
}

export interface Task {
  id: string;
  title: string;
  required: boolean;
  guidance: string | null;
  evidence: string | null;
  done: boolean;
  by: Actor | null;
  at: string | null;
  note: string | null;
  opensBreachTrack?: boolean;
}

export type PhaseStatus = 'done' | 'overridden' | 'current' | 'upcoming' | 'skipped';

export interface PhaseProgress {
  phase: string;
  label: string;
  status: PhaseStatus;
  override: string | null;
  tasks: Task[];
  done: number;
  total: number;
}

export interface Playbook {
  id: string;
  title: string;
  version: number;
  blocking: { id: string; title: string }[];
  canAdvance: boolean;
  canClose: boolean;
  next: string | null;
  phases: PhaseProgress[];
}

export interface Closure {
  classification: string;
  reason: string | null;
  at: string;
  by: Actor;
}

export interface TimelineEntry {
  at: string;
  by: string | null;
  kind: string;
  phase: string | null;
  text: string;
}

export type ObligationStatus = 'pending' | 'due_soon' | 'overdue' | 'done';

export interface Obligation {
  id: string;
  rule: string;
  party: string;
  state: string | null;
  recipient: string;
  dueAt: string | null;
  status: ObligationStatus;
  notifiedAt: string | null;
  late: boolean;
  basis: string;
}

export interface Assessment {
  discoveredAt: string;
  phiInvolved: boolean;
  usIndividuals: number;
  usByState: Record<string, number>;
  ontarioIndividuals: number;
  canadaIndividuals: number;
  hipaaLowProbability: boolean;
  phipaCircumstances: string[];
  pipedaRealRisk: boolean;
  cardholderData: boolean;
  notes: string;
}

export interface Notification {
  party: string;
  at: string;
  method: string | null;
  by: string;
  state?: string | null;
}

export interface Breach {
  openedAt: string;
  discoveredAt: string | null;
  assessment: Assessment | null;
  obligations: Obligation[];
  notifications: Notification[];
  decision: { reasoning: string; signedOffAt: string; signedOffBy: Actor } | null;
}

export interface Timings {
  toAcknowledge: number | null;
  toContain: number | null;
  toClose: number | null;
  inPhase: Record<string, number | null>;
}

/** `GET /api/incidents/:n`, and the answer of every action. */
/** What the service accepts now: playbooks to start with, classifications (and reasons) to close as. */
export interface Choices {
  playbooks: { id: string; title: string }[];
  closeAs: { classification: string; reasons: string[] }[];
}

export interface Incident extends IncidentSummary {
  choices: Choices;
  description: string | null;
  acknowledgedBy: string | null;
  playbook: Playbook | null;
  closure: Closure | null;
  timeline: TimelineEntry[];
  breach: Breach | null;
  timings: Timings | null;
  retainUntil: string | null;
}

/** A draft letter of `GET /api/incidents/:n/letters`. */
export interface Letter {
  kind: string;
  state: string | null;
  title: string;
  rule: string;
  dueAt: string | null;
  status: string;
}
