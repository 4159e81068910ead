/**
 * The detector under test: core/phi's `detectPhi` / `maskPhi` with the bot's default name lexicon
 * (built from @faker-js/faker's locale definitions), exactly as production would call them.
 */
import { defaultNameLexicon } from '../../bot/src/phi/lexicon.js';
import { detectPhi, maskPhi, type DetectOptions, type PhiSpan } from '../../core/phi/index.js';

const options: DetectOptions = { lexicon: defaultNameLexicon() };

export const subject = {
  detect: (text: string): PhiSpan[] => detectPhi(text, options),
  /** The detect + mask path. */
  mask: (text: string): string => maskPhi(text, detectPhi(text, options)),
  /** True when the lexicon lists `word` as a given or family name (stop word or not). */
  knowsName: (word: string): boolean => options.lexicon.isKnownName(word),
};
