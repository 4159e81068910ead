import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import {
  breachReport,
  escapeText,
  notificationLetter,
  postIncidentReport,
} from '../../../core/reports/index.js';
import { breachIncident } from '../../../core/reports/test-records.js';
import { markdownToPdf } from './pdf.js';
import { pageTexts } from './pdf-text.js';

const meta = {
  title: 'Breach report: incident #42',
  subject: 'Breach report',
  author: 'Maple Family Health',
  createdAt: new Date('2026-03-08T20:00:00Z'),
};

const SAMPLE = [
  '# Heading one',
  '',
  'A paragraph with **bold words** and an escaped \\*star\\* and `code`.',
  '',
  '## Heading two',
  '',
  '- first bullet',
  '  - nested bullet',
  '- [x] a done task',
  '',
  '| Rule | Due |',
  '| --- | --- |',
  '| PHIPA s.12(2) | 2026-03-05T18:00:00.000Z |',
  '',
  '> quoted line',
].join('\n');

describe('markdownToPdf', () => {
  it('writes a PDF that loads back, with the metadata given', async () => {
    const bytes = await markdownToPdf(SAMPLE, meta);
    expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe(meta.title);
    expect(doc.getSubject()).toBe('Breach report');
    expect(doc.getAuthor()).toBe('Maple Family Health');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-08T20:00:00.000Z');
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('shows the text, without Markdown markers, bold as its own run', async () => {
    const [page] = await pageTexts(await markdownToPdf(SAMPLE, meta));
    expect(page).toEqual(
      expect.arrayContaining([
        'Heading one',
        'A paragraph with ',
        'bold words',
        ' and an escaped *star* and code.',
        'first bullet',
        'nested bullet',
        '[x]',
        'a done task',
        'Rule',
        'PHIPA s.12(2)',
        '2026-03-05T18:00:00.000Z',
        'quoted line',
        'Breach report: incident #42 — page 1 of 1',
      ]),
    );
    expect(page?.join('\n')).not.toMatch(/\*\*|^#|\|/m);
  });

  it('breaks a long document into pages, each with the footer', async () => {
    const long = Array.from(
      { length: 150 },
      (_, i) => `Paragraph ${i + 1}: ${'words '.repeat(30)}`,
    ).join('\n\n');
    const pages = await pageTexts(await markdownToPdf(long, meta));
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((texts, i) => {
      expect(texts).toContain(`Breach report: incident #42 — page ${i + 1} of ${pages.length}`);
    });
    const all = pages.flat().join('\n');
    expect(all).toContain('Paragraph 1: ');
    expect(all).toContain('Paragraph 150: ');
  });

  it('never throws on characters the standard fonts lack, and maps the common ones', async () => {
    const exotic = '# Résumé → ≥ ≤ – — ’ “ ” • ✓ 😀 漢字 🇨🇦 \u0000\u0007 \u200b end';
    const pages = await pageTexts(
      await markdownToPdf(exotic, { ...meta, title: 'Titre → 漢字 😀' }),
    );
    const text = pages.flat().join('\n');
    expect(text).toContain('Résumé -> >= <= – — ’ “ ” • v ? ?? ?? ');
    expect(text).toContain('Titre -> ?? ? — page 1 of 1');
  });

  it('renders any text at all, Markdown or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          // Markdown's structural characters, densely, to shake the block parser.
          fc.string({
            unit: fc.constantFrom(
              '|',
              '#',
              '*',
              '\\',
              '\n',
              '-',
              ' ',
              'a',
              '>',
              '[',
              ']',
              '`',
              '1',
              '.',
              '  \n',
            ),
            maxLength: 300,
          }),
        ),
        fc.string({ unit: 'binary', maxLength: 40 }),
        async (body, title) => {
          const bytes = await markdownToPdf(body, { title, createdAt: meta.createdAt });
          expect((await pageTexts(bytes)).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('prints escaped user text exactly as typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 50 }),
        async (typed) => {
          const expected = typed.replace(/\s+/g, ' ').trim();
          fc.pre(expected !== '');
          const [page] = await pageTexts(await markdownToPdf(escapeText(typed), meta));
          expect(page).toContain(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('wraps long words and tables wider than the page without losing text', async () => {
    const url = `https://example.org/${'a'.repeat(300)}`;
    const table = `| ${Array.from({ length: 8 }, (_, i) => `Column ${i}`).join(' | ')} |\n|${' --- |'.repeat(8)}\n| ${Array.from({ length: 8 }, () => 'value '.repeat(12)).join(' | ')} |`;
    const pages = await pageTexts(await markdownToPdf(`${url}\n\n${table}`, meta));
    expect(pages.flat().join('')).toContain('a'.repeat(300));
  });

  it('gives the same bytes for the same input and metadata', async () => {
    const a = await markdownToPdf(SAMPLE, meta);
    const b = await markdownToPdf(SAMPLE, meta);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('renders the real reports and letters', async () => {
    const record = breachIncident();
    for (const markdown of [
      breachReport(record),
      postIncidentReport(record),
      notificationLetter(record, 'phipa-individual').markdown,
    ]) {
      const pages = await pageTexts(await markdownToPdf(markdown, meta));
      expect(pages.length).toBeGreaterThan(0);
    }
    const report = (await pageTexts(await markdownToPdf(breachReport(record), meta))).flat();
    expect(report).toContain('Breach report: incident #42');
    expect(report).toContain('Notification log');
    expect(report.join('\n')).toContain('# Injected heading');
  });
});
