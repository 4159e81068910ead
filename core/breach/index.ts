export * from './assessment.js';
export * from './decision.js';
export * from './notification.js';
export * from './obligations.js';
export * from './retention.js';
export * from './settings.js';
export * from './status.js';
export {
  NOTES_MAX,
  PHIPA_CIRCUMSTANCES,
  PHIPA_CIRCUMSTANCE_TEXT,
  type PhipaCircumstance,
} from './fields.js';
export { problemLine, type BreachProblem } from './problems.js';
export { US_STATE_CODES, US_STATES, usStateCode, type UsState } from './states.js';
export { parseInstant } from './time.js';
export * from './record.js';
