import { type Candidate, SCORE } from './candidate.js';
import { type Keyword, KW } from './keywords.js';

/**
 * Dates of birth. A date is a birth date only when a label says so (DOB, born, date of birth,
 * `dob=`, `"birthDate":`) or when it is the field right after a person's name in a delimited
 * record; other dates — alert times, "since 14/03/2026" — are not PHI. The span is the date alone.
 */

// The rest of a label after its key word (DOB, birth, born, née, naissance), up to the date:
// "Birth Date: ", "birthday ", "born on ", "dob=", "D.O.B. ", `"birthDate":"`. Sticky.
const LABEL_TAIL =
  /\.?(?:[ _-]?[Dd]ate|[Dd]ay|[ ][Oo]n| le)?(?![A-Za-z])["']?[ \t]*(?:[:=#-][ \t]*)?["']?(?:is[ \t]+|on[ \t]+)?/y;

const MONTH = String.raw`(?<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const MONTH2 = MONTH.replace('?<mon>', '?<mon2>');

const DATE = new RegExp(
  '(?:' +
    [
      String.raw`(?<iy>\d{4})(?<is>[-/.])(?<im>\d{1,2})\k<is>(?<id>\d{1,2})`,
      String.raw`(?<na>\d{1,2})(?<ns>[-/.])(?<nb>\d{1,2})\k<ns>(?<ny>\d{4}|\d{2})`,
      String.raw`(?<dd>\d{1,2})(?:st|nd|rd|th)?[- ]` + MONTH + String.raw`[- ,]+(?<dy>\d{4})`,
      MONTH2 + String.raw`[- ](?<md>\d{1,2})(?:st|nd|rd|th)?,?[- ](?<my>\d{4})`,
      String.raw`(?<cy>(?:19|20)\d{2})(?<cm>\d{2})(?<cd>\d{2})`,
    ].join('|') +
    String.raw`)(?!\p{N}|[-/.:]\d|(?!T\d)\p{L})`,
  'iuy',
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function ok(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function valid(g: Record<string, string | undefined>): boolean {
  if (g.iy) return ok(+g.id!, +g.im!);
  if (g.ny) return ok(+g.na!, +g.nb!) || ok(+g.nb!, +g.na!);
  if (g.dy) return MONTHS.includes(g.mon!.slice(0, 3).toLowerCase()) && ok(+g.dd!, 1);
  if (g.my) return ok(+g.md!, 1);
  if (g.cy) return ok(+g.cd!, +g.cm!);
  return false;
}

/** Detects dates that a label (found by `scanKeywords`) marks as someone's date of birth. */
export function detectDatesOfBirth(
  text: string,
  keywords: readonly Keyword[],
  out: Candidate[],
): void {
  let after = 0;
  for (const k of keywords) {
    if (k.kind !== KW.birth || k.start < after || !labelStarts(text, k.start)) continue;
    LABEL_TAIL.lastIndex = k.end;
    if (!LABEL_TAIL.test(text)) continue;
    const at = LABEL_TAIL.lastIndex;
    DATE.lastIndex = at;
    const d = DATE.exec(text);
    if (d && d.groups && valid(d.groups)) {
      out.push({ start: at, end: DATE.lastIndex, type: 'date_of_birth', score: SCORE.cued });
      after = DATE.lastIndex;
    }
  }
}

/** The key word starts a word, or ends "date of birth" / "dateOfBirth" / "date_of_birth". */
function labelStarts(text: string, start: number): boolean {
  const p = text.charCodeAt(start - 1);
  const letter = (p >= 65 && p <= 90) || (p >= 97 && p <= 122);
  if (!letter) return true;
  return start >= 2 && /of/i.test(text.slice(start - 2, start));
}

// After a name in a delimited record: `"Last, First",1950-05-26,…` or `First Last; 26/05/1950`.
const RECORD_SEPARATOR = /["']?[ \t]*[,;|\t][ \t]*["']?/y;
const TIME_AFTER = /^[ T]\d{1,2}:\d{2}/;

/**
 * Dates of birth without a label, in records: a full date in the field right after a person's
 * name (`"Last, First",1950-05-26,…`) is that person's birth date; an appointment would carry
 * a label or a time. `names` are the person-name spans found, sorted.
 */
export function detectRecordDates(
  text: string,
  names: readonly Candidate[],
  out: Candidate[],
): void {
  for (const name of names) {
    RECORD_SEPARATOR.lastIndex = name.end;
    if (!RECORD_SEPARATOR.test(text)) continue;
    const at = RECORD_SEPARATOR.lastIndex;
    DATE.lastIndex = at;
    const d = DATE.exec(text);
    if (!d?.groups || d.groups.mon || d.groups.mon2 || d.groups.cy || !valid(d.groups)) continue;
    if (TIME_AFTER.test(text.slice(DATE.lastIndex, DATE.lastIndex + 7))) continue;
    out.push({ start: at, end: DATE.lastIndex, type: 'date_of_birth', score: SCORE.cued });
  }
}
