import fc from 'fast-check';
import { PHI_TYPES } from '../../bench/phi/corpus.js';
import {
  foldName,
  generateCorpus,
  knownNameSet,
  luhnValid,
  TEMPLATES,
  type GeneratedLine,
  type GeneratedSpan,
} from '../../bench/phi/generator.js';

const LINES = 3000;
const corpus = generateCorpus({ seed: 3, lines: LINES });
const spanText = (line: GeneratedLine, span: GeneratedSpan): string =>
  line.text.slice(span.start, span.end);

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
]; // prettier-ignore

/** Year, month, day of a date of birth in any of the generator's forms, or null. */
function parseDob(text: string): [number, number, number] | null {
  const month = (name: string): number =>
    MONTHS.findIndex((m) => m === name || m.slice(0, 3) === name) + 1;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text))) return [+m[3]!, +m[2]!, +m[1]!];
  if ((m = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(text))) return [+m[1]!, +m[2]!, +m[3]!];
  if ((m = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text))) return [+m[3]!, month(m[1]!), +m[2]!];
  if ((m = /^(\d{2})-([A-Z][a-z]{2})-(\d{4})$/.exec(text))) return [+m[3]!, month(m[2]!), +m[1]!];
  if ((m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(text))) return [+m[3]!, month(m[2]!), +m[1]!];
  return null;
}

function validDate([y, m, d]: [number, number, number]): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const NAME_WORD = String.raw`\p{Lu}[\p{L}'-]*`;
const NAME_FORMS = new RegExp(
  `^(?:${NAME_WORD}(?: \\p{Lu}\\.)? ${NAME_WORD}|${NAME_WORD}, ${NAME_WORD}|${NAME_WORD}_${NAME_WORD})$`,
  'u',
);

/** Why `text` is not a well-formed value of `type`, or null when it is. */
function shapeProblem(type: string, text: string): string | null {
  switch (type) {
    case 'ontario_health_card': {
      const m = /^(\d{4})([- ]?)(\d{3})\2(\d{3})(?:[- ][A-Z]{2})?$/.exec(text);
      if (!m) return 'not 4-3-3 digits with an optional version code';
      return luhnValid(`${m[1]}${m[3]}${m[4]}`) ? null : 'fails Luhn';
    }
    case 'sin': {
      if (!/^\d{3}([- ]?)\d{3}\1\d{3}$/.test(text)) return 'not 9 digits in groups of 3';
      if (/^[08]/.test(text)) return 'SINs do not start with 0 or 8';
      return luhnValid(text) ? null : 'fails Luhn';
    }
    case 'us_ssn': {
      const m = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/.exec(text);
      if (!m) return 'not 3-2-4 digits';
      const area = Number(m[1]);
      if (area === 0 || area === 666 || area >= 900) return 'area out of range';
      if (m[3] === '00' || m[4] === '0000') return 'zero group or serial';
      return null;
    }
    case 'mrn':
      return /^(?:H\d{7}|\d{7,8})$/.test(text) ? null : 'not H+7 digits or 7-8 digits';
    case 'date_of_birth': {
      const parts = parseDob(text);
      if (!parts || !validDate(parts)) return 'not a valid date';
      return parts[0] >= 1900 && parts[0] <= 2026 ? null : 'implausible birth year';
    }
    case 'phone': {
      const formats =
        /^(?:\(\d{3}\) \d{3}-\d{4}|\d{3}([-. ])\d{3}\1\d{4}|1-\d{3}-\d{3}-\d{4}|\+1([ -])\d{3}\2\d{3}\2\d{4}|\+1\d{10})$/;
      if (!formats.test(text)) return 'not a North American phone format';
      const digits = text.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
      return digits.length === 10 && /^[2-9]\d{2}55501\d{2}$/.test(digits)
        ? null
        : 'not a fictional 555-01xx number';
    }
    case 'email':
      return /^[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(text) ? null : 'not an address';
    case 'postal_address':
      return /(?:^|, (?:Ontario|ON|Quebec|QC|Manitoba|MB|British Columbia|BC|Nova Scotia|NS) )[ABCEGHJKLMNPRSTVXY]\d[ABCEGHJKLMNPRSTVWXYZ] ?\d[ABCEGHJKLMNPRSTVWXYZ]\d$/.test(
        text,
      )
        ? null
        : 'no Canadian postal code at the end';
    case 'person_name':
      return NAME_FORMS.test(text)
        ? null
        : 'not First Last / First M. Last / Last, First / Last_First';
    default:
      return `unknown type ${type}`;
  }
}

/** 9- and 10-digit numbers standing alone, bare or grouped like a SIN or a health card. */
const ID_LIKE =
  /(?<![\w.-])(?:\d{9}|\d{10}|\d{3}([- ])\d{3}\1\d{3}|\d{4}([- ])\d{3}\2\d{3})(?![\w.-])/g;

describe('PHI corpus generator', () => {
  it('gives the same lines for the same seed and different lines for another', () => {
    expect(generateCorpus({ seed: 42, lines: 300 })).toEqual(
      generateCorpus({ seed: 42, lines: 300 }),
    );
    const other = generateCorpus({ seed: 43, lines: 300 });
    expect(other.map((l) => l.text)).not.toEqual(
      generateCorpus({ seed: 42, lines: 300 }).map((l) => l.text),
    );
  });

  it('gives the first lines of a longer run as a shorter one', () => {
    expect(generateCorpus({ seed: 9, lines: 1000 }).slice(0, 200)).toEqual(
      generateCorpus({ seed: 9, lines: 200 }),
    );
  });

  it('keeps every span inside its line, sorted and non-overlapping', () => {
    for (const line of corpus) {
      let previousEnd = 0;
      for (const span of line.spans) {
        expect(span.start).toBeGreaterThanOrEqual(previousEnd);
        expect(span.end).toBeGreaterThan(span.start);
        expect(span.end).toBeLessThanOrEqual(line.text.length);
        previousEnd = span.end;
      }
    }
  });

  it('labels only text of the right shape for its type', () => {
    const problems: string[] = [];
    for (const line of corpus) {
      for (const span of line.spans) {
        const problem = shapeProblem(span.type, spanText(line, span));
        if (problem) problems.push(`${span.type} "${spanText(line, span)}": ${problem}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('uses every type and every form of health card, SIN and name', () => {
    const texts = (type: string): string[] =>
      corpus.flatMap((l) => l.spans.filter((s) => s.type === type).map((s) => spanText(l, s)));
    for (const type of PHI_TYPES) expect(texts(type).length).toBeGreaterThan(50);
    const cards = texts('ontario_health_card');
    expect(cards.some((c) => /^\d{4}-\d{3}-\d{3}$/.test(c))).toBe(true);
    expect(cards.some((c) => /^\d{4} \d{3} \d{3}$/.test(c))).toBe(true);
    expect(cards.some((c) => /^\d{10}$/.test(c))).toBe(true);
    expect(cards.some((c) => /[A-Z]{2}$/.test(c))).toBe(true);
    expect(texts('sin').some((s) => /^\d{9}$/.test(s))).toBe(true);
    expect(texts('sin').some((s) => / /.test(s))).toBe(true);
    const names = texts('person_name');
    expect(names.some((n) => n.includes(', '))).toBe(true);
    expect(names.some((n) => / \p{Lu}\. /u.test(n))).toBe(true);
    expect(names.some((n) => n.includes('_'))).toBe(true);
  });

  it('makes about 30 % of lines negatives, which hold no spans and no valid identifiers', () => {
    const negatives = corpus.filter((l) => l.negative);
    expect(negatives.length / LINES).toBeGreaterThan(0.27);
    expect(negatives.length / LINES).toBeLessThan(0.33);
    const byId = new Map(TEMPLATES.map((t) => [t.id, t]));
    let lookAlikes = 0;
    for (const line of corpus) {
      expect(byId.get(line.template)?.negative).toBe(line.negative);
      if (!line.negative) {
        expect(line.spans.length).toBeGreaterThan(0);
        continue;
      }
      expect(line.spans).toEqual([]);
      expect(line.text).not.toContain('@');
      for (const m of line.text.matchAll(ID_LIKE)) {
        lookAlikes += 1;
        expect({ number: m[0], luhn: luhnValid(m[0]) }).toEqual({ number: m[0], luhn: false });
      }
    }
    expect(lookAlikes).toBeGreaterThan(50);
  });

  it('draws half the names from faker and half from a pool faker does not know', () => {
    const names = corpus.flatMap((l) =>
      l.spans.filter((s) => s.type === 'person_name').map((s) => ({ s, text: spanText(l, s) })),
    );
    const heldOut = names.filter(({ s }) => s.origin === 'heldout');
    expect(names.every(({ s }) => s.origin === 'faker' || s.origin === 'heldout')).toBe(true);
    expect(heldOut.length / names.length).toBeGreaterThan(0.45);
    expect(heldOut.length / names.length).toBeLessThan(0.55);
    const known = knownNameSet();
    const words = (text: string): string[] =>
      text.split(/[ ,_]+/).filter((w) => w.length > 0 && !/^\p{Lu}\.$/u.test(w));
    for (const { s, text } of names) {
      const inLexicon = words(text).map((w) => known.has(foldName(w)));
      expect({ text, inLexicon }).toEqual({
        text,
        inLexicon: inLexicon.map(() => s.origin === 'faker'),
      });
    }
  });

  it('has about 40 templates, a third or more of them not modelled on dev.jsonl, all in use', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(40);
    expect(TEMPLATES.filter((t) => !t.dev).length * 3).toBeGreaterThanOrEqual(TEMPLATES.length);
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    const used = new Set(corpus.map((l) => l.template));
    expect(TEMPLATES.filter((t) => !used.has(t.id)).map((t) => t.id)).toEqual([]);
  });

  it('holds its invariants for any seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const lines = generateCorpus({ seed, lines: 40 });
        expect(generateCorpus({ seed, lines: 40 })).toEqual(lines);
        for (const line of lines) {
          expect(line.spans.length === 0).toBe(line.negative);
          let previousEnd = 0;
          for (const span of line.spans) {
            expect(span.start).toBeGreaterThanOrEqual(previousEnd);
            expect(shapeProblem(span.type, spanText(line, span))).toBeNull();
            previousEnd = span.end;
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
