import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

// WinAnsi bytes 0x80–0x9F that differ from Latin-1; the rest of the byte range is Latin-1.
const WIN_ANSI: Readonly<Record<number, string>> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x99: '™',
};

const decodeHex = (hex: string): string =>
  (hex.match(/../g) ?? [])
    .map((h) => {
      const byte = parseInt(h, 16);
      return WIN_ANSI[byte] ?? String.fromCharCode(byte);
    })
    .join('');

/**
 * The text each page shows, in drawing order, one string per `Tj` (pdf-lib writes each as a
 * hex string): the page's content streams inflated and their hex strings decoded as WinAnsi.
 * For tests and checks; a simple reader of what `markdownToPdf` writes, not of any PDF.
 */
export async function pageTexts(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((page) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs =
      contents && 'asArray' in contents
        ? (contents as unknown as { asArray(): unknown[] }).asArray()
        : [contents];
    const texts: string[] = [];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref as Parameters<typeof doc.context.lookup>[0]);
      if (!(stream instanceof PDFRawStream)) continue;
      const filter = stream.dict.get(PDFName.of('Filter'));
      const raw = Buffer.from(stream.contents);
      const content = (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString(
        'latin1',
      );
      for (const match of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
        texts.push(decodeHex(match[1] as string));
    }
    return texts;
  });
}
