import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { escapeText, quote, table } from './markdown.js';

/** Characters that would change the Markdown's structure if they were left bare. */
const UNSAFE = /(?<!\\)[*_[\]<>|`~&]/;

describe('escapeText', () => {
  it('keeps a note from opening a heading, a link, HTML or a table cell', () => {
    const text = escapeText('# Owned\n[click](https://evil.example) <img src=x> a | b');
    expect(text).toBe('\\# Owned \\[click\\](https:\\/\\/evil.example) \\<img src=x\\> a \\| b');
    expect(text).not.toMatch(UNSAFE);
  });

  it.each([
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['> quote', '\\> quote'],
    ['1. first', '1\\. first'],
    ['12) twelfth', '12\\) twelfth'],
    ['=====', '\\====='],
    ['visit www.evil.example', 'visit www\\.evil.example'],
    ['**bold** _it_ ~~s~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\`'],
    ['&amp; C:\\path', '\\&amp; C:\\\\path'],
  ])('%j → %j', (input, output) => {
    expect(escapeText(input)).toBe(output);
  });

  it('gives one line with no bare structural character for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (input) => {
        const text = escapeText(input);
        expect(text).not.toMatch(/\n/);
        expect(text).not.toMatch(UNSAFE);
        expect(text).not.toMatch(/^[#>+=-]|^\d+[.)]/);
      }),
    );
  });
});

describe('quote and table', () => {
  it('quotes every line of a multi-line note, escaped', () => {
    expect(quote('first\n\n## second')).toBe('> first\n>\n> \\## second');
  });

  it('builds a pipe table', () => {
    expect(table(['A', 'B'], [['1', '2']])).toBe('| A | B |\n| --- | --- |\n| 1 | 2 |');
  });
});
