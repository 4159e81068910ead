import { type Candidate, SCORE } from './candidate.js';
import { type Keyword, KW } from './keywords.js';

/**
 * Medical record numbers: a number is an MRN only next to something that says so — a label
 * (MRN, chart, patient id, medical record number), a query parameter (`?mrn=`, `patientId=`), a
 * REST path (`/patients/123`) or a file name (`intake_form_123.pdf`, `chart_123`). The span is
 * the number only. Clinic-specific formats come in as custom patterns.
 */

const VALUE = String.raw`(?<v>(?:[A-Z]{1,3}-?)?\d(?:-?\d){3,14})(?![A-Za-z0-9])`;

// All three are sticky: they are tried where `scanKeywords` found a label word.
const LABELLED = new RegExp(
  String.raw`(?<![A-Za-z])(?:MRN|Mrn|mrn|M\.R\.N\.?|[Mm]edical[ _-]?[Rr]ecord(?:[ _-]?(?:[Nn]umber|[Nn]o\.?|#|ID|[Ii]d))?|[Cc]hart(?:[ _-]?(?:[Nn]umber|[Nn]o\.?|#|ID|[Ii]d))?|[Pp]atient[ _-]?(?:ID|[Ii]d|#|[Nn]o\.?|[Nn]umber|[Nn]um|[Rr]ecord(?: [Nn]umber)?)|PATIENT[ _-]?ID)s?(?![A-Za-z])["']?[ \t]*(?:[:#=][ \t]*|is[ \t]+|of[ \t]+)?["']?#?[ \t]*` +
    VALUE,
  'y',
);

const PATH = new RegExp(String.raw`\/(?:patients?|Patients?|charts?|mrns?|MRN)\/` + VALUE, 'y');

const FILE = new RegExp(
  String.raw`(?<![A-Za-z0-9])(?:form|chart|mrn|MRN|patient|Patient|Chart)[_-](?<v>\d{4,14})(?![0-9])`,
  'y',
);

function tryAt(text: string, re: RegExp, at: number, out: Candidate[]): void {
  re.lastIndex = at;
  const m = re.exec(text);
  const v = m?.groups?.v;
  if (!m || v === undefined) return;
  const start = at + m[0].length - v.length;
  out.push({ start, end: start + v.length, type: 'mrn', score: SCORE.cued });
}

/** Detects medical record numbers announced by a label, URL path or file name. */
export function detectMrns(text: string, keywords: readonly Keyword[], out: Candidate[]): void {
  for (const k of keywords) {
    if (k.kind === KW.birth) continue;
    if (k.kind !== KW.form) tryAt(text, LABELLED, k.start, out);
    if (k.kind !== KW.medical && k.kind !== KW.form && text.charCodeAt(k.start - 1) === 47) {
      tryAt(text, PATH, k.start - 1, out); // '/'
    }
    if (k.kind !== KW.medical) tryAt(text, FILE, k.start, out);
  }
}
