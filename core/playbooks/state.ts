import type { Classification, ClassificationReason } from '../incidents/model.js';
import { type Phase, type ResponsePhase } from './phases.js';

/** Who did a step: the acting person's or system's id and display name (nothing else is kept). */
export interface StepActor {
  id: string;
  name: string;
}

/** Kinds of timeline steps the response engine records. */
export const STEP_KINDS = ['start', 'task', 'advance', 'override', 'note', 'close'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * One entry of the incident timeline. `phase` is where the response was when the step happened;
 * `text` is a sentence built from playbook titles and the user's words, never a secret.
 */
export interface TimelineStep {
  at: string;
  by: StepActor;
  kind: StepKind;
  phase: Phase;
  text: string;
  /** The task completed (`task` steps). */
  task?: string;
  /** The note given with a task, the reason of an override. */
  note?: string;
  /** Where the response went (`advance`, `override`, `close`). */
  to?: Phase;
}

/** A completed task: who, when and the note they left. */
export interface TaskRecord {
  done: true;
  by: StepActor;
  at: string;
  note: string | null;
}

/** A stay in one phase; `override` is the reason its gate was overridden on leaving. */
export interface PhaseRecord {
  phase: Phase;
  enteredAt: string;
  leftAt: string | null;
  override?: string;
}

export {
  CLASSIFICATION_REASONS,
  CLASSIFICATIONS,
  type Classification,
  type ClassificationReason,
  REASONS_BY_CLASSIFICATION,
} from '../incidents/model.js';

/** Classifications that may close from any phase: the alert was not a real threat. */
export const CLOSE_ANYTIME: readonly Classification[] = ['FalsePositive', 'BenignPositive'];

/** How a response was closed. */
export interface Closure {
  classification: Classification;
  reason: ClassificationReason | null;
  at: string;
  by: StepActor;
}

/**
 * The response state of one incident: plain JSON, stored as is. Nothing in it is ever removed:
 * tasks, phases and steps only grow.
 */
export interface ResponseState {
  playbookId: string;
  /** The playbook version the response started on. */
  playbookVersion: number;
  phase: Phase;
  tasks: Readonly<Record<string, TaskRecord>>;
  phases: readonly PhaseRecord[];
  steps: readonly TimelineStep[];
  closure: Closure | null;
}

/** A required task that is not done. */
export interface OpenTask {
  id: string;
  title: string;
  phase: ResponsePhase;
}

/** Why the engine refused. */
export type EngineErrorCode =
  | 'invalid'
  | 'closed'
  | 'wrong_playbook'
  | 'unknown_task'
  | 'later_phase'
  | 'gate'
  | 'forbidden'
  | 'use_close';

/** A refusal: a stable code, one message a person can act on, and the open tasks for gates. */
export interface EngineFailure {
  ok: false;
  code: EngineErrorCode;
  message: string;
  open?: OpenTask[];
}

/** A change: the new state and the step to add to the timeline. */
export interface EngineSuccess {
  ok: true;
  state: ResponseState;
  step: TimelineStep;
  already?: false;
}

/** Completing a task that was already done: nothing changes and nothing is recorded. */
export interface EngineNoop {
  ok: true;
  state: ResponseState;
  step: null;
  already: true;
}

export type EngineResult = EngineSuccess | EngineFailure;
export type TaskResult = EngineSuccess | EngineNoop | EngineFailure;
