import { STRUCTURAL_WORDS } from './vocabulary.js';

/**
 * Name lists as a lookup. core/ takes the word lists as plain arrays (the bot builds them from a
 * package); every lookup is case- and accent-insensitive ("Zoé" = "zoe" = "ZOE").
 */
export interface NameLexicon {
  /** A known given name that is not also a common word (see `stopWords`). */
  isFirstName(word: string): boolean;
  /** A known family name that is not also a common word. */
  isLastName(word: string): boolean;
  /** In either name list, common word or not ("Frank", "Young" included). */
  isKnownName(word: string): boolean;
  /**
   * A common word or security term that is no evidence of a name on its own. Case-insensitive
   * but accent-sensitive: "Côté" is not the word "cote".
   */
  isStopWord(word: string): boolean;
  /** A known place ("San Francisco", "Hong Kong", "Nigeria"); words separated by spaces. */
  isPlace(phrase: string): boolean;
  /** All four word tests at once, as {@link WORD} bit flags (one normalisation, for speed). */
  wordFlags(word: string): number;
}

/** Bits of {@link NameLexicon.wordFlags}. */
export const WORD = {
  /** {@link NameLexicon.isFirstName} */
  first: 1,
  /** {@link NameLexicon.isLastName} */
  last: 2,
  /** {@link NameLexicon.isKnownName} */
  known: 4,
  /** {@link NameLexicon.isStopWord} */
  stop: 8,
} as const;

/** The word lists a lexicon is built from; order and duplicates do not matter. */
export interface NameLexiconInput {
  firstNames: Iterable<string>;
  lastNames: Iterable<string>;
  /**
   * Common words that also occur as names ("Mass", "Guest", "Sign"): not evidence of a name.
   * {@link STRUCTURAL_WORDS} are always added.
   */
  stopWords?: Iterable<string>;
  /** Place names (cities, countries, states): capitalised pairs that are places are not people. */
  places?: Iterable<string>;
}

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\u0020-\u007e\t\n\r]/;

/**
 * The lookup key of a word: lower case, diacritics removed (ł, ı, ø… folded too), curly
 * apostrophes made straight.
 * ASCII words skip Unicode normalisation, which keeps the detector fast.
 */
export function normaliseWord(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (c) => FOLD[c] ?? c);
}

// Letters that Unicode does not decompose into a base letter plus a mark ("Yılmaz", "Łukasz").
const FOLD: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  '\u2019': "'",
};
const UNDECOMPOSED = /[ıłøđðßæœþ\u2019]/g;

/** Stop words keep their accents: "Côté" is a name even though "cote" is an English word. */
function stopKey(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFC').toLowerCase() : word.toLowerCase();
}

const SIMPLE_PHRASE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/** A place's key: its words normalised, joined by single spaces, punctuation dropped. */
function placeKey(phrase: string): string {
  if (SIMPLE_PHRASE.test(phrase)) return phrase.toLowerCase();
  return normaliseWord(phrase)
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .join(' ');
}

function toSet(words: Iterable<string> | undefined, key = normaliseWord): Set<string> {
  const set = new Set<string>();
  if (!words) return set;
  for (const w of words) {
    const k = key(w.trim());
    if (k) set.add(k);
  }
  return set;
}

const CACHE_SIZE = 65_536;

/** Builds a {@link NameLexicon} from plain word lists. */
export function createNameLexicon(input: NameLexiconInput): NameLexicon {
  const first = toSet(input.firstNames);
  const last = toSet(input.lastNames);
  const places = toSet(input.places, placeKey);
  const stop = toSet(input.stopWords, stopKey);
  for (const w of toSet(STRUCTURAL_WORDS, stopKey)) stop.add(w);
  // Alert text repeats its capitalised words: remember recent answers (bounded, never stale —
  // the lists do not change after construction).
  const cache = new Map<string, number>();
  const wordFlags = (w: string): number => {
    const hit = cache.get(w);
    if (hit !== undefined) return hit;
    const flags = computeFlags(w);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(w, flags);
    return flags;
  };
  const computeFlags = (w: string): number => {
    const k = normaliseWord(w);
    const isStop = stop.has(stopKey(w));
    let flags = isStop ? WORD.stop : 0;
    if (first.has(k)) flags |= WORD.known | (isStop ? 0 : WORD.first);
    if (last.has(k)) flags |= WORD.known | (isStop ? 0 : WORD.last);
    return flags;
  };
  return {
    isFirstName: (w) => (wordFlags(w) & WORD.first) !== 0,
    isLastName: (w) => (wordFlags(w) & WORD.last) !== 0,
    isKnownName: (w) => first.has(normaliseWord(w)) || last.has(normaliseWord(w)),
    isStopWord: (w) => stop.has(stopKey(w)),
    isPlace: (p) => places.size > 0 && places.has(placeKey(p)),
    wordFlags,
  };
}

/** A lexicon that knows no names: detection then rests on context cues alone. */
export const EMPTY_LEXICON: NameLexicon = createNameLexicon({ firstNames: [], lastNames: [] });
