/**
 * A seeded generator of labelled security-alert-like lines in the format of
 * `../shared/fixtures/phi/dev.jsonl`: `{text, spans: [{start, end, type}]}`, JavaScript string
 * indices, `end` exclusive. Every span is recorded while its value is inserted, so the labels are
 * right by construction.
 *
 * Same seed, same lines: the only randomness is a mulberry32 PRNG, and the name pools are read
 * from `@faker-js/faker`'s locale definitions (not from faker's own random generator).
 *
 * Half of all person names come from faker's Latin-script locale lists (which a lexicon built from
 * faker will contain); the other half are synthesised from syllables and rejected when they appear
 * in any faker locale, in redact-pii's name list or among faker's English words, so recall on them
 * measures names that neither tool has seen. Spans carry `origin` ('faker' | 'heldout') for person names so the two halves can
 * be scored apart.
 */
import { createRequire } from 'node:module';
import { allLocales } from '@faker-js/faker';
import type { LabelledLine, PhiType, Span } from './corpus.js';

export type NameOrigin = 'faker' | 'heldout';

export interface GeneratedSpan extends Span {
  /** Person names only: drawn from faker's lists, or synthesised and held out of them. */
  origin?: NameOrigin;
}

export interface GeneratedLine extends LabelledLine {
  spans: GeneratedSpan[];
  /** Template id, see `TEMPLATES`. */
  template: string;
  /** A look-alike line with no PHI at all. */
  negative: boolean;
}

export interface GenerateOptions {
  seed: number;
  lines: number;
  /** Share of lines drawn from the no-PHI look-alike templates; 0.3 unless given. */
  negativeShare?: number;
}

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny 32-bit PRNG with good enough statistics for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `n` decimal digits, leading zeros allowed. */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 1) out += String(this.int(0, 9));
    return out;
  }

  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 1) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }

  letter(alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'): string {
    return alphabet[this.int(0, alphabet.length - 1)] as string;
  }
}

// ---------------------------------------------------------------------------------------------
// Check digits

/** True when the digits of `value` (other characters ignored) pass the Luhn check. */
export function luhnValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `payload + digit` Luhn-valid. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d += 1) if (luhnValid(payload + d)) return String(d);
  throw new Error('unreachable');
}

// ---------------------------------------------------------------------------------------------
// Names

/** Faker locales whose person lists are in Latin script: the lexicon half of the names. */
const FAKER_LOCALES = [
  'en',
  'en_AU',
  'en_GH',
  'en_IN',
  'en_NG',
  'en_NP',
  'en_ZA',
  'fr',
  'fr_SN',
  'de',
  'es',
  'it',
  'pl',
  'pt_PT',
  'nl',
  'sv',
  'da',
  'nb_NO',
  'fi',
  'tr',
  'yo_NG',
  'ro',
  'cs_CZ',
  'hu',
  'hr',
  'zu_ZA',
] as const;

const LATIN_NAME = /^\p{Lu}[\p{Script=Latin}'-]*\p{Ll}$/u;
const CAMEL_JOIN = /\p{Ll}{3}\p{Lu}/u;

function flatStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (value && typeof value === 'object') return Object.values(value).flatMap(flatStrings);
  return [];
}

/** Lower case, accents stripped: the form names are compared in. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface NamePool {
  first: string[];
  last: string[];
}

let fakerPools: NamePool[] | null = null;
let knownNames: Set<string> | null = null;
let englishWords: Set<string> | null = null;

/** faker's English vocabulary (en.word.*): a made-up name must not be an ordinary word. */
function englishWordSet(): Set<string> {
  if (englishWords) return englishWords;
  const en = (allLocales as Record<string, { word?: Record<string, unknown> }>).en;
  englishWords = new Set(
    Object.values(en?.word ?? {})
      .flatMap(flatStrings)
      .map(foldName),
  );
  return englishWords;
}

function personLists(locale: string): { first: string[]; last: string[]; middle: string[] } {
  const definition = (allLocales as Record<string, { person?: Record<string, unknown> }>)[locale];
  const person = definition?.person ?? {};
  return {
    first: flatStrings(person.first_name),
    last: flatStrings(person.last_name),
    middle: flatStrings(person.middle_name),
  };
}

/** The faker half: first and last names of each Latin-script locale, sorted and deduplicated. */
export function fakerNamePools(): NamePool[] {
  if (fakerPools) return fakerPools;
  // CAMEL_JOIN drops faker data quirks such as hr's "HohošBabić" (a double name missing its
  // hyphen); "McDonald" or "DeAndre" stay.
  const clean = (names: string[]): string[] =>
    [
      ...new Set(names.filter((n) => LATIN_NAME.test(n) && !CAMEL_JOIN.test(n) && n.length <= 14)),
    ].sort();
  fakerPools = FAKER_LOCALES.map((locale) => {
    const lists = personLists(locale);
    return { first: clean(lists.first), last: clean(lists.last) };
  }).filter((pool) => pool.first.length >= 20 && pool.last.length >= 20);
  return fakerPools;
}

/**
 * Every name any faker locale lists (first, middle, last; every script) and redact-pii's name
 * list, folded. Held-out names must not be in it.
 */
export function knownNameSet(): Set<string> {
  if (knownNames) return knownNames;
  const set = new Set<string>();
  for (const locale of Object.keys(allLocales)) {
    const lists = personLists(locale);
    for (const name of [...lists.first, ...lists.last, ...lists.middle]) {
      for (const part of name.split(/[\s-]+/)) if (part) set.add(foldName(part));
      set.add(foldName(name));
    }
  }
  try {
    const require = createRequire(import.meta.url);
    const wellKnown = require('redact-pii/lib/built-ins/well-known-names.json') as string[];
    for (const name of wellKnown) set.add(foldName(name));
  } catch {
    // redact-pii is a dev dependency; without it, faker's lists alone define "known".
  }
  knownNames = set;
  return set;
}

const ONSETS = [
  'b', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'b', 'd', 'k',
  'l', 'm', 'n', 'r', 's', 't', 'v', 'ch', 'sh', 'br', 'dr', 'gr', 'kr', 'tr', 'st',
]; // prettier-ignore
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'a', 'e', 'a', 'ai', 'ea', 'io'];
const CODAS = ['n', 'r', 'l', 's', 'm', 'nd', 'rt', 'st', 'k'];
const FIRST_ENDINGS = ['a', 'o', 'ia', 'en', 'el', 'is', 'an', 'ine', 'ara', 'iel', 'im', 'ys'];
const LAST_ENDINGS = [
  'ova', 'ski', 'sen', 'ari', 'elli', 'ez', 'ton', 'enko', 'ides', 'oglu', 'escu', 'berg', 'ford',
  'ani', 'ou', 'ieri', 'mann', 'kar', 'ssi', 'avic', 'umba', 'ak', 'ardt', 'ley',
]; // prettier-ignore

function syllableWord(rng: Rng, syllables: number, endings: readonly string[]): string {
  let word = '';
  for (let i = 0; i < syllables; i += 1) {
    if (i > 0 || rng.chance(0.85)) word += rng.pick(ONSETS);
    word += rng.pick(VOWELS);
    if (rng.chance(i === syllables - 1 ? 0.45 : 0.2)) word += rng.pick(CODAS);
  }
  if (rng.chance(0.5)) {
    const ending = rng.pick(endings);
    const vowelEnd = /[aeiouy]$/.test(word);
    const vowelStart = /^[aeiouy]/.test(ending);
    word = vowelEnd && vowelStart ? word.slice(0, -1) + ending : word + ending;
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function plausible(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    lower.length >= 4 &&
    lower.length <= 11 &&
    !/[^aeiouy]{3}/.test(lower) &&
    !/[aeiouy]{3}/.test(lower) &&
    (lower.match(/[aeiouy]{2}/g) ?? []).length <= 1 &&
    !/(.)\1\1/.test(lower) &&
    !/^(q[^u]|x)/.test(lower)
  );
}

/** A syllable-built name that no faker locale, no redact-pii list and no English word list contains. */
function heldOutWord(rng: Rng, kind: 'first' | 'last'): string {
  const known = knownNameSet();
  for (;;) {
    const word =
      kind === 'first'
        ? syllableWord(rng, 2, FIRST_ENDINGS)
        : syllableWord(rng, rng.chance(0.7) ? 2 : 3, LAST_ENDINGS);
    const folded = foldName(word);
    if (plausible(word) && !known.has(folded) && !englishWordSet().has(folded)) return word;
  }
}

export interface Person {
  first: string;
  last: string;
  /** A middle initial, without the period. */
  middle: string;
  origin: NameOrigin;
}

// ---------------------------------------------------------------------------------------------
// Pieces and lines

interface Piece {
  readonly type: PhiType;
  readonly text: string;
  readonly origin?: NameOrigin;
}

type Part = string | number | Piece;

interface Built {
  text: string;
  spans: GeneratedSpan[];
}

/** Tagged template: literal text stays unlabelled, every `Piece` becomes a span. */
function line(strings: TemplateStringsArray, ...parts: Part[]): Built {
  let text = strings[0] ?? '';
  const spans: GeneratedSpan[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'object') {
      const span: GeneratedSpan = {
        start: text.length,
        end: text.length + part.text.length,
        type: part.type,
      };
      if (part.origin) span.origin = part.origin;
      spans.push(span);
      text += part.text;
    } else {
      text += String(part);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, spans };
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
]; // prettier-ignore

const AREA_CODES = [
  '416',
  '647',
  '437',
  '905',
  '289',
  '365',
  '519',
  '226',
  '548',
  '613',
  '343',
  '705',
  '249',
  '807',
];

/** City, province as written in full / abbreviated, first letters of its postal codes. */
const CITIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Toronto', 'Ontario', 'ON', 'M'],
  ['Ottawa', 'Ontario', 'ON', 'K'],
  ['Kingston', 'Ontario', 'ON', 'K'],
  ['Belleville', 'Ontario', 'ON', 'K'],
  ['Cornwall', 'Ontario', 'ON', 'K'],
  ['Peterborough', 'Ontario', 'ON', 'K'],
  ['Hamilton', 'Ontario', 'ON', 'L'],
  ['Mississauga', 'Ontario', 'ON', 'L'],
  ['Brampton', 'Ontario', 'ON', 'L'],
  ['Oshawa', 'Ontario', 'ON', 'L'],
  ['Burlington', 'Ontario', 'ON', 'L'],
  ['St. Catharines', 'Ontario', 'ON', 'L'],
  ['Barrie', 'Ontario', 'ON', 'L'],
  ['Markham', 'Ontario', 'ON', 'L'],
  ['Niagara Falls', 'Ontario', 'ON', 'L'],
  ['London', 'Ontario', 'ON', 'N'],
  ['Windsor', 'Ontario', 'ON', 'N'],
  ['Kitchener', 'Ontario', 'ON', 'N'],
  ['Waterloo', 'Ontario', 'ON', 'N'],
  ['Guelph', 'Ontario', 'ON', 'N'],
  ['Sarnia', 'Ontario', 'ON', 'N'],
  ['Sudbury', 'Ontario', 'ON', 'P'],
  ['Thunder Bay', 'Ontario', 'ON', 'P'],
  ['Sault Ste. Marie', 'Ontario', 'ON', 'P'],
  ['North Bay', 'Ontario', 'ON', 'P'],
  ['Timmins', 'Ontario', 'ON', 'P'],
  ['Gatineau', 'Quebec', 'QC', 'J'],
  ['Montréal', 'Quebec', 'QC', 'H'],
  ['Winnipeg', 'Manitoba', 'MB', 'R'],
  ['Vancouver', 'British Columbia', 'BC', 'V'],
  ['Halifax', 'Nova Scotia', 'NS', 'B'],
];

const STREETS = [
  'Elm', 'Maple', 'Main', 'Dundas', 'Princess', 'Queen', 'King', 'Yonge', 'Bloor', 'Bank',
  'Wellington', 'Rideau', 'Richmond', 'Oak', 'Pine', 'Cedar', 'Lakeshore', 'Bayview', 'Victoria',
  'Church', 'Ridgewood', 'Sunnyside', 'Bathurst', 'Ouellette', 'Talbot', 'Huron', 'Erie',
  'Hemlock', 'Birchmount', 'St. Clair', 'Carling', 'Concession', 'Mountain', 'Riverside',
]; // prettier-ignore
const SUFFIXES = [
  'Street', 'St', 'Avenue', 'Ave', 'Drive', 'Dr', 'Road', 'Rd', 'Crescent', 'Cres', 'Boulevard',
  'Blvd', 'Court', 'Way', 'Lane',
]; // prettier-ignore
const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

const EMAIL_DOMAINS = [
  'gmail.com', 'rogers.com', 'sympatico.ca', 'outlook.com', 'icloud.com', 'hotmail.com',
  'yahoo.ca', 'bell.net', 'shaw.ca', 'telus.net', 'protonmail.com', 'cogeco.ca',
]; // prettier-ignore

const HOSTS = [
  'DC01', 'EHR-SRV01', 'EHR-SRV02', 'FS-CLIN01', 'PACS-GW01', 'BILL-APP01', 'RECEPTION-PC3',
  'LT-OWNER-07', 'LT-NURSE-04', 'SQL-CLIN02', 'EXCH-HYB01', 'VPN-GW01', 'LAB-PC2',
]; // prettier-ignore
const USERS = [
  'frontdesk', 'reception2', 'svc-ehr-sync', 'billing.admin', 'nurse.station3', 'svc-backup',
  'it.admin', 'lab.courier', 'svc-fax', 'scheduler1',
]; // prettier-ignore
const PRINTERS = ['PRN-FRONT-01', 'PRN-LAB-02', 'MFP-2F', 'MFP-RECEPTION'];

/** Value makers over one PRNG; each PHI value comes back as a `Piece`. */
export class Gen {
  constructor(readonly rng: Rng) {}

  // --- people -----------------------------------------------------------------------------

  person(): Person {
    const rng = this.rng;
    const middle = rng.letter('ABCDEFGHIJKLMNOPRSTVW');
    if (rng.chance(0.5)) {
      const pool = rng.pick(fakerNamePools());
      return { first: rng.pick(pool.first), last: rng.pick(pool.last), middle, origin: 'faker' };
    }
    return {
      first: heldOutWord(rng, 'first'),
      last: heldOutWord(rng, 'last'),
      middle,
      origin: 'heldout',
    };
  }

  /**
   * A person's name as a span. `full`: 'First Last' or 'First M. Last'; `plain`: 'First Last';
   * `lastFirst`: 'Last, First'; `underscore`: 'Last_First' (file names).
   */
  name(
    form: 'full' | 'plain' | 'lastFirst' | 'underscore' = 'full',
    p: Person = this.person(),
  ): Piece {
    let text: string;
    if (form === 'lastFirst') text = `${p.last}, ${p.first}`;
    else if (form === 'underscore') text = `${p.last}_${p.first}`;
    else if (form === 'full' && this.rng.chance(0.3)) text = `${p.first} ${p.middle}. ${p.last}`;
    else text = `${p.first} ${p.last}`;
    return { type: 'person_name', text, origin: p.origin };
  }

  email(p: Person = this.person()): Piece {
    const rng = this.rng;
    const ascii = (s: string): string => foldName(s).replace(/[^a-z]/g, '');
    const f = ascii(p.first);
    const l = ascii(p.last);
    const nn = String(rng.int(1, 99));
    const local = rng.pick([
      `${f}.${l}`,
      `${f[0]}${l}${nn}`,
      `${l}.${f}${nn}`,
      `${f}_${l}`,
      `${f}.${l}${nn}`,
      `${l}${f[0]}`,
      `${f}${l[0]}.${rng.int(1960, 2010)}`,
    ]);
    return { type: 'email', text: `${local}@${rng.pick(EMAIL_DOMAINS)}` };
  }

  // --- numbers ----------------------------------------------------------------------------

  /** Ontario health card: 10 digits, Luhn-valid, optional version code inside the span. */
  healthCard(format?: 'bare'): Piece {
    const rng = this.rng;
    const payload = String(rng.int(1, 9)) + rng.digits(8);
    const d = payload + luhnCheckDigit(payload);
    const style = format ?? rng.pick(['dash', 'space', 'bare'] as const);
    let text =
      style === 'dash'
        ? `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`
        : style === 'space'
          ? `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`
          : d;
    if (format !== 'bare' && rng.chance(0.35)) {
      const code = rng.letter() + rng.letter();
      text += style === 'dash' && rng.chance(0.7) ? `-${code}` : ` ${code}`;
    }
    return { type: 'ontario_health_card', text };
  }

  /** Canadian SIN: 9 digits, Luhn-valid, first digit 1-7 or 9. */
  sin(): Piece {
    const rng = this.rng;
    const payload = rng.pick(['1', '2', '3', '4', '5', '6', '7', '9']) + rng.digits(7);
    const d = payload + luhnCheckDigit(payload);
    const sep = rng.pick(['', ' ', '-']);
    return { type: 'sin', text: [d.slice(0, 3), d.slice(3, 6), d.slice(6)].join(sep) };
  }

  /** US SSN: area 001-899 but not 666, group 01-99, serial 0001-9999. */
  ssn(): Piece {
    const rng = this.rng;
    let area = rng.int(1, 899);
    while (area === 666) area = rng.int(1, 899);
    const parts = [
      String(area).padStart(3, '0'),
      String(rng.int(1, 99)).padStart(2, '0'),
      String(rng.int(1, 9999)).padStart(4, '0'),
    ];
    const r = rng.float();
    return { type: 'us_ssn', text: parts.join(r < 0.7 ? '-' : r < 0.9 ? ' ' : '') };
  }

  /** MRN: H + 7 digits, or 7 or 8 digits (leading zeros allowed). */
  mrn(): Piece {
    const rng = this.rng;
    const r = rng.float();
    const text =
      r < 0.4
        ? `H${rng.digits(7)}`
        : r < 0.7
          ? String(rng.int(1, 9)) + rng.digits(6)
          : rng.chance(0.2)
            ? `000${rng.digits(5)}`
            : String(rng.int(1, 9)) + rng.digits(7);
    return { type: 'mrn', text };
  }

  phone(): Piece {
    const rng = this.rng;
    const a = rng.pick(AREA_CODES);
    const s = `01${rng.digits(2)}`;
    const text = rng.pick([
      `(${a}) 555-${s}`,
      `${a}-555-${s}`,
      `${a}.555.${s}`,
      `1-${a}-555-${s}`,
      `+1 ${a} 555 ${s}`,
      `+1-${a}-555-${s}`,
      `${a} 555 ${s}`,
      `+1${a}555${s}`,
    ]);
    return { type: 'phone', text };
  }

  // --- dates ------------------------------------------------------------------------------

  private date(yearMin: number, yearMax: number, style: string): string {
    const rng = this.rng;
    const y = rng.int(yearMin, yearMax);
    const m = rng.int(1, 12);
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const d = rng.int(1, days);
    const dd = String(d).padStart(2, '0');
    const mm = String(m).padStart(2, '0');
    const month = MONTHS[m - 1] as string;
    switch (style) {
      case 'dmy':
        return `${dd}/${mm}/${y}`;
      case 'iso':
        return `${y}-${mm}-${dd}`;
      case 'long':
        return `${month} ${d}, ${y}`;
      case 'short':
        return `${month.slice(0, 3)} ${d}, ${y}`;
      case 'dmon':
        return `${dd}-${month.slice(0, 3)}-${y}`;
      case 'dlong':
        return `${d} ${month} ${y}`;
      default:
        return `${y}/${mm}/${dd}`;
    }
  }

  /** A date of birth; `numeric` limits it to the forms that fit a URL or a CSV cell. */
  dob(form: 'any' | 'numeric' | 'iso' = 'any'): Piece {
    const rng = this.rng;
    const style =
      form === 'iso'
        ? 'iso'
        : form === 'numeric'
          ? rng.pick(['dmy', 'iso'])
          : rng.pick(['dmy', 'iso', 'long', 'dmon', 'long', 'dmy', 'short', 'dlong', 'ymd']);
    return { type: 'date_of_birth', text: this.date(1925, 2025, style) };
  }

  /** A date that is not a birth date (appointments, schedules), in the same shapes. */
  otherDate(): string {
    return this.date(2025, 2027, this.rng.pick(['dmy', 'iso', 'long', 'dmon', 'short']));
  }

  // --- addresses --------------------------------------------------------------------------

  private postalText(fsaLetter: string): string {
    const rng = this.rng;
    const fsa = `${fsaLetter}${rng.int(0, 9)}${rng.letter(POSTAL_LETTERS)}`;
    const ldu = `${rng.int(0, 9)}${rng.letter(POSTAL_LETTERS)}${rng.int(0, 9)}`;
    return `${fsa} ${ldu}`;
  }

  /** A postal code alone (Ontario mostly; sometimes written without the space). */
  postal(): Piece {
    const rng = this.rng;
    const city = rng.chance(0.9) ? rng.pick(CITIES.slice(0, 26)) : rng.pick(CITIES);
    const text = this.postalText(city[3]);
    return { type: 'postal_address', text: rng.chance(0.08) ? text.replace(' ', '') : text };
  }

  /** Street address with unit, city, province and postal code. */
  address(): Piece {
    const rng = this.rng;
    const city = rng.chance(0.85) ? rng.pick(CITIES.slice(0, 26)) : rng.pick(CITIES);
    const number = String(rng.chance(0.6) ? rng.int(1, 999) : rng.int(1000, 9999));
    const direction = rng.chance(0.2) ? ` ${rng.pick(['N', 'S', 'E', 'W'])}` : '';
    const street = `${rng.pick(STREETS)} ${rng.pick(SUFFIXES)}${direction}`;
    const u = rng.float();
    const head =
      u < 0.15
        ? `Unit ${rng.int(1, 40)}, ${number}`
        : u < 0.25
          ? `${rng.int(1, 30)}-${number}`
          : u < 0.3
            ? `Apt ${rng.int(1, 25)}${rng.letter('ABCD')}, ${number}`
            : number;
    const province = rng.chance(0.5) ? city[1] : city[2];
    const text = `${head} ${street}, ${city[0]}, ${province} ${this.postalText(city[3])}`;
    return { type: 'postal_address', text };
  }

  // --- look-alikes (never labelled) -------------------------------------------------------

  ipv4(): string {
    const rng = this.rng;
    return rng.pick([
      () => `192.0.2.${rng.int(1, 254)}`,
      () => `198.51.100.${rng.int(1, 254)}`,
      () => `203.0.113.${rng.int(1, 254)}`,
      () => `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      () => `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      () => `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    ])();
  }

  guid(): string {
    const h = (n: number): string => this.rng.hex(n);
    return `${h(8)}-${h(4)}-4${h(3)}-${this.rng.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
  }

  mac(): string {
    return Array.from({ length: 6 }, () => this.rng.hex(2).toUpperCase()).join(':');
  }

  iso(): string {
    const rng = this.rng;
    const p = (n: number): string => String(n).padStart(2, '0');
    return (
      `2026-${p(rng.int(1, 12))}-${p(rng.int(1, 28))}T${p(rng.int(0, 23))}:${p(rng.int(0, 59))}:` +
      `${p(rng.int(0, 59))}.${String(rng.int(0, 999)).padStart(3, '0')}Z`
    );
  }

  time(): string {
    return `${String(this.rng.int(8, 17)).padStart(2, '0')}:${this.rng.pick(['00', '15', '30', '45'])}`;
  }

  version(): string {
    const rng = this.rng;
    return rng.chance(0.5)
      ? `${rng.int(1, 30)}.${rng.int(0, 20)}.${rng.int(0, 999)}`
      : `${rng.pick([4, 10])}.${rng.int(0, 18)}.${rng.int(10000, 26999)}.${rng.int(1, 5000)}`;
  }

  host(): string {
    return this.rng.pick(HOSTS);
  }

  user(): string {
    return this.rng.pick(USERS);
  }

  printer(): string {
    return this.rng.pick(PRINTERS);
  }

  /**
   * A 9- or 10-digit number that fails the Luhn check (so it is neither a SIN nor a health card),
   * bare or grouped like one; 10-digit ones never carry the 555 exchange of the phone numbers.
   */
  nonLuhn(length: 9 | 10, grouping: 'bare' | 'grouped' | 'any' = 'any'): string {
    const rng = this.rng;
    let d: string;
    do d = String(rng.int(1, 9)) + rng.digits(length - 1);
    while (luhnValid(d) || (length === 10 && d.slice(3, 6) === '555'));
    const grouped = grouping === 'grouped' || (grouping === 'any' && rng.chance(0.4));
    if (!grouped) return d;
    const sep = rng.pick(['-', ' ']);
    return length === 9
      ? [d.slice(0, 3), d.slice(3, 6), d.slice(6)].join(sep)
      : [d.slice(0, 4), d.slice(4, 7), d.slice(7)].join(sep);
  }
}

// ---------------------------------------------------------------------------------------------
// Templates

export interface Template {
  id: string;
  /** No PHI: look-alikes only. */
  negative: boolean;
  /** Modelled on a dev.jsonl template (true) or written for this generator only (false). */
  dev: boolean;
  make(g: Gen): Built;
}

const DOC_TYPES = [
  'Consult Note',
  'Discharge Summary',
  'Lab Report',
  'Referral Letter',
  'Imaging Report',
];
const PAYROLL_FILES = [
  'Payroll_2026_Q3.xlsx',
  'Payroll_2026_Q1.xlsx',
  'T4_slips_2025.csv',
  'HR_onboarding.docx',
];
const EVENT_IDS = [4625, 4740, 7045, 4768, 4771, 1102];

const t = (id: string, dev: boolean, make: (g: Gen) => Built): Template => ({
  id,
  negative: false,
  dev,
  make,
});
const neg = (id: string, dev: boolean, make: (g: Gen) => Built): Template => ({
  id,
  negative: true,
  dev,
  make,
});

export const TEMPLATES: readonly Template[] = [
  // --- with PHI, modelled on dev.jsonl --------------------------------------------------------
  t('dlp-attachment', true, (g) => {
    const p = g.person();
    return line`DLP alert: attachment "${g.name('full', p)} - ${g.rng.pick(DOC_TYPES)}.pdf" with MRN ${g.mrn()} sent to ${g.email()}`;
  }),
  t(
    'api-dob',
    true,
    (g) =>
      line`Log: GET /api/patients/${g.mrn()}?dob=${g.dob('numeric')} ${g.rng.pick([200, 200, 304])} from ${g.ipv4()}`,
  ),
  t(
    'callback',
    true,
    (g) => line`Callback number ${g.phone()} listed for patient ${g.name()} in exported CSV`,
  ),
  t(
    'sin-infotype',
    true,
    (g) =>
      line`Sensitive info type "Canada Social Insurance Number" matched: ${g.sin()} in ${g.rng.pick(PAYROLL_FILES)}`,
  ),
  t(
    'patient-chart',
    true,
    (g) =>
      line`Patient ${g.name()} (MRN: ${g.mrn()}) chart accessed from unmanaged device ${g.host()}`,
  ),
  t('dlp-ohip', true, (g) => {
    const p = g.person();
    return line`DLP policy match: OHIP ${g.healthCard()} found in email to ${g.email(p)}`;
  }),
  t(
    'insurance-ssn',
    true,
    (g) =>
      line`Insurance claim for ${g.name('lastFirst')} (SSN ${g.ssn()}) posted to external SharePoint site`,
  ),
  t('lab-subject', true, (g) => line`Email subject: "Lab results for ${g.name()}, DOB ${g.dob()}"`),
  t(
    'printer-requisition',
    true,
    (g) =>
      line`Printer job "Requisition_${g.name('lastFirst')}.pdf" released on ${g.host()} with HCN ${g.healthCard()}`,
  ),
  t(
    'mass-download',
    true,
    (g) =>
      line`Mass download: ${g.rng.int(120, 5000)} records incl. ${g.name()}, SSN ${g.ssn()}, DOB ${g.dob()}`,
  ),
  t(
    'fax-cover',
    true,
    (g) =>
      line`Fax cover sheet with patient ${g.name()}, phone ${g.phone()}, postal code ${g.postal()} found on public share`,
  ),
  t(
    'onedrive-row',
    true,
    (g) => line`OneDrive sync of Patients.xlsx row: ${g.name()}, ${g.address()}, ${g.phone()}`,
  ),
  t(
    'outbound-mail',
    true,
    (g) =>
      line`Outbound mail from reception to ${g.email()} contained DOB ${g.dob()} and HCN ${g.healthCard()}`,
  ),
  t('mailbox-rule', true, (g) => {
    const p = g.person();
    return line`Mailbox rule forwarded message "Re: ${g.name('full', p)} referral, DOB ${g.dob()}" to ${g.email()}`;
  }),

  // --- with PHI, new ------------------------------------------------------------------------
  t(
    'ehr-export',
    false,
    (g) =>
      line`EHR audit: ${g.user()} exported the chart of ${g.name()} (MRN ${g.mrn()}, DOB ${g.dob()}) to removable drive E:`,
  ),
  t(
    'hl7-reject',
    false,
    (g) =>
      line`Interface engine rejected ADT^A08 from ${g.host()}: patient ${g.name('lastFirst')}, MRN ${g.mrn()}, birth date ${g.dob()}`,
  ),
  t(
    'spooler-file',
    false,
    (g) =>
      line`Print spooler on ${g.printer()}: ${g.name('underscore')}_OHIP_${g.healthCard('bare')}.pdf submitted by ${g.user()} (${g.rng.int(2, 30)} pages)`,
  ),
  t(
    'payroll-deposit',
    false,
    (g) =>
      line`Payroll change alert: direct deposit for ${g.name()} changed from ${g.ipv4()}; note shows SIN ${g.sin()}`,
  ),
  t(
    'voicemail',
    false,
    (g) =>
      line`Voicemail transcript flagged: "Hi, it's ${g.name('plain')}, call me back at ${g.phone()}, my health card is ${g.healthCard()}"`,
  ),
  t(
    'scan-to-email',
    false,
    (g) =>
      line`Scan-to-email from ${g.printer()} sent "Referral - ${g.name()}.pdf" to ${g.email()} (${g.rng.int(2, 12)} pages)`,
  ),
  t('portal-json', false, (g) => {
    const p = g.person();
    return line`Patient portal debug log: {"name":"${g.name('plain', p)}","dob":"${g.dob('iso')}","email":"${g.email(p)}"} written in clear text`;
  }),
  t(
    'address-change',
    false,
    (g) =>
      line`Address change for MRN ${g.mrn()} submitted from ${g.ipv4()}: new address ${g.address()}`,
  ),
  t(
    'lost-device',
    false,
    (g) =>
      line`Lost device LT-NURSE-${String(g.rng.int(1, 12)).padStart(2, '0')} had a cached referral for ${g.name()}, HCN ${g.healthCard()}, tel. ${g.phone()}`,
  ),
  t(
    'csv-export',
    false,
    (g) =>
      line`Unencrypted share \\\\FS-CLIN01\\exports\\waitlist.csv line ${g.rng.int(2, 900)}: "${g.name('plain')}",${g.dob('numeric')},${g.healthCard()},${g.postal()}`,
  ),
  t(
    'french-nas',
    false,
    (g) => line`Courriel bloqué : NAS ${g.sin()} de ${g.name()} envoyé à ${g.email()}`,
  ),
  t(
    'cross-border',
    false,
    (g) =>
      line`Cross-border claim for ${g.name()}: SSN ${g.ssn()}, DOB ${g.dob()}, callback ${g.phone()}`,
  ),
  t(
    'pharmacy-fax',
    false,
    (g) =>
      line`Inbound fax from pharmacy ${g.phone()}: renewal for ${g.name()}, born ${g.dob()}, Ontario health card ${g.healthCard()}`,
  ),
  t(
    'teams-callback',
    false,
    (g) =>
      line`Teams message in Front Desk channel: "please call ${g.name('plain')} back at ${g.phone()} about OHIP ${g.healthCard()}"`,
  ),
  t(
    'ehr-search',
    false,
    (g) =>
      line`EHR search "${g.name('lastFirst')}" by ${g.user()} returned MRN ${g.mrn()}; next appointment ${g.otherDate()}`,
  ),
  t(
    'courier-label',
    false,
    (g) => line`Courier label printed for ${g.name()}, ${g.address()}, tel ${g.phone()}`,
  ),
  t('appointment-bounce', false, (g) => {
    const p = g.person();
    return line`Appointment confirmation to ${g.email(p)} for ${g.name('full', p)} on ${g.otherDate()} at ${g.time()} bounced`;
  }),
  t(
    'break-glass',
    false,
    (g) =>
      line`Break-the-glass access: ${g.name()} opened the record of ${g.name()} (MRN ${g.mrn()}) at ${g.iso()}`,
  ),

  // --- no PHI, modelled on dev.jsonl --------------------------------------------------------
  neg(
    'impossible-travel',
    true,
    (g) =>
      line`Impossible travel activity for ${g.user()} from ${g.ipv4()} and ${g.ipv4()} within ${g.rng.int(3, 40)} minutes`,
  ),
  neg(
    'malware-sha256',
    true,
    (g) => line`Malware detected on ${g.host()}: SHA256 ${g.rng.hex(64)}`,
  ),
  neg(
    'defender-signature',
    true,
    (g) =>
      line`Defender signature version ${g.version()} out of date on ${g.host()}; install KB${g.rng.int(5000000, 5069999)}`,
  ),
  neg(
    'firewall-deny',
    true,
    (g) =>
      line`Firewall deny ${g.ipv4()} -> ${g.ipv4()}:${g.rng.pick([22, 445, 3389, 5985, 8443])} (rule id ${g.nonLuhn(10, 'bare')})`,
  ),
  neg('ticket-reopened', true, (g) => line`Ticket ${g.nonLuhn(9)} reopened by service desk`),
  neg(
    'incident-created',
    true,
    (g) =>
      line`Incident #${g.rng.int(1000, 99999)} created: Multiple failed sign-ins to ${g.host()} (event ${g.rng.pick(EVENT_IDS)}), ${g.rng.int(50, 5000)} attempts`,
  ),
  neg('device-wifi', true, (g) => line`Device ${g.mac()} joined guest Wi-Fi from ${g.ipv4()}`),

  // --- no PHI, new --------------------------------------------------------------------------
  neg(
    'conditional-access',
    false,
    (g) =>
      line`Conditional Access policy ${g.guid()} blocked sign-in for ${g.user()} from ${g.ipv4()} (correlation id ${g.guid()})`,
  ),
  neg(
    'backup-job',
    false,
    (g) =>
      line`Backup job BK-${g.rng.int(100, 999)} on ${g.host()} completed: ${g.rng.int(1000, 999999)} files, ${g.rng.int(1, 900)}.${g.rng.int(0, 9)} GB, job id ${g.nonLuhn(10)}`,
  ),
  neg(
    'cert-expiry',
    false,
    (g) =>
      line`TLS certificate for ${g.host().toLowerCase()}.northwindmed.example expires ${g.otherDate()}; thumbprint ${g.rng.hex(40).toUpperCase()}`,
  ),
  neg(
    'dns-block',
    false,
    (g) =>
      line`DNS query for ${g.rng.hex(6)}-${g.rng.pick(['cdn', 'login', 'update', 'portal'])}.${g.rng.pick(['xyz', 'top', 'info', 'click'])} from ${g.ipv4()} blocked (category: newly registered domain)`,
  ),
  neg(
    'scheduled-task',
    false,
    (g) =>
      line`Scheduled task ${g.rng.pick(['EHRNightlyExport', 'LabSync', 'AVQuickScan', 'PACSPurge'])} (PID ${g.rng.int(300, 65000)}) on ${g.host()} exited 0x${g.rng.hex(8).toUpperCase()} at ${g.iso()}`,
  ),
  neg(
    'windows-update',
    false,
    (g) =>
      line`Windows Update on ${g.host()}: build 10.0.${g.rng.int(17763, 26100)}.${g.rng.int(1, 6000)} pending reboot since ${g.otherDate()} ${g.time()}`,
  ),
  neg(
    'vpn-session',
    false,
    (g) =>
      line`VPN session for ${g.user()} from ${g.ipv4()} lasted ${g.rng.int(2, 600)} min, ${g.rng.int(1, 9000)} MB transferred; case ${g.nonLuhn(9, 'grouped')}`,
  ),
  neg(
    'entra-sync',
    false,
    (g) =>
      line`Entra Connect sync cycle ${g.guid()} finished at ${g.iso()}: ${g.rng.int(1, 4000)} objects exported, version ${g.version()}`,
  ),
];

/** `lines` labelled lines from `seed`; the same arguments always give the same lines. */
export function generateCorpus(options: GenerateOptions): GeneratedLine[] {
  const share = options.negativeShare ?? 0.3;
  const g = new Gen(new Rng(options.seed));
  const positives = TEMPLATES.filter((tpl) => !tpl.negative);
  const negatives = TEMPLATES.filter((tpl) => tpl.negative);
  const out: GeneratedLine[] = [];
  for (let i = 0; i < options.lines; i += 1) {
    const template = g.rng.chance(share) ? g.rng.pick(negatives) : g.rng.pick(positives);
    const built = template.make(g);
    out.push({
      text: built.text,
      spans: built.spans,
      template: template.id,
      negative: template.negative,
    });
  }
  return out;
}

/** dev.jsonl format, one object per line (the extra fields dropped unless `keepMeta`). */
export function toJsonl(lines: readonly GeneratedLine[], keepMeta = false): string {
  return lines
    .map((l) =>
      JSON.stringify(
        keepMeta
          ? l
          : { text: l.text, spans: l.spans.map(({ start, end, type }) => ({ start, end, type })) },
      ),
    )
    .join('\n')
    .concat('\n');
}
