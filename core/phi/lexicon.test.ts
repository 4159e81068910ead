import { describe, expect, it } from '@jest/globals';
import { createNameLexicon, normaliseWord } from './lexicon.js';
import { defaultNameLexicon, defaultNameLists } from '../../bot/src/phi/lexicon.js';

describe('normaliseWord', () => {
  it('folds case, accents and curly apostrophes', () => {
    expect(normaliseWord('Zoé')).toBe('zoe');
    expect(normaliseWord('ÉLODIE')).toBe('elodie');
    expect(normaliseWord('O’Brien')).toBe("o'brien");
    expect(normaliseWord('Łukasz Yılmaz')).toBe('lukasz yilmaz');
    expect(normaliseWord('Smith')).toBe('smith');
  });
});

describe('createNameLexicon', () => {
  const lexicon = createNameLexicon({
    firstNames: ['Zoé', 'Mass', 'Grace'],
    lastNames: ['Côté', 'Young'],
    stopWords: ['young', 'cote'],
    places: ['Santa Clara', 'São Paulo'],
  });

  it('looks names up without regard to case or accents', () => {
    expect(lexicon.isFirstName('ZOE')).toBe(true);
    expect(lexicon.isFirstName('zoé')).toBe(true);
  });

  it('never counts a stop word as a name, but still knows it is one', () => {
    expect(lexicon.isLastName('Young')).toBe(false);
    expect(lexicon.isKnownName('Young')).toBe(true);
  });

  it('always treats the security vocabulary as stop words', () => {
    expect(lexicon.isStopWord('Mass')).toBe(true);
    expect(lexicon.isFirstName('Mass')).toBe(false);
  });

  it('keeps accents for stop words: "Côté" is not the word "cote"', () => {
    expect(lexicon.isStopWord('cote')).toBe(true);
    expect(lexicon.isStopWord('Côté')).toBe(false);
    expect(lexicon.isLastName('Côté')).toBe(true);
  });

  it('recognises places as whole phrases', () => {
    expect(lexicon.isPlace('santa clara')).toBe(true);
    expect(lexicon.isPlace('Sao Paulo')).toBe(true);
    expect(lexicon.isPlace('Santa')).toBe(false);
  });
});

describe('the default lexicon built from faker', () => {
  const lists = defaultNameLists();
  const lexicon = defaultNameLexicon();

  it('holds many names from many locales, Latin script only', () => {
    expect(lists.firstNames.length).toBeGreaterThan(10_000);
    expect(lists.lastNames.length).toBeGreaterThan(10_000);
    for (const name of [...lists.firstNames, ...lists.lastNames]) {
      expect(name).toMatch(/^[\p{Script=Latin}\p{M}'’.-]+$/u);
    }
  });

  it('has no duplicates', () => {
    expect(new Set(lists.firstNames.map(normaliseWord)).size).toBe(lists.firstNames.length);
  });

  it('knows given and family names of several origins', () => {
    for (const first of ['Olivia', 'Aarav', 'Chinedu', 'Zofia', 'Mehmet', 'Thiago', 'Ngoc']) {
      expect(lexicon.isFirstName(first)).toBe(true);
    }
    for (const last of ['Dubois', 'Nowak', 'Patel', 'Okonkwo', 'Rossi', 'Yılmaz', 'Tran']) {
      expect(lexicon.isLastName(last)).toBe(true);
    }
  });

  it('excludes security vocabulary and rare names that are ordinary words', () => {
    for (const word of ['Mass', 'Guest', 'Admin', 'Alert', 'Sign', 'Log']) {
      expect(lexicon.isFirstName(word) || lexicon.isLastName(word)).toBe(false);
    }
  });

  it('keeps established names that are also words (a name in 3+ locales)', () => {
    expect(lexicon.isFirstName('Mark')).toBe(true);
    expect(lexicon.isFirstName('Grace')).toBe(true);
  });

  it('knows places', () => {
    expect(lexicon.isPlace('San Francisco')).toBe(true);
    expect(lexicon.isPlace('Hong Kong')).toBe(true);
  });
});
