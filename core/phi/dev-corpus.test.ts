import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { defaultNameLexicon } from '../../bot/src/phi/lexicon.js';
import { detectPhi } from './detect.js';
import { type PhiSpan } from './types.js';

// The labelled development corpus: a copy of the shared fixture kept with the tests.
const CORPUS = fileURLToPath(new URL('../../tests/fixtures/phi/dev.jsonl', import.meta.url));

interface Line {
  text: string;
  spans: PhiSpan[];
}

const key = (s: PhiSpan): string => `${s.start}:${s.end}:${s.type}`;

describe('the labelled development corpus', () => {
  it('is detected with entity-level recall ≥ 0.97 and precision ≥ 0.93', () => {
    const lines = readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Line);
    const lexicon = defaultNameLexicon();
    let truePositives = 0;
    let predicted = 0;
    let expected = 0;
    const misses: string[] = [];
    for (const { text, spans } of lines) {
      const gold = new Set(spans.map(key));
      const found = detectPhi(text, { lexicon });
      predicted += found.length;
      expected += spans.length;
      for (const s of found) {
        if (gold.has(key(s))) truePositives++;
        else misses.push(`extra ${s.type} "${text.slice(s.start, s.end)}"`);
      }
      const got = new Set(found.map(key));
      for (const s of spans) {
        if (!got.has(key(s))) misses.push(`missed ${s.type} "${text.slice(s.start, s.end)}"`);
      }
    }
    const precision = truePositives / Math.max(predicted, 1);
    const recall = truePositives / Math.max(expected, 1);
    // On failure, show the scores and what was missed or added.
    const report = { precision, recall, misses };
    expect(recall >= 0.97 && precision >= 0.93 ? 'ok' : report).toBe('ok');
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(precision).toBeGreaterThanOrEqual(0.93);
  });
});
