/**
 * Markdown building blocks. Every piece of text a person typed (notes, titles, reasons, names)
 * goes through `escapeText` so it reads as text: a note cannot open a heading, a list, a link,
 * an image, raw HTML or a table cell of its own.
 */

// Characters that start emphasis, code, links, HTML, entities, tables or strikethrough anywhere.
const INLINE = /[\\`*_[\]<>|~&]/g;
// Markers that only mean something at the start of a line: headings, quotes, lists, setext rules.
const LINE_START = /^([#>+=-])/;
const ORDERED = /^(\d+)([.)])/;

/**
 * `text` as one line of literal Markdown text: whitespace (newlines too) collapsed, special
 * characters backslash-escaped, bare URLs (`https://`, `www.`) broken so GFM does not autolink them.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(INLINE, (c) => `\\${c}`)
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(LINE_START, '\\$1')
    .replace(ORDERED, '$1\\$2');
}

/** Multi-line text as a block quote, each line escaped; blank lines kept as paragraph breaks. */
export function quote(text: string): string {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${escapeText(line)}`));
  return lines.join('\n');
}

/** A pipe table; cells must already be escaped (`escapeText`) or be our own text. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A two-column table of labels (our text) and values (escaped already). */
export function facts(rows: readonly (readonly [string, string])[]): string {
  return table(['Item', 'Value'], rows);
}

/** Joins blocks with one blank line between them, dropping empty ones. */
export function blocks(...parts: readonly (string | null | undefined | false)[]): string {
  return `${parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n')}\n`;
}

/** `yes` / `no`. */
export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
