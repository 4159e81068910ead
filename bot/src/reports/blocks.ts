/**
 * The Markdown the report builders write, as blocks to lay out: headings, paragraphs (with hard
 * breaks), bullets one level deep, pipe tables, quotes and rules. Not a general Markdown parser:
 * anything else is kept as paragraph text, so nothing is lost.
 */

/** A piece of text in one font. */
export interface Run {
  text: string;
  bold: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; lines: Run[][] }
  | { kind: 'bullet'; depth: 0 | 1; marker: string; runs: Run[] }
  | { kind: 'table'; header: Run[][]; rows: Run[][][] }
  | { kind: 'quote'; lines: Run[][] }
  | { kind: 'rule' };

const ESCAPABLE = /[!-/:-@[-`{-~]/;

/**
 * Inline Markdown to runs: `**bold**` switches the font, backslash escapes give their character,
 * code backticks are dropped, `<https://…>` autolinks and `[text](url)` links become text.
 */
export function inline(source: string): Run[] {
  const text = source
    .replace(/(?<!\\)<(https?:\/\/[^\s<>]+)>/g, '$1')
    .replace(/(?<!\\)\[([^\]\\]*)\]\((https?:\/\/[^\s)]+)\)/g, '$1 ($2)');
  const runs: Run[] = [];
  let bold = false;
  let current = '';
  const flush = () => {
    if (current !== '') runs.push({ text: current, bold });
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1] ?? '';
    if (c === '\\' && ESCAPABLE.test(next)) {
      current += next;
      i++;
    } else if (c === '*' && next === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (c !== '`') current += c;
  }
  flush();
  return runs;
}

const cells = (line: string): string[] => {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
};

const isTableLine = (line: string): boolean => line.trim().startsWith('|');
const isDelimiter = (line: string): boolean =>
  /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
const BULLET = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;

function table(lines: string[]): Block {
  const [head = '', ...rest] = lines;
  const body = rest.filter((line) => !isDelimiter(line));
  return {
    kind: 'table',
    header: cells(head).map(inline),
    rows: body.map((l) => cells(l).map(inline)),
  };
}

/** Splits a document into blocks. */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    if (line.trim() === '') i++;
    else if (heading) {
      const level = Math.min(3, (heading[1] as string).length) as 1 | 2 | 3;
      blocks.push({
        kind: 'heading',
        level,
        runs: inline((heading[2] as string).replace(/\s+#+\s*$/, '')),
      });
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
    } else if (isTableLine(line) && isDelimiter(lines[i + 1] ?? '')) {
      const start = i;
      while (i < lines.length && isTableLine(lines[i] as string)) i++;
      blocks.push(table(lines.slice(start, i)));
    } else if (line.trimStart().startsWith('>')) {
      const quoted: Run[][] = [];
      while (i < lines.length && (lines[i] as string).trimStart().startsWith('>')) {
        quoted.push(inline((lines[i] as string).trimStart().replace(/^>\s?/, '')));
        i++;
      }
      blocks.push({ kind: 'quote', lines: quoted });
    } else if (bullet) {
      const depth = (bullet[1] as string).replace(/\t/g, '    ').length >= 2 ? 1 : 0;
      const ordered = /\d/.test(bullet[2] as string);
      // A GFM task item shows its box instead of a bullet.
      const task = /^\[([ xX])\]\s+(.*)$/.exec(bullet[3] as string);
      const marker = task
        ? `[${task[1] === ' ' ? ' ' : 'x'}]`
        : ordered
          ? (bullet[2] as string)
          : '•';
      const body = task ? (task[2] as string) : (bullet[3] as string);
      blocks.push({ kind: 'bullet', depth, marker, runs: inline(body) });
      i++;
    } else {
      const para: Run[][] = [];
      let joined = '';
      for (let first = true; i < lines.length; first = false) {
        const l = lines[i] as string;
        if (
          !first &&
          (l.trim() === '' ||
            HEADING.test(l) ||
            BULLET.test(l) ||
            l.trimStart().startsWith('>') ||
            isTableLine(l))
        )
          break;
        // Two trailing spaces or a backslash end a line where the source breaks it.
        const hard = / {2,}$/.test(l) || /(?<!\\)\\$/.test(l);
        joined += (joined === '' ? '' : ' ') + l.trim().replace(/\\$/, '');
        if (hard) {
          para.push(inline(joined));
          joined = '';
        }
        i++;
      }
      if (joined !== '') para.push(inline(joined));
      blocks.push({ kind: 'paragraph', lines: para });
    }
  }
  return blocks;
}
