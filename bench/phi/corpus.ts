import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PHI_TYPES, type PhiType } from '../../core/phi/index.js';

/** The entity types of the dev corpus are core/phi's. */
export { PHI_TYPES, type PhiType };

/** A labelled range: JavaScript string indices, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
  type: PhiType;
}

/** One line of the dev.jsonl format. */
export interface LabelledLine {
  text: string;
  spans: Span[];
}

export function isPhiType(value: string): value is PhiType {
  return (PHI_TYPES as readonly string[]).includes(value);
}

/** The repository root, found from `bench/phi/*.ts` or `dist/bench/bench/phi/*.js`. */
export function repoRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const marker = `${path.sep}dist${path.sep}`;
  return here.includes(marker) ? (here.split(marker)[0] as string) : path.resolve(here, '..', '..');
}

/** The dev corpus (a copy of the shared fixture kept in tests/fixtures), or `BENCH_PHI_DEV`. */
export function devCorpusPath(): string {
  return (
    process.env.BENCH_PHI_DEV ?? path.resolve(repoRoot(), 'tests', 'fixtures', 'phi', 'dev.jsonl')
  );
}

/** Reads a dev.jsonl-format file, checking every span against its line. */
export function readCorpus(file: string): LabelledLine[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: LabelledLine[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const parsed = JSON.parse(raw) as LabelledLine;
    for (const span of parsed.spans) {
      const ok =
        isPhiType(span.type) &&
        Number.isInteger(span.start) &&
        Number.isInteger(span.end) &&
        span.start >= 0 &&
        span.start < span.end &&
        span.end <= parsed.text.length;
      if (!ok) throw new Error(`${file}:${index + 1}: bad span ${JSON.stringify(span)}`);
    }
    out.push({ text: parsed.text, spans: parsed.spans });
  });
  return out;
}
