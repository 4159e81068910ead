import { RESPONSE_PHASES, type ResponsePhase } from './phases.js';
import { type Playbook, type PlaybookTask } from './schema.js';
import { type OpenTask, type ResponseState } from './state.js';

/** The phase a task belongs to, or null when the playbook has no such task. */
export function phaseOfTask(
  playbook: Playbook,
  taskId: string,
): { phase: ResponsePhase; task: PlaybookTask } | null {
  for (const phase of RESPONSE_PHASES) {
    const task = playbook.phases[phase].find((candidate) => candidate.id === taskId);
    if (task) return { phase, task };
  }
  return null;
}

/** Required tasks of the given phases that are not done, in playbook order. */
export function openRequired(
  state: ResponseState,
  playbook: Playbook,
  phases: readonly ResponsePhase[],
): OpenTask[] {
  const open: OpenTask[] = [];
  for (const phase of phases) {
    for (const task of playbook.phases[phase]) {
      if (task.required && !state.tasks[task.id])
        open.push({ id: task.id, title: task.title, phase });
    }
  }
  return open;
}

/** Response phases from `from` through lessons learned. */
export function phasesFrom(from: ResponsePhase): ResponsePhase[] {
  return RESPONSE_PHASES.slice(RESPONSE_PHASES.indexOf(from));
}

/** `a (A), b (B)`, listing at most `limit` and counting the rest. */
export function listOpen(open: readonly OpenTask[], limit = 6): string {
  const shown = open
    .slice(0, limit)
    .map((task) => `${task.id} (${task.title})`)
    .join(', ');
  return open.length > limit ? `${shown}, and ${open.length - limit} more` : shown;
}

/** `2 required tasks are open: a (A), b (B)`. */
export function describeOpen(open: readonly OpenTask[], qualifier = 'required'): string {
  const count =
    open.length === 1 ? `1 ${qualifier} task is` : `${open.length} ${qualifier} tasks are`;
  return `${count} open: ${listOpen(open)}`;
}

/** `a (A), b (B)` for every task of a phase, to say what could have been meant. */
export function describeTasks(tasks: readonly PlaybookTask[]): string {
  return tasks.map((task) => `${task.id} (${task.title})`).join(', ');
}
