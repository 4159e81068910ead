import { PDFDocument, StandardFonts } from 'pdf-lib';
import { type Block, parseBlocks } from './blocks.js';
import { CONTENT_WIDTH, type Fonts, GREY, PAGE, Writer } from './layout.js';
import { drawTable } from './table.js';
import { toWinAnsi } from './winansi.js';

/** What the PDF's document information says. */
export interface PdfMeta {
  title: string;
  subject?: string;
  author?: string;
  /** Creation and modification date; fixed so the same input gives the same bytes. */
  createdAt: Date;
}

const BODY = 10;
const HEADING_SIZES = { 1: 18, 2: 14, 3: 11.5 } as const;

function drawBlock(w: Writer, block: Block, next: Block | undefined): void {
  const x = PAGE.margin;
  switch (block.kind) {
    case 'heading': {
      const size = HEADING_SIZES[block.level];
      w.gap(size * 0.8);
      // Keep a heading with the first lines of what follows it.
      w.ensure(size * 1.35 + (next ? BODY * 3 : 0));
      const runs = block.runs.map((r) => ({ ...r, bold: true }));
      w.text(runs, { x, width: CONTENT_WIDTH, size });
      w.gap(2);
      return;
    }
    case 'paragraph':
      for (const line of block.lines) w.text(line, { x, width: CONTENT_WIDTH, size: BODY });
      w.gap(BODY * 0.6);
      return;
    case 'bullet': {
      const indent = x + 6 + block.depth * 16;
      const marker = toWinAnsi(block.marker, w.fonts.charset);
      // Task boxes share one width so "[ ]" and "[x]" items line up.
      const box = marker.startsWith('[') ? '[x]' : marker;
      const markerWidth = w.fonts.regular.widthOfTextAtSize(box, BODY) + 5;
      w.ensure(BODY * 1.35);
      w.drawLine([{ text: marker, bold: false }], indent, BODY);
      const width = CONTENT_WIDTH - (indent - x) - markerWidth;
      w.text(block.runs, { x: indent + markerWidth, width, size: BODY });
      if (next?.kind !== 'bullet') w.gap(BODY * 0.6);
      return;
    }
    case 'table':
      drawTable(w, block.header, block.rows);
      w.gap(BODY * 0.6);
      return;
    case 'quote':
      for (const line of block.lines) {
        const top = w.y;
        const page = w.current;
        const count = w.text(line.length ? line : [{ text: ' ', bold: false }], {
          x: x + 10,
          width: CONTENT_WIDTH - 10,
          size: BODY,
          color: GREY,
        });
        if (w.current === page) w.rect(x + 2, top, 1.5, count * BODY * 1.35);
      }
      w.gap(BODY * 0.6);
      return;
    case 'rule':
      w.ensure(8);
      w.rect(x, w.y - 4, CONTENT_WIDTH, 0.5);
      w.gap(10);
      return;
  }
}

function footers(w: Writer, title: string): void {
  const total = w.pages.length;
  const font = w.fonts.regular;
  const size = 8;
  let name = toWinAnsi(title, w.fonts.charset);
  w.pages.forEach((page, index) => {
    const tail = ` — page ${index + 1} of ${total}`;
    while (
      name.length > 1 &&
      font.widthOfTextAtSize(name + tail, size) > PAGE.width - 2 * PAGE.margin
    ) {
      name = `${name.slice(0, -4)}...`;
    }
    const text = `${name}${tail}`;
    const width = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: (PAGE.width - width) / 2,
      y: PAGE.margin / 2,
      size,
      font,
      color: GREY,
    });
  });
}

/**
 * Renders the Markdown the report builders write as a US Letter PDF in Helvetica: headings,
 * wrapped paragraphs, bullets (one nested level), pipe tables as aligned columns, quotes, bold,
 * and a footer "title — page N of M" on every page. Characters the standard fonts cannot encode
 * become readable ASCII or `?`, so no text makes it throw. The same input and `meta` always give
 * the same bytes.
 */
export async function markdownToPdf(markdown: string, meta: PdfMeta): Promise<Uint8Array> {
  // Without updateMetadata pdf-lib stamps nothing of its own (no "now"): the output is ours alone.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const fonts: Fonts = { regular, bold, charset: new Set(regular.getCharacterSet()) };
  const w = new Writer(doc, fonts);
  const blocks = parseBlocks(markdown);
  blocks.forEach((block, i) => drawBlock(w, block, blocks[i + 1]));
  footers(w, meta.title);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject !== undefined) doc.setSubject(meta.subject);
  if (meta.author !== undefined) doc.setAuthor(meta.author);
  doc.setCreator('Life Cockpit Security');
  doc.setProducer('Life Cockpit Security with pdf-lib');
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  doc.setLanguage('en');
  return doc.save();
}
