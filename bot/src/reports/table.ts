import { type Run } from './blocks.js';
import { BLACK, CONTENT_WIDTH, GREY, PAGE, wrap, type Line, type Writer } from './layout.js';

const SIZE = 8.5;
const LEADING = SIZE * 1.3;
const PAD = 4;

const plain = (cell: readonly Run[]): string => cell.map((r) => r.text).join('');

/**
 * Column widths: each column gets what its widest cell needs when everything fits; otherwise
 * each starts at an equal share (or less, if it needs less) and the room left goes to the
 * columns that want more, in proportion to what they lack.
 */
function widths(
  header: readonly (readonly Run[])[],
  rows: readonly (readonly Run[])[][],
  w: Writer,
): number[] {
  const measure = (cell: readonly Run[], bold: boolean): number =>
    wrap(cell, Infinity, SIZE, w.fonts).reduce((max, line) => {
      const width = line.reduce(
        (sum, p) =>
          sum + (bold || p.bold ? w.fonts.bold : w.fonts.regular).widthOfTextAtSize(p.text, SIZE),
        0,
      );
      return Math.max(max, width);
    }, 0);
  const n = Math.max(header.length, ...rows.map((row) => row.length));
  // +1: a cell exactly as wide as its text must not wrap on a rounding error.
  const natural = Array.from(
    { length: n },
    (_, c) =>
      Math.max(
        12,
        measure(header[c] ?? [], true),
        ...rows.map((row) => measure(row[c] ?? [], false)),
      ) +
      2 * PAD +
      1,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= CONTENT_WIDTH) return natural;
  const share = CONTENT_WIDTH / n;
  const start = natural.map((x) => Math.min(x, share));
  const left = CONTENT_WIDTH - start.reduce((a, b) => a + b, 0);
  const lack = natural.map((x, i) => x - (start[i] as number));
  const lacking = lack.reduce((a, b) => a + b, 0);
  return start.map((x, i) => x + (lacking > 0 ? (left * (lack[i] as number)) / lacking : 0));
}

function drawRow(w: Writer, row: readonly (readonly Run[])[], cols: number[], bold: boolean): void {
  const wrapped: Line[][] = cols.map((width, c) => {
    const cell = (row[c] ?? []).map((r) => ({ ...r, bold: bold || r.bold }));
    return wrap(cell, Math.max(1, width - 2 * PAD), SIZE, w.fonts);
  });
  const height = Math.max(...wrapped.map((lines) => lines.length));
  // Line by line, so a row taller than a page simply continues on the next.
  for (let i = 0; i < height; i++) {
    w.ensure(LEADING);
    let x = PAGE.margin;
    cols.forEach((width, c) => {
      const line = wrapped[c]?.[i];
      if (line) w.drawLine(line, x + PAD, SIZE, BLACK);
      x += width;
    });
    w.y -= LEADING;
  }
  w.y -= 2;
  w.rect(
    PAGE.margin,
    w.y + 1,
    cols.reduce((a, b) => a + b, 0),
    bold ? 0.8 : 0.3,
    GREY,
  );
  w.y -= 2;
}

/** A pipe table as aligned, wrapped columns with a bold header row. */
export function drawTable(w: Writer, header: Run[][], rows: Run[][][]): void {
  const isFacts = header.length === 2 && plain(header[0] ?? []) === 'Item';
  const cols = widths(isFacts ? [] : header, rows, w);
  w.ensure(LEADING * 2 + 6);
  // A two-column facts table reads fine without its generic "Item | Value" header.
  if (!isFacts) drawRow(w, header, cols, true);
  for (const row of rows) drawRow(w, row, cols, false);
}
