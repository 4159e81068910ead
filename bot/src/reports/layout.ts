import { type PDFDocument, type PDFFont, type PDFPage, PageSizes, rgb } from 'pdf-lib';
import { type Run } from './blocks.js';
import { toWinAnsi } from './winansi.js';

/** US Letter, 0.75 in margins, room for the footer. */
export const PAGE = {
  width: PageSizes.Letter[0],
  height: PageSizes.Letter[1],
  margin: 54,
  footer: 36,
};
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.4, 0.4, 0.4);

/** The two fonts and the code points they can encode (the same for Helvetica and its bold). */
export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  charset: ReadonlySet<number>;
}

/** A stretch of one line in one font, already mapped to WinAnsi. */
export interface Piece {
  text: string;
  bold: boolean;
}
export type Line = Piece[];

interface Token {
  text: string;
  bold: boolean;
  space: boolean;
}

function tokens(runs: readonly Run[], fonts: Fonts): Token[] {
  const out: Token[] = [];
  for (const run of runs) {
    for (const part of toWinAnsi(run.text, fonts.charset).split(/( +)/)) {
      if (part !== '') out.push({ text: part, bold: run.bold, space: part.trim() === '' });
    }
  }
  return out;
}

/** Appends text to a line, merging with the last piece when the font is the same. */
function push(line: Line, text: string, bold: boolean): void {
  const last = line.at(-1);
  if (last && last.bold === bold) last.text += text;
  else line.push({ text, bold });
}

/**
 * Greedy word wrap to `width` points at `size`. A word longer than a line is cut where it
 * overflows (a pasted URL or hash must not run off the page).
 */
export function wrap(runs: readonly Run[], width: number, size: number, fonts: Fonts): Line[] {
  const measure = (text: string, bold: boolean) =>
    (bold ? fonts.bold : fonts.regular).widthOfTextAtSize(text, size);
  const lines: Line[] = [];
  let line: Line = [];
  let used = 0;
  let pending: Token | null = null;
  const breakLine = () => {
    lines.push(line);
    line = [];
    used = 0;
    pending = null;
  };
  for (const token of tokens(runs, fonts)) {
    if (token.space) {
      if (line.length > 0) pending = token;
      continue;
    }
    const gap: number = pending ? measure(pending.text, pending.bold) : 0;
    const w = measure(token.text, token.bold);
    if (used + gap + w <= width) {
      if (pending) push(line, pending.text, pending.bold);
      push(line, token.text, token.bold);
      used += gap + w;
      pending = null;
      continue;
    }
    if (line.length > 0) breakLine();
    let rest = token.text;
    while (measure(rest, token.bold) > width && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && measure(rest.slice(0, n), token.bold) > width) n--;
      push(line, rest.slice(0, n), token.bold);
      breakLine();
      rest = rest.slice(n);
    }
    push(line, rest, token.bold);
    used = measure(rest, token.bold);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Lays lines top to bottom, opening a page when the next one would not fit. */
export class Writer {
  readonly pages: PDFPage[] = [];
  private page: PDFPage;
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.page = this.newPage();
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
    return this.page;
  }

  /** Whether `height` more points fit above the footer on this page. */
  fits(height: number): boolean {
    return this.y - height >= PAGE.margin + PAGE.footer - 18;
  }

  /** Moves to a new page unless `height` fits (never leaves a fresh page for nothing). */
  ensure(height: number): void {
    if (!this.fits(height) && this.y < PAGE.height - PAGE.margin) this.newPage();
  }

  /** Vertical space; dropped at the top of a page. */
  gap(points: number): void {
    if (this.y < PAGE.height - PAGE.margin) this.y -= points;
  }

  /** Draws one line with its baseline `size` below the cursor, at `x`. */
  drawLine(line: Line, x: number, size: number, color = BLACK): void {
    let at = x;
    for (const piece of line) {
      const font = piece.bold ? this.fonts.bold : this.fonts.regular;
      this.page.drawText(piece.text, { x: at, y: this.y - size, size, font, color });
      at += font.widthOfTextAtSize(piece.text, size);
    }
  }

  /** Wrapped text at `x`, `width` wide; returns the lines drawn. */
  text(
    runs: readonly Run[],
    opts: { x: number; width: number; size: number; color?: typeof BLACK },
  ): number {
    const leading = opts.size * 1.35;
    const lines = wrap(runs, opts.width, opts.size, this.fonts);
    for (const line of lines) {
      this.ensure(leading);
      this.drawLine(line, opts.x, opts.size, opts.color);
      this.y -= leading;
    }
    return lines.length;
  }

  rect(x: number, yTop: number, width: number, height: number, color = GREY): void {
    this.page.drawRectangle({ x, y: yTop - height, width, height, color });
  }

  get current(): PDFPage {
    return this.page;
  }
}
