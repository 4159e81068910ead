import {
  describeOpen,
  describeTasks,
  listOpen,
  openRequired,
  phaseOfTask,
  phasesFrom,
} from './gates.js';
import { actorAndTime, noteText } from './inputs.js';
import { nextPhase, type Phase, phaseIndex, type ResponsePhase } from './phases.js';
import { type Playbook } from './schema.js';
import { type CloseInput, parseClassification } from './classification.js';
import {
  CLOSE_ANYTIME,
  type EngineErrorCode,
  type EngineFailure,
  type EngineResult,
  type OpenTask,
  type PhaseRecord,
  type ResponseState,
  type StepActor,
  type TaskResult,
  type TimelineStep,
} from './state.js';

type ActorInput = { id: string; name: string };

function fail(code: EngineErrorCode, message: string, open?: OpenTask[]): EngineFailure {
  return open ? { ok: false, code, message, open } : { ok: false, code, message };
}

/** Checks shared by every call on a running response; null when it may go on. */
function refuse(state: ResponseState, playbook: Playbook): EngineFailure | null {
  if (state.playbookId !== playbook.id) {
    return fail(
      'wrong_playbook',
      `This response runs the ${state.playbookId} playbook, not ${playbook.id}.`,
    );
  }
  if (state.phase === 'closed') {
    return fail('closed', 'The incident response is closed; only notes can be added now.');
  }
  return null;
}

function withStep(state: ResponseState, step: TimelineStep, change: Partial<ResponseState>) {
  return { ok: true as const, state: { ...state, ...change, steps: [...state.steps, step] }, step };
}

/** Leaves the current phase at `at` (with the override reason, if any) and enters `to`. */
function movePhases(state: ResponseState, to: Phase, at: string, override?: string): PhaseRecord[] {
  const phases = state.phases.map((record, index) =>
    index === state.phases.length - 1
      ? { ...record, leftAt: at, ...(override ? { override } : {}) }
      : record,
  );
  return [...phases, { phase: to, enteredAt: at, leftAt: null }];
}

/** Options of `start`. */
export interface StartOptions {
  /** Why this playbook: "chosen automatically: title mentions ransomware", "picked by Dana". */
  why?: string;
}

/**
 * Starts the response on a playbook. It always begins at `detection`, also for an incident
 * already acknowledged: acknowledging says someone saw the alert, while detection's tasks
 * (confirm it is real, record what is affected) are the first work of the response.
 */
export function start(
  playbook: Playbook,
  actor: ActorInput,
  at: string,
  opts: StartOptions = {},
): EngineResult {
  const input = actorAndTime(actor, at);
  if (!input.ok) return fail('invalid', input.message);
  const why = noteText(opts.why, 'reason for choosing the playbook');
  if (!why.ok) return fail('invalid', why.message);
  const step: TimelineStep = {
    at: input.at,
    by: input.by,
    kind: 'start',
    phase: 'detection',
    text:
      `Started the ${playbook.title} playbook (${playbook.id} v${playbook.version}) at detection.` +
      (why.text ? ` Why: ${why.text}` : ''),
    to: 'detection',
  };
  const state: ResponseState = {
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    phase: 'detection',
    tasks: {},
    phases: [{ phase: 'detection', enteredAt: input.at, leftAt: null }],
    steps: [step],
    closure: null,
  };
  return { ok: true, state, step };
}

/**
 * Marks a task done with who, when and an optional note. Tasks of the current or an earlier
 * phase may be completed (late documentation is welcome); a later phase's are refused. Doing
 * a task again changes nothing and answers `already: true`.
 */
export function completeTask(
  state: ResponseState,
  playbook: Playbook,
  taskId: string,
  actor: ActorInput,
  at: string,
  note?: string,
): TaskResult {
  const input = actorAndTime(actor, at);
  if (!input.ok) return fail('invalid', input.message);
  const noted = noteText(note, 'note');
  if (!noted.ok) return fail('invalid', noted.message);
  const refused = refuse(state, playbook);
  if (refused) return refused;
  const phase = state.phase as ResponsePhase;
  const id = String(taskId ?? '')
    .trim()
    .toLowerCase();
  const found = phaseOfTask(playbook, id);
  if (!found) {
    return fail(
      'unknown_task',
      `No task "${id}" in the ${playbook.title} playbook. Tasks of ${phase}: ${describeTasks(playbook.phases[phase])}.`,
    );
  }
  if (phaseIndex(found.phase) > phaseIndex(phase)) {
    return fail(
      'later_phase',
      `Task ${id} (${found.task.title}) belongs to ${found.phase}; the response is in ${phase}. Finish ${phase} and advance first.`,
    );
  }
  if (state.tasks[id]) return { ok: true, state, step: null, already: true };
  const earlier = found.phase === phase ? '' : ` (a ${found.phase} task)`;
  const step: TimelineStep = {
    at: input.at,
    by: input.by,
    kind: 'task',
    phase,
    text: `Done: ${id} (${found.task.title})${earlier}.`,
    task: id,
    ...(noted.text ? { note: noted.text } : {}),
  };
  const record = { done: true as const, by: input.by, at: input.at, note: noted.text };
  return withStep(state, step, { tasks: { ...state.tasks, [id]: record } });
}

/** Options of `advance`. */
export interface AdvanceOptions {
  /** A reason to pass an open gate. */
  override?: string | null;
  /** Whether the actor has `full` on the incident's data class (the caller decides). */
  mayOverride: boolean;
}

/**
 * Moves to the next phase. Refused (`gate`) while a required task of the phase is open, unless
 * `override` gives a reason and `mayOverride` is true (`forbidden` when it is not). With nothing
 * open an override reason is not needed and is ignored. From lessons learned, use `close`.
 */
export function advance(
  state: ResponseState,
  playbook: Playbook,
  actor: ActorInput,
  at: string,
  opts: AdvanceOptions,
): EngineResult {
  const input = actorAndTime(actor, at);
  if (!input.ok) return fail('invalid', input.message);
  const reason = noteText(opts.override, 'override reason');
  if (!reason.ok) return fail('invalid', reason.message);
  const refused = refuse(state, playbook);
  if (refused) return refused;
  const from = state.phase as ResponsePhase;
  if (from === 'lessons_learned') {
    return fail(
      'use_close',
      'lessons_learned is the last phase: use close with a classification (TruePositive, BenignPositive, FalsePositive or Undetermined).',
    );
  }
  const to = nextPhase(from);
  const open = openRequired(state, playbook, [from]);
  if (open.length === 0) {
    const step: TimelineStep = {
      ...stepBase(input.by, input.at, 'advance', from),
      text: `Advanced from ${from} to ${to}.`,
      to,
    };
    return withStep(state, step, { phase: to, phases: movePhases(state, to, input.at) });
  }
  const blocked = `Cannot advance from ${from}: ${describeOpen(open)}.`;
  if (reason.text === null) {
    const hint =
      opts.override === undefined || opts.override === null
        ? 'Finish them first, or someone with full access to this incident can override with a reason.'
        : 'An override needs a reason.';
    return fail('gate', `${blocked} ${hint}`, open);
  }
  if (!opts.mayOverride) {
    return fail(
      'forbidden',
      `Only someone with full access to this incident's data can override a gate. ${blocked}`,
      open,
    );
  }
  const step: TimelineStep = {
    ...stepBase(input.by, input.at, 'override', from),
    text: `Advanced from ${from} to ${to} by override with ${open.length} required ${open.length === 1 ? 'task' : 'tasks'} open: ${listOpen(open)}. Reason: ${reason.text}`,
    note: reason.text,
    to,
  };
  return withStep(state, step, {
    phase: to,
    phases: movePhases(state, to, input.at, reason.text),
  });
}

function stepBase(by: StepActor, at: string, kind: TimelineStep['kind'], phase: Phase) {
  return { at, by, kind, phase };
}

/** Adds a note to the timeline; allowed in every phase, also after closing. */
export function note(
  state: ResponseState,
  actor: ActorInput,
  at: string,
  text: string,
): EngineResult {
  const input = actorAndTime(actor, at);
  if (!input.ok) return fail('invalid', input.message);
  const noted = noteText(text, 'note');
  if (!noted.ok) return fail('invalid', noted.message);
  if (noted.text === null) return fail('invalid', 'A note needs some text.');
  const step: TimelineStep = {
    ...stepBase(input.by, input.at, 'note', state.phase),
    text: noted.text,
  };
  return withStep(state, step, {});
}

/**
 * Closes the response. TruePositive and Undetermined need the lessons-learned phase reached
 * with its required tasks done; FalsePositive and BenignPositive may close from any phase.
 */
export function close(
  state: ResponseState,
  playbook: Playbook,
  actor: ActorInput,
  at: string,
  input: CloseInput,
): EngineResult {
  const who = actorAndTime(actor, at);
  if (!who.ok) return fail('invalid', who.message);
  const parsed = parseClassification(input);
  if (!parsed.ok) return fail('invalid', parsed.message);
  const refused = refuse(state, playbook);
  if (refused) return refused;
  const from = state.phase as ResponsePhase;
  const { classification, reason } = parsed;
  if (!CLOSE_ANYTIME.includes(classification)) {
    const open = openRequired(state, playbook, phasesFrom(from));
    if (from !== 'lessons_learned') {
      return fail(
        'gate',
        `Cannot close as ${classification} from ${from}: the response must reach lessons_learned and finish its required tasks first; ${describeOpen(open)}. Close as FalsePositive or BenignPositive if there was no real threat.`,
        open,
      );
    }
    if (open.length > 0) {
      return fail(
        'gate',
        `Cannot close as ${classification}: ${describeOpen(open, 'required lessons_learned')}.`,
        open,
      );
    }
  }
  const step: TimelineStep = {
    ...stepBase(who.by, who.at, 'close', from),
    text: `Closed as ${classification}${reason ? ` (${reason})` : ''} from ${from}.`,
    to: 'closed',
  };
  return withStep(state, step, {
    phase: 'closed',
    phases: movePhases(state, 'closed', who.at),
    closure: { classification, reason, at: who.at, by: who.by },
  });
}
