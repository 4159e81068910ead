import { allLocales, type LocaleDefinition } from '@faker-js/faker';
import { createNameLexicon, normaliseWord, type NameLexicon } from '../../../core/phi/index.js';

/**
 * The default name lexicon, built from the given and family names that @faker-js/faker ships for
 * every locale (its locale definitions only; no Faker instance, no randomness).
 *
 * - Script: only names written in Latin script (diacritics allowed) are kept — the detector reads
 *   Latin-script alert text, and faker has no romanised forms for zh_CN, ja, ko, ar, fa…
 *   (en_HK contributes romanised Cantonese surnames).
 * - Multi-part entries ("Anh Vũ", "Mary Ann") add each part of two or more letters.
 * - Stop words: a name that is also an ordinary English word is no evidence of a person on its
 *   own ("Mass Download", "Grant Access"). The English words are faker's own `en` vocabulary
 *   (word.*, hacker.*, company buzzwords, commerce, colours) plus English function words; a word
 *   stays a name anyway when it is a given or family name in at least
 *   {@link ESTABLISHED_NAME_LOCALES} locales — a frequency rule that keeps "Mark", "Rose",
 *   "Grace" or "Brown" while dropping "Tuba", "Lava" or "Cook". Security vocabulary ("Alert",
 *   "Guest", "Admin"…) is added by core/phi in every case.
 * - Places: the city, country, state and county names of every locale (Latin script), so that
 *   "San Francisco" or "Hong Kong" after "sign-in from" is not taken for a person.
 */

/** A word that names people in at least this many locales is a name first, a word second. */
export const ESTABLISHED_NAME_LOCALES = 3;

const FUNCTION_WORDS = (
  'a an the and or but nor of to in on at by for from with as is it be do so no not up we he ' +
  'me my us if go via per all any new out off into onto over than'
).split(' ');

const LATIN = /^[\p{Script=Latin}\p{M}'’. -]+$/u;
const LATIN_PLACE = /^[\p{Script=Latin}\p{M}'’., ()-]+$/u;

/** The strings of a definition entry: a list, or an object of lists ({ female, male, generic }). */
function flatten(entry: unknown): string[] {
  if (Array.isArray(entry)) return entry.filter((x): x is string => typeof x === 'string');
  if (entry && typeof entry === 'object') return Object.values(entry).flatMap(flatten);
  return [];
}

function parts(name: string): string[] {
  if (!LATIN.test(name)) return [];
  const out: string[] = [];
  for (const p of name.split(/\s+/)) {
    const clean = p.replace(/\.$/, '');
    if (clean.length >= 2 && /\p{L}/u.test(clean)) out.push(clean);
  }
  return out;
}

/** Plain name lists and stop words derived from faker's locale definitions. */
export interface DefaultNameLists {
  firstNames: string[];
  lastNames: string[];
  stopWords: string[];
  places: string[];
}

function englishWords(en: LocaleDefinition): string[] {
  const sources: unknown[] = [
    ...Object.values(en.word ?? {}),
    en.hacker?.noun,
    en.hacker?.verb,
    en.hacker?.adjective,
    en.hacker?.ingverb,
    en.company?.buzz_noun,
    en.company?.buzz_verb,
    en.company?.buzz_adjective,
    en.company?.adjective,
    en.company?.descriptor,
    en.company?.noun,
    en.commerce?.product_name?.adjective,
    en.commerce?.product_name?.material,
    en.commerce?.product_name?.product,
    en.commerce?.department,
    en.color?.human,
  ];
  const words: string[] = [];
  for (const s of sources) for (const w of flatten(s)) words.push(...w.split(/[\s-]+/));
  return words;
}

/** Collects the name lists from every faker locale (see the module comment for the rules). */
export function defaultNameLists(
  locales: Record<string, LocaleDefinition> = allLocales,
): DefaultNameLists {
  const first = new Map<string, string>();
  const last = new Map<string, string>();
  const localeCount = new Map<string, number>();
  const places = new Set<string>();
  for (const def of Object.values(locales)) {
    const loc = def.location;
    if (loc) {
      for (const entry of [loc.city_name, loc.country, loc.state, loc.county]) {
        for (const p of flatten(entry)) if (LATIN_PLACE.test(p)) places.add(p);
      }
    }
    const person = def.person;
    if (!person) continue;
    const seen = new Set<string>();
    for (const [lists, target] of [
      [person.first_name, first],
      [person.last_name, last],
    ] as const) {
      for (const raw of flatten(lists)) {
        for (const p of parts(raw)) {
          const key = normaliseWord(p);
          if (!target.has(key)) target.set(key, p);
          seen.add(key);
        }
      }
    }
    for (const key of seen) localeCount.set(key, (localeCount.get(key) ?? 0) + 1);
  }
  const stop = new Set<string>(FUNCTION_WORDS);
  for (const w of englishWords(locales.en ?? allLocales.en)) {
    const key = normaliseWord(w);
    if (key.length < 2 || !/^[a-z']+$/.test(key)) continue;
    if ((localeCount.get(key) ?? 0) >= ESTABLISHED_NAME_LOCALES) continue;
    stop.add(key);
  }
  return {
    firstNames: [...first.values()],
    lastNames: [...last.values()],
    stopWords: [...stop],
    places: [...places],
  };
}

let cached: NameLexicon | undefined;

/** The default lexicon (built once: about 14 500 given names, 14 000 family names, 16 000 places). */
export function defaultNameLexicon(): NameLexicon {
  cached ??= createNameLexicon(defaultNameLists());
  return cached;
}
