/**
 * One case-insensitive pass over a text for the label words that the MRN and date-of-birth
 * detectors start from: they then try their patterns only at those places, not at every
 * position of the text.
 */

/** Kinds of label word. */
export const KW = {
  birth: 1,
  patient: 2,
  chart: 3,
  mrn: 4,
  medical: 5,
  form: 6,
} as const;

/** A label word found in the text. */
export interface Keyword {
  kind: number;
  start: number;
  end: number;
}

const KEYWORDS =
  /(dob|d\.o\.b|birth|born|née|naissance)|(patient)|(chart)|(mrn|m\.r\.n)|(medical)|(form)/gi;

// The same words, searched with indexOf in the lower-cased text (much faster than the regex).
const WORDS: ReadonlyArray<readonly [string, number]> = [
  ['dob', KW.birth],
  ['d.o.b', KW.birth],
  ['birth', KW.birth],
  ['born', KW.birth],
  ['née', KW.birth],
  ['naissance', KW.birth],
  ['patient', KW.patient],
  ['chart', KW.chart],
  ['mrn', KW.mrn],
  ['m.r.n', KW.mrn],
  ['medical', KW.medical],
  ['form', KW.form],
];

const NONE: readonly Keyword[] = [];
const byStart = (a: Keyword, b: Keyword): number => a.start - b.start;

/** The label words of `text`, in order. */
export function scanKeywords(text: string): readonly Keyword[] {
  const lower = text.toLowerCase();
  // Lower-casing may change the length of a few characters ("İ"): then positions would shift.
  if (lower.length !== text.length) return scanWithRegex(text);
  let found: Keyword[] | undefined;
  for (const [word, kind] of WORDS) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      (found ??= []).push({ kind, start: at, end: at + word.length });
    }
  }
  return found ? found.sort(byStart) : NONE;
}

function scanWithRegex(text: string): readonly Keyword[] {
  KEYWORDS.lastIndex = 0;
  let found: Keyword[] | undefined;
  let m: RegExpExecArray | null;
  while ((m = KEYWORDS.exec(text)) !== null) {
    let kind = 1;
    while (m[kind] === undefined) kind++;
    (found ??= []).push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return found ?? NONE;
}
