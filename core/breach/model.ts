import { type UsState } from './states.js';

/** Who is told: the `data.party` values of the `breach.notified` verb (SPEC §3). */
export const BREACH_PARTIES = [
  'individuals',
  'hhs',
  'media',
  'ipc',
  'opc',
  'acquirer',
  'other',
] as const;
/** A recipient of a breach notice. */
export type BreachParty = (typeof BREACH_PARTIES)[number];

/** `notify`: a notice to send; `record`: a report or record to keep. */
export type ObligationKind = 'notify' | 'record';

/**
 * What completes an obligation: a logged notice to its party (and state); a notice to the IPC
 * logged after the year of discovery ended (the annual statistics cover a whole year); or simply
 * keeping the record until `dueAt` (nothing is ever deleted, so time alone completes it).
 */
export type DoneWhen = 'notified' | 'reported_after_year_end' | 'retention_ended';

/** The rule each obligation comes from, as cited in SPEC §4. */
export const RULES = {
  hipaaIndividuals: 'HIPAA 45 CFR 164.404',
  hipaaMedia: 'HIPAA 45 CFR 164.406',
  hipaaHhs: 'HIPAA 45 CFR 164.408(b)',
  hipaaHhsLog: 'HIPAA 45 CFR 164.408(c)',
  phipaIndividuals: 'PHIPA s.12(2)',
  phipaIpc: 'PHIPA s.12(3), O. Reg. 329/04 s.6.3',
  phipaAnnual: 'O. Reg. 329/04 s.6.4',
  pipedaOpc: 'PIPEDA s.10.1(1)',
  pipedaIndividuals: 'PIPEDA s.10.1(3)',
  pipedaOrganizations: 'PIPEDA s.10.2(1)',
  pipedaRecord: 'PIPEDA s.10.3',
  pci: 'PCI DSS 4.0 12.10.1',
} as const;

/** One thing the practice must do because of a breach, and by when. */
export interface Obligation {
  /** Stable across re-assessments (`hipaa-hhs` stays `hipaa-hhs` when the count crosses 500). */
  id: string;
  rule: string;
  party: BreachParty;
  /** The state whose media must be told (164.406); null for every other obligation. */
  state: UsState | null;
  /** Who exactly, in words. */
  recipient: string;
  kind: ObligationKind;
  doneWhen: DoneWhen;
  /** When the clock started: the discovery time, ISO-8601 UTC. */
  since: string;
  /** ISO-8601 UTC; null when the date is the payment brands' to set. */
  dueAt: string | null;
  /** Why it applies and how the date was computed, in one or two sentences. */
  basis: string;
}

/** An obligation as a rule writes it; `obligations` adds the clock start and defaults. */
export type Draft = Omit<Obligation, 'since' | 'state' | 'doneWhen'> &
  Partial<Pick<Obligation, 'state' | 'doneWhen'>>;

/** `1 individual`, `612 individuals`. */
export const people = (n: number): string => `${n} ${n === 1 ? 'individual' : 'individuals'}`;
