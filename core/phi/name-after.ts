import { type Candidate } from './candidate.js';
import { DOC_WORDS } from './vocabulary.js';
import { words } from './words.js';

/** What follows a name candidate, and PHI detected right next to it (see detect-names.ts). */

// Text starting right after the name.
const IDENTIFIER_AFTER =
  /^(?:'s?[ \t]|’s?[ \t]|[ \t]*[,(;:-]?[ \t]*(?:MRN|DOB|D\.O\.B|SSN|SIN|HCN|OHIP|[Hh]ealth card|[Bb]orn|[Aa]ged?[ \t]*\d|\d{1,3}[ \t]*(?:y\/?o|yrs?|years?)\b|[Dd]ate of birth|[Pp]atient|[Cc]hart|[Pp]hone|[Tt]el|[Ee]mail|[Aa]ddress)|[ \t]+(?:viewed|accessed|opened|printed|downloaded|exported|emailed|faxed|forwarded|requested|visited|admitted|discharged)\b)/;

// "First Last's chart": a possessive before a personal record is as good as a label.
const POSSESSIVE_RECORD =
  /^['’]s?[ \t]+(?:lab|labs|chart|records?|files?|results?|requisition|referral|prescriptions?|appointments?|MRN|DOB|health card|SIN|SSN|insurance|claim|medical|medications?|diagnosis|imaging|scan|report|discharge|intake|consult|phone|address|e-?mail|mailbox|inbox|account|laptop|password|OneDrive|date of birth)\b/;

// A delimited record: the next field is a full date ("Last, First",1950-05-26,…).
const RECORD_DATE_AFTER =
  /^["']?[ \t]*[,;|\t][ \t]*["']?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?![\d:])/;

const EMAIL_AFTER = /^[ \t]*[<([][^\s<>()@]+@/;

const DOC_AFTER = /^[ \t]+[-–][ \t]+([\p{L}-]+)/u;

// "Last_First_referral.pdf", "Smith_John_OHIP_…": a file name continuing with a label.
const FILE_LABEL_AFTER = /^_([A-Za-z]+)/;
const FILE_LABELS = new Set(words('ohip hcn mrn dob sin ssn chart id'));

const FILE_AFTER =
  /^(?:_|\.(?:pdf|docx?|xlsx?|csv|txt|rtf|jpe?g|png|tiff?|heic|msg|eml|zip|dcm)\b|[ \t]+[-–][ \t]+\p{Lu})/u;

/**
 * Points for what follows a name: a possessive before a record or a dash before a clinical
 * document's title (2: "… - Consult Note.pdf"); an identifier label
 * (", DOB"), a file name's end ("… - Consult Note.pdf", "….pdf", "…_OHIP"), an e-mail address
 * in brackets or another PHI span right after (1).
 */
export function cueAfter(text: string, end: number, others: readonly Candidate[]): number {
  if (end >= text.length) return 0;
  const after = text.slice(end, end + 24);
  if (POSSESSIVE_RECORD.test(after)) return 2;
  const doc = DOC_AFTER.exec(after);
  if (doc && DOC_WORDS.has(doc[1]!.toLowerCase())) return 2;
  const label = FILE_LABEL_AFTER.exec(after)?.[1]?.toLowerCase();
  if (label && (DOC_WORDS.has(label) || FILE_LABELS.has(label))) return 2;
  if (
    IDENTIFIER_AFTER.test(after) ||
    FILE_AFTER.test(after) ||
    EMAIL_AFTER.test(after) ||
    RECORD_DATE_AFTER.test(after) ||
    phiAdjacent(text, end, others, true)
  ) {
    return 1;
  }
  return 0;
}

/** Points for another detected PHI span ending right before a name ("MRN 123 - First Last"). */
export function phiBefore(text: string, start: number, others: readonly Candidate[]): number {
  return phiAdjacent(text, start, others, false) ? 1 : 0;
}

const SEPARATORS = ' ,;:()-–|/\t';

/**
 * Another detected PHI span starts (`after`) or ends (before) within a few separator
 * characters of `at`.
 */
function phiAdjacent(
  text: string,
  at: number,
  others: readonly Candidate[],
  after: boolean,
): boolean {
  // `others` are sorted and disjoint: find the first one ending at or after `at - 4`.
  let lo = 0;
  let hi = others.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (others[mid]!.end < at - 4) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < others.length && others[k]!.start <= at + 4; k++) {
    const o = others[k]!;
    const from = after ? at : o.end;
    const to = after ? o.start : at;
    if (to - from > 4 || to - from < 1) continue;
    let onlySeparators = true;
    for (let i = from; i < to; i++) {
      if (!SEPARATORS.includes(text[i]!)) {
        onlySeparators = false;
        break;
      }
    }
    if (onlySeparators) return true;
  }
  return false;
}
