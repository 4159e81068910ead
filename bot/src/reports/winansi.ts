/**
 * The standard 14 fonts only encode WinAnsi (Latin-1 plus a few typographic marks), and pdf-lib
 * throws on anything else. Reports carry user text (names, notes, pasted logs), so every string
 * is mapped first: common symbols to readable ASCII, everything else the font lacks to `?`.
 */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '⇐': '<=',
  '↑': '^',
  '↓': 'v',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '-',
  '′': "'",
  '″': '"',
  '‹': '<',
  '›': '>',
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '✘': 'x',
  '☐': '[ ]',
  '☑': '[x]',
  '☒': '[x]',
  '●': '*',
  '◦': 'o',
  '▪': '*',
  '∙': '*',
  '⋅': '*',
  '…': '...',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\t': '    ',
};

// Invisible characters that would otherwise each print as `?`.
// (An alternation, not a class: variation selectors are combining marks.)
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]|\ufe0e|\ufe0f/g;

/**
 * `text` with only characters in `supported` (Unicode code points the font encodes): known
 * symbols spelled in ASCII, line breaks and other controls as spaces, the rest as `?` (one per
 * code point, so an emoji is one `?`).
 */
export function toWinAnsi(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(INVISIBLE, '')) {
    const code = char.codePointAt(0) as number;
    if (supported.has(code) && code >= 0x20 && code !== 0x7f) out += char;
    else if (SUBSTITUTES[char] !== undefined) out += SUBSTITUTES[char];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += '?';
  }
  return out;
}
