import { type BreachAssessment, type BreachParty, currentAssessment } from '../breach/index.js';
import { RESPONSE_PHASES, type ResponsePhase } from '../playbooks/index.js';
import { dayText, when } from './format.js';
import { escapeText } from './markdown.js';
import { type IncidentRecord } from './record.js';

/**
 * What a letter may say about the incident: dates, counts, categories, the practice's own
 * details, and the titles of playbook tasks done (library text, never a person's words). Notes,
 * the incident title, step texts and notice methods are free text that may hold PHI, so they
 * never reach a letter; a marked placeholder stands where a person must write the facts.
 */
export interface LetterFacts {
  practice: string;
  contact: string;
  incident: number;
  assessment: BreachAssessment | null;
  /** `14 March 2026`, or a placeholder. */
  discovered: string;
  /** ISO-8601 UTC and readable, for regulators; or a placeholder. */
  discoveredAt: string;
  /** Day the record was generated, for the letter's draft date line. */
  generated: string;
  /** Playbook task titles done in containment, eradication and recovery. */
  steps: string[];
  /** When a party was first logged as notified (readable day), or null. */
  notifiedOn: (party: BreachParty) => string | null;
  /** When the obligation for a party and rule is due (ISO + readable), or null. */
  dueFor: (rule: string) => string | null;
}

/** A placeholder a person must replace before sending: bold, bracketed, never empty. */
export const ph = (what: string): string => `**[${what}]**`;

const ACTION_PHASES: readonly ResponsePhase[] = ['containment', 'eradication', 'recovery'];

function stepsDone(record: IncidentRecord): string[] {
  const { response, playbook } = record;
  if (!response || !playbook || playbook.id !== response.playbookId) return [];
  return RESPONSE_PHASES.filter((p) => ACTION_PHASES.includes(p)).flatMap((p) =>
    playbook.phases[p].filter((t) => response.tasks[t.id]).map((t) => escapeText(t.title)),
  );
}

/** The facts of a record that letters may use. */
export function letterFacts(record: IncidentRecord): LetterFacts {
  const breach = record.breach;
  const assessment = breach ? currentAssessment(breach) : null;
  const notices = breach?.notifications ?? [];
  return {
    practice: escapeText(record.practice.name) || ph('name of the practice'),
    contact: record.practice.privacyContact
      ? escapeText(record.practice.privacyContact)
      : ph('privacy contact: name, toll-free telephone number, email address and mailing address'),
    incident: record.incident.number,
    assessment,
    discovered: assessment
      ? dayText(assessment.discoveredAt)
      : ph('date the breach was discovered'),
    discoveredAt: assessment ? when(assessment.discoveredAt) : ph('date the breach was discovered'),
    generated: dayText(record.generatedAt),
    steps: stepsDone(record),
    notifiedOn: (party) => {
      const times = notices
        .filter((n) => n.party === party)
        .map((n) => n.at)
        .sort();
      return times[0] ? dayText(times[0]) : null;
    },
    dueFor: (rule) => {
      const due = record.obligations.find((o) => o.rule === rule)?.dueAt;
      return due ? when(due) : null;
    },
  };
}

/** A count of people, or a placeholder when the record has none for this law. */
export function countOf(n: number | undefined, what: string): string {
  return n !== undefined && n > 0 ? String(n) : ph(`number of ${what}`);
}

/** The categories a letter may name as facts (from the assessment's yes/no answers). */
export function categories(a: BreachAssessment | null): string[] {
  const known: string[] = [];
  if (a?.phiInvolved) known.push('personal health information');
  if (a?.cardholderData) known.push('payment card information');
  return known;
}

/** The "what information" paragraph: known categories plus a placeholder for the details. */
export function infoInvolved(a: BreachAssessment | null): string {
  const known = categories(a);
  const lead = known.length > 0 ? `The information involved was ${known.join(' and ')}. ` : '';
  return `${lead}${ph('describe the types of information involved, e.g. name, date of birth, health card number, diagnosis, appointment details; never include any patient’s actual information')}`;
}

/** The steps done, as a list, followed by a placeholder for what is not in the record. */
export function stepsList(f: LetterFacts, more: string): string {
  const done = f.steps.map((s) => `- ${s}`);
  return [...done, `- ${ph(more)}`].join('\n');
}

/** The banner every draft starts with. */
export function draftBanner(f: LetterFacts, citation: string): string {
  return [
    `> **DRAFT for review: not sent.** Prepared from incident #${f.incident} on ${f.generated} to meet ${citation}.`,
    '> Replace every **[bracketed placeholder]**, check every fact, and have the privacy officer approve before sending.',
    '> Do not add patient names, health card numbers or other details about any individual.',
  ].join('\n');
}
