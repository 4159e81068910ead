import { openRequired } from './gates.js';
import {
  nextPhase,
  type Phase,
  PHASE_LABELS,
  RESPONSE_PHASES,
  type ResponsePhase,
} from './phases.js';
import { BREACH_DECISION_TASK, type Playbook, type PlaybookTask } from './schema.js';
import { CLOSE_ANYTIME, type Closure, type ResponseState, type StepActor } from './state.js';

/** A task as a card or the tab shows it. */
export interface TaskView {
  id: string;
  title: string;
  required: boolean;
  guidance: string | null;
  evidence: string | null;
  done: boolean;
  by: StepActor | null;
  at: string | null;
  note: string | null;
  /** Completing it is the moment to open the breach assessment. */
  opensBreachTrack: boolean;
}

/** `done`: left normally; `overridden`: left past an open gate; `skipped`: closed before reaching. */
export type PhaseStatus = 'done' | 'overridden' | 'current' | 'upcoming' | 'skipped';

/** One phase's progress. */
export interface PhaseView {
  phase: ResponsePhase;
  label: string;
  status: PhaseStatus;
  override: string | null;
  tasks: TaskView[];
  done: number;
  total: number;
  requiredDone: number;
  required: number;
}

/** What a card or the API shows of a response. */
export interface ResponseView {
  playbook: { id: string; title: string; version: number };
  /** The playbook version the response started on (may be older than `playbook.version`). */
  startedOnVersion: number;
  phase: Phase;
  phaseLabel: string;
  closed: boolean;
  /** Tasks of the current phase (none once closed). */
  tasks: TaskView[];
  /** Required tasks of the current phase still open: they block `advance`. */
  blocking: { id: string; title: string }[];
  canAdvance: boolean;
  /** Where `advance` (or, from lessons learned, `close`) leads; null once closed. */
  next: Phase | null;
  /** Whether a TruePositive or Undetermined close is allowed now (FP/BP always are). */
  canClose: boolean;
  /** Only FalsePositive and BenignPositive may close now. */
  closeAnytime: readonly string[];
  phases: PhaseView[];
  closure: Closure | null;
}

function taskView(task: PlaybookTask, state: ResponseState): TaskView {
  const record = state.tasks[task.id];
  return {
    id: task.id,
    title: task.title,
    required: task.required,
    guidance: task.guidance ?? null,
    evidence: task.evidence ?? null,
    done: record !== undefined,
    by: record?.by ?? null,
    at: record?.at ?? null,
    note: record?.note ?? null,
    opensBreachTrack: task.id === BREACH_DECISION_TASK,
  };
}

function statusOf(
  state: ResponseState,
  phase: ResponsePhase,
): { status: PhaseStatus; override: string | null } {
  const record = state.phases.find((candidate) => candidate.phase === phase);
  if (!record) return { status: state.phase === 'closed' ? 'skipped' : 'upcoming', override: null };
  if (record.leftAt === null) return { status: 'current', override: null };
  return record.override
    ? { status: 'overridden', override: record.override }
    : { status: 'done', override: null };
}

/** The response as a card, the tab or the API shows it: phase, tasks, what blocks, progress. */
export function view(state: ResponseState, playbook: Playbook): ResponseView {
  const phases = RESPONSE_PHASES.map((phase): PhaseView => {
    const tasks = playbook.phases[phase].map((task) => taskView(task, state));
    const required = tasks.filter((task) => task.required);
    return {
      phase,
      label: PHASE_LABELS[phase],
      ...statusOf(state, phase),
      tasks,
      done: tasks.filter((task) => task.done).length,
      total: tasks.length,
      requiredDone: required.filter((task) => task.done).length,
      required: required.length,
    };
  });
  const closed = state.phase === 'closed';
  const current = closed ? null : (state.phase as ResponsePhase);
  const blocking = current
    ? openRequired(state, playbook, [current]).map(({ id, title }) => ({ id, title }))
    : [];
  return {
    playbook: { id: playbook.id, title: playbook.title, version: playbook.version },
    startedOnVersion: state.playbookVersion,
    phase: state.phase,
    phaseLabel: PHASE_LABELS[state.phase],
    closed,
    tasks: current ? (phases.find((entry) => entry.phase === current)?.tasks ?? []) : [],
    blocking,
    canAdvance: current !== null && current !== 'lessons_learned' && blocking.length === 0,
    next: current ? nextPhase(current) : null,
    canClose: current === 'lessons_learned' && blocking.length === 0,
    closeAnytime: closed ? [] : CLOSE_ANYTIME,
    phases,
    closure: state.closure,
  };
}
