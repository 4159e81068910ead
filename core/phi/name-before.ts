import { isLetterCode } from './text.js';
import { DOC_WORDS } from './vocabulary.js';
import { words } from './words.js';

/**
 * What precedes a name candidate. Each signal is worth points; a candidate needs two, from any
 * mix of context and name-list evidence (see detect-names.ts). The words before a candidate are
 * read backwards by hand and looked up in sets: no regex has to scan the text before every name.
 */

/** Words that announce a name right after them (optionally with ':', '#', '='): worth 2. */
const STRONG = new Set(
  words(
    'patient pt client resident name member claimant guardian spouse dependent dependant hi ' +
      'hello hey patiente nom bonjour ' +
      'beneficiary insured subscriber kin caregiver dear attn re fw fwd surname physician ' +
      'doctor nurse clinician practitioner employee staff dr mr mrs ms mx prof miss mme mlle',
  ),
);

/** Words after which a capitalised pair is likely a person: worth 1. */
const WEAK = new Set(
  words(
    'for by incl including regarding about named called row cc attending provider requester ' +
      'requestor user username signed emailed e-mailed phoned paged messaged texted contacted ' +
      'notified informed treated saw seen met call ask tell remind contact notify inform page ' +
      "search searched lookup it's it’s i'm pour par de",
  ),
);

/** Header-like labels, worth 1 only with a colon: "From: First Last <…>". */
const HEADERS = new Set(
  words('from to cc bcc sender recipient owner author assignee contact reply-to by'),
);

/** "<noun> of First Last": mailbox of, chart of, on behalf of… */
const OF_NOUNS = new Set(
  words(
    'mailbox inbox account chart record records file files laptop device phone behalf copy ' +
      'photo id',
  ),
);

/** "<verb> to First Last": sent to, faxed to, reminder to… */
const TO_VERBS = new Set(
  words(
    'sent emailed e-mailed faxed forwarded mailed addressed delivered assigned referred ' +
      'released disclosed shared texted reminder message letter reply invite invitation email ' +
      'e-mail fax sms note',
  ),
);

/** After these, capitalised words usually start a place ("sign-in from Santa Clara"). */
const LOCATIVE = new Set(
  words('from in at near into via across around towards within outside inside'),
);

/** "this is First Last", "my name is…", "I am…". */
const IS_SUBJECTS = new Set(words('this name i'));

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(words('incl re pt attn dr mr mrs ms mx prof fw fwd cc'));

function isWordCode(c: number): boolean {
  return isLetterCode(c) || (c >= 48 && c <= 57) || c === 45 || c === 39 || c === 8217;
}

/** What the text right before a candidate says. */
export interface Before {
  /** 0 (nothing), 1 (weak cue) or 2 (strong cue). */
  cue: number;
  /** The previous word is a lower-case word in the same sentence, not a locative preposition. */
  mid: boolean;
}

const NONE: Before = { cue: 0, mid: false };

/** Reads the one or two words before `start` (within the sentence) and scores them as a cue. */
export function readBefore(text: string, start: number): Before {
  let i = start - 1;
  if (i < 0) return NONE;
  // A file name: "Requisition_Last, First.pdf" (2 after a document word), "x_First Last" (1).
  if (text.charCodeAt(i) === 95) return { cue: docTitleBefore(text, i - 1, 1) ? 2 : 1, mid: false };
  let colon = false;
  let spaced = false;
  for (; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) spaced = true;
    else if (c === 58 || c === 35 || c === 61)
      colon = true; // ':' '#' '='
    else if (c === 34 || c === 39 || c === 8220 || c === 40 || c === 44)
      continue; // " ' “ ( ,
    else break;
  }
  if (i < 0 || (!spaced && !colon)) return NONE;
  // "Consult Note - First Last": a dash after a clinical document's title.
  const c = text.charCodeAt(i);
  if ((c === 45 || c === 8211) && spaced && i > 0 && text.charCodeAt(i - 1) === 32) {
    return { cue: docTitleBefore(text, i - 1) ? 2 : 0, mid: false };
  }
  let dot = false;
  if (text.charCodeAt(i) === 46) {
    dot = true;
    i--;
  }
  let end = i + 1;
  while (i >= 0 && isWordCode(text.charCodeAt(i))) i--;
  if (i + 1 === end) return NONE;
  // "row 95: Last, First", "Patient #3 - …": a number between the cue and the name.
  if (isNumber(text, i + 1, end) && i > 0 && text.charCodeAt(i) === 32) {
    end = i;
    i--;
    while (i >= 0 && isWordCode(text.charCodeAt(i))) i--;
    if (i + 1 === end) return NONE;
  }
  const raw = text.slice(i + 1, end);
  const word = raw.toLowerCase();
  if (dot && !ABBREVIATIONS.has(word)) return NONE; // the previous sentence ended there
  let cue = 0;
  // "Referral: First Last", "Follow-up: …": a clinical document or visit as a heading.
  if (STRONG.has(word) || (colon && DOC_WORDS.has(word))) cue = 2;
  else if (WEAK.has(word) || (colon && HEADERS.has(word))) cue = 1;
  else if (word === 'of' || word === 'to' || word === 'is' || word === 'am') {
    const prev = previousWord(text, i);
    const set = word === 'of' ? OF_NOUNS : word === 'to' ? TO_VERBS : IS_SUBJECTS;
    if (set.has(prev)) cue = 1;
  }
  const first = raw.charCodeAt(0);
  const lower = first >= 97 && first <= 122;
  return { cue, mid: lower && !LOCATIVE.has(word) };
}

/** One of the (up to `count`) words ending at `i` is a clinical document word. */
function docTitleBefore(text: string, i: number, count = 3): boolean {
  for (let k = 0; k < count && i >= 0; k++) {
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 34)) i--;
    const end = i + 1;
    while (i >= 0 && isWordCode(text.charCodeAt(i))) i--;
    if (i + 1 === end) return false;
    if (DOC_WORDS.has(text.slice(i + 1, end).toLowerCase())) return true;
  }
  return false;
}

function isNumber(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function previousWord(text: string, i: number): string {
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  const end = i + 1;
  while (i >= 0 && isWordCode(text.charCodeAt(i))) i--;
  return text.slice(i + 1, end).toLowerCase();
}
