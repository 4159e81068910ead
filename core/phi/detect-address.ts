import { type Candidate, SCORE } from './candidate.js';
import { STREET_TYPES } from './vocabulary.js';

/**
 * Postal addresses: a street address (civic number, street name, street type, optional unit)
 * extended over the city, province or state and postal code that follow it; and Canadian postal
 * codes on their own.
 */

const POSTAL = String.raw`[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d`;
const PROVINCE = String.raw`(?:ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|PEI|YT|NT|NU|Ont\.?|Ontario|Qu[eé]bec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland(?: and Labrador)?|Prince Edward Island|Yukon|Northwest Territories|Nunavut)`;
const US_STATE = String.raw`(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])`;
const WORD = String.raw`\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*\.?`;
const STREET_WORD = String.raw`(?:${WORD}|\d{1,3}(?:st|nd|rd|th))`;
// Words are joined by spaces only (hyphens belong to WORD) and bounded, so that no input can
// make the regex backtrack exponentially ("Aa-Aa-Aa-…" parsed two ways at every hyphen).
const CITY = String.raw`${WORD}(?:[ ](?:${WORD}|on|the|de|du|la|sur|upon)){0,4}`;
const TYPES = STREET_TYPES.filter(
  (t) =>
    !['Rue', 'Chemin', 'Ch', 'Rang', 'Montée', 'Côte', 'Impasse', 'Allée', 'Route'].includes(t),
).join('|');
const DIRECTION = String.raw`(?:[ ](?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Nord|Sud|Est|Ouest)\.?)?`;
const UNIT = String.raw`(?:Unit|Apt\.?|Apartment|Suite|Ste\.?|Room|Rm\.?|App\.?|Bureau)[ ]?#?[ ]?[A-Z0-9-]{1,6}`;

const CIVIC = String.raw`\d{1,6}[A-Z]?(?:-\d{1,6})?`;
const ENGLISH = String.raw`${CIVIC}[ ](?:${STREET_WORD}[ ]){1,4}(?:${TYPES})\.?${DIRECTION}`;
const FRENCH = String.raw`${CIVIC},?[ ](?:rue|Rue|boulevard|Boulevard|boul\.|Boul\.|avenue|chemin|Chemin|ch\.|route|Route|rang|Rang|mont[ée]e|Mont[ée]e|c[ôo]te|C[ôo]te|impasse|all[ée]e|Place|place)[ ](?:(?:de|du|des|la|le)[ ]|[ld]['’])*${WORD}(?:[ ](?:${WORD}|de|du|des|la|le)){0,4}`;
const TAIL = String.raw`(?:,?[ ]${UNIT})?(?:,[ ]?${CITY}(?:,[ ]?|[ ])${PROVINCE}(?:,?[ ]+${POSTAL})?|,[ ]?${CITY},?[ ]+${POSTAL}|,[ ]?${CITY},[ ]?${US_STATE}[ ]+\d{5}(?:-\d{4})?|,?[ ]+${POSTAL})?`;

// Tried only where a number starts a word (sticky), rather than at every position of the text.
const STREET_AT = new RegExp(String.raw`(?:${ENGLISH}|${FRENCH})${TAIL}(?![\p{L}\p{N}])`, 'uy');
const UNIT_BEFORE = new RegExp(String.raw`(?:${UNIT},?[ ]|#\d{1,5}[ ,-][ ]?)$`);
// A civic number at the start of a word, followed by a space (or ", " / "-") and something that
// can start a street name: the regex engine skips every other number of the text.
const CIVIC_START =
  /(?<![A-Za-z0-9])(?<!\d[.\-:/,])\d{1,6}[A-Z]?(?:-\d{1,6})?,?[ ](?=[A-Z\u00C0-\u00DE0-9]|rue|boul|avenue|chemin|ch\.|route|rang|mont|c[ôo]te|impasse|all[ée]e|place)/g;
const ABBREVIATED_END = /\b(?:St|Ave|Rd|Dr|Blvd|Ln|Cres|Ct|Pl|[NSEW])\.$/;

const POSTAL_ALONE = new RegExp(String.raw`(?<![A-Za-z0-9])${POSTAL}(?![A-Za-z0-9])`, 'g');

/** Detects street addresses (with what follows them) and lone Canadian postal codes. */
export function detectAddresses(text: string, out: Candidate[]): void {
  CIVIC_START.lastIndex = 0;
  let c: RegExpExecArray | null;
  while ((c = CIVIC_START.exec(text)) !== null) {
    const at = c.index;
    STREET_AT.lastIndex = at;
    if (!STREET_AT.test(text)) continue;
    let end = STREET_AT.lastIndex;
    CIVIC_START.lastIndex = end;
    if (text.charCodeAt(end - 1) === 46 && !ABBREVIATED_END.test(text.slice(end - 6, end))) {
      end--; // a sentence's full stop
    }
    const unit = UNIT_BEFORE.exec(text.slice(at > 24 ? at - 24 : 0, at));
    const start = unit ? at - unit[0].length : at;
    out.push({ start, end, type: 'postal_address', score: SCORE.address });
  }
  POSTAL_ALONE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = POSTAL_ALONE.exec(text)) !== null) {
    // "K1T7G9" without its space is too close to an ID: only with a label, or as a field of
    // a delimited record (",K1T7G9," after other fields).
    if (m[0].length === 6 && !postalLabelled(text, m.index) && !recordField(text, m.index, 6)) {
      continue;
    }
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'postal_address',
      score: SCORE.postalCode,
    });
  }
}

const POSTAL_LABEL = /postal|code|address|adresse/i;

function postalLabelled(text: string, at: number): boolean {
  return POSTAL_LABEL.test(text.slice(at > 24 ? at - 24 : 0, at));
}

/** The text at [at, at + length) is a whole field of a comma/semicolon/pipe/tab record. */
function recordField(text: string, at: number, length: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = at + length < text.length ? text.charCodeAt(at + length) : 44;
  const delimiter = (c: number) => c === 44 || c === 59 || c === 124 || c === 9; // , ; | tab
  return delimiter(before) && (delimiter(after) || after === 32 || after === 34 || after === 10);
}
