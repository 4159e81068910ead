/** The six response phases of the practice's Incident Response Plan, in order. */
export const RESPONSE_PHASES = [
  'detection',
  'analysis',
  'containment',
  'eradication',
  'recovery',
  'lessons_learned',
] as const;
/** A phase that has playbook tasks. */
export type ResponsePhase = (typeof RESPONSE_PHASES)[number];

/** Every phase an incident response can be in: the six response phases, then `closed`. */
export const PHASES = [...RESPONSE_PHASES, 'closed'] as const;
/** Where an incident response is. */
export type Phase = (typeof PHASES)[number];

/** How each phase reads on a card. */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  detection: 'Detection',
  analysis: 'Analysis',
  containment: 'Containment',
  eradication: 'Eradication',
  recovery: 'Recovery',
  lessons_learned: 'Lessons learned',
  closed: 'Closed',
};

/** Position of a phase in `PHASES` (detection = 0, closed = 6). */
export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** The phase after a response phase: `advance` goes there; after lessons learned, `close`. */
export function nextPhase(phase: ResponsePhase): Phase {
  return PHASES[phaseIndex(phase) + 1] as Phase;
}

export function isResponsePhase(value: string): value is ResponsePhase {
  return (RESPONSE_PHASES as readonly string[]).includes(value);
}
