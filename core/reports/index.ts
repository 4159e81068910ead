export { breachReport } from './breach-report.js';
export { dayText, duration, isoUtc, readableUtc, when } from './format.js';
export { IPC_CONTACT } from './letters-ontario.js';
export { OPC_CONTACT } from './letters-pipeda.js';
export {
  LETTER_KINDS,
  lettersFor,
  notificationLetter,
  type Letter,
  type LetterKind,
  type LetterRef,
} from './letters.js';
export { escapeText } from './markdown.js';
export { postIncidentReport } from './post-incident.js';
export { closedAt, type IncidentRecord } from './record.js';
