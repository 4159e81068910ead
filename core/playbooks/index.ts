export * from './phases.js';
export * from './schema.js';
export * from './state.js';
export {
  GENERIC_PLAYBOOK,
  loadPlaybooks,
  parsePlaybook,
  PLAYBOOK_IDS,
  PLAYBOOKS,
  PlaybookError,
  playbookById,
  type PlaybookLibrary,
  type PlaybookProblem,
} from './load.js';
export {
  choosePlaybook,
  MIN_SCORE,
  rankPlaybooks,
  type IncidentSummary,
  type PlaybookScore,
} from './choose.js';
export {
  advance,
  close,
  completeTask,
  note,
  start,
  type AdvanceOptions,
  type StartOptions,
} from './engine.js';
export { parseClassification, type CloseInput } from './classification.js';
export { timings, type IncidentTimes, type ResponseTimings } from './timings.js';
export {
  view,
  type PhaseStatus,
  type PhaseView,
  type ResponseView,
  type TaskView,
} from './view.js';
export { MAX_NOTE_LENGTH } from './inputs.js';
export { closingSummary, durationText } from './summary.js';
