import { type Span } from '../../bench/phi/corpus.js';
import { generateCorpus } from '../../bench/phi/generator.js';
import {
  alignReplacements,
  coverage,
  RedactPiiAdapter,
  scoreSpans,
} from '../../bench/phi/metrics.js';

const span = (start: number, end: number, type: Span['type']): Span => ({ start, end, type });

describe('PHI span scoring', () => {
  it('counts a prediction strictly only when start, end and type all match', () => {
    const gold = [[span(0, 10, 'person_name'), span(20, 30, 'phone')]];
    const predicted = [[span(0, 10, 'person_name'), span(20, 29, 'phone'), span(40, 45, 'email')]];
    const { strict, overlap } = scoreSpans(gold, predicted);
    expect(strict.overall).toMatchObject({ gold: 2, predicted: 3, truePredicted: 1, foundGold: 1 });
    expect(strict.byType.phone).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(strict.byType.email).toMatchObject({ precision: 0, recall: null, f1: 0 });
    expect(overlap.byType.phone).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(overlap.overall.precision).toBeCloseTo(2 / 3);
    expect(overlap.overall.recall).toBe(1);
  });

  it('does not credit a type mismatch, even by overlap, nor a duplicate strictly', () => {
    const gold = [[span(0, 9, 'sin')]];
    const { strict, overlap } = scoreSpans(gold, [[span(0, 9, 'us_ssn')]]);
    expect(strict.overall.f1).toBe(0);
    expect(overlap.overall.f1).toBe(0);
    const dup = scoreSpans(gold, [[span(0, 9, 'sin'), span(0, 9, 'sin')]]);
    expect(dup.strict.overall).toMatchObject({ truePredicted: 1, predicted: 2, recall: 1 });
  });

  it('measures masked coverage whatever the type, and touched negatives', () => {
    const texts = ['call 416-555-0100 now', 'nothing here'];
    const gold = [[span(5, 17, 'phone')], []];
    const c = coverage(texts, gold, [[{ start: 5, end: 12 }], [{ start: 0, end: 7 }]]);
    expect(c).toMatchObject({ goldSpans: 1, fullyMasked: 0, negativeLines: 1 });
    expect(coverage(texts, gold, [[{ start: 5, end: 17 }], []]).fullyMaskedShare).toBe(1);
  });
});

describe('redact-pii adapter', () => {
  const adapter = new RedactPiiAdapter();

  it('recovers the replaced ranges and maps tokens to our types', () => {
    const text =
      'Callback number (289) 555-0171 listed for patient Tomasz Singh, mail j.doe@example.com';
    const out = adapter.adapt(text);
    expect(out.output).toBe(adapter.redact(text));
    const shown = out.spans.map((s) => [s.type, text.slice(s.start, s.end)]);
    expect(shown).toContainEqual(['phone', '(289) 555-0171']);
    expect(shown).toContainEqual(['email', 'j.doe@example.com']);
    expect(shown.some(([type]) => type === 'person_name')).toBe(true);
  });

  it('keeps untyped redactions (DIGITS, IP_ADDRESS) out of the typed spans', () => {
    const text = 'Ticket 363889330 from 203.0.113.60';
    const out = adapter.adapt(text);
    expect(out.redactions.map((r) => [r.token, text.slice(r.start, r.end)])).toEqual([
      ['DIGITS', '363889330'],
      ['IP_ADDRESS', '203.0.113.60'],
    ]);
    expect(out.spans).toEqual([]);
  });

  it('traces every generated line exactly: rebuilding from the ranges gives redact-pii output', () => {
    const before = adapter.mismatches;
    for (const line of generateCorpus({ seed: 5, lines: 400 })) {
      const out = adapter.adapt(line.text);
      let rebuilt = '';
      let pos = 0;
      for (const r of out.redactions) {
        expect(r.start).toBeGreaterThanOrEqual(pos);
        rebuilt += line.text.slice(pos, r.start) + r.token;
        pos = r.end;
      }
      rebuilt += line.text.slice(pos);
      expect(rebuilt).toBe(out.output);
    }
    expect(adapter.mismatches).toBe(before);
  });

  it('aligns a name step and refuses a replacement that is not name-like', () => {
    expect(alignReplacements('Hi Tomasz Singh, ok', 'Hi PERSON_NAME, ok', 'PERSON_NAME')).toEqual([
      [3, 15],
    ]);
    expect(alignReplacements('Hi 1234, ok', 'Hi PERSON_NAME, ok', 'PERSON_NAME')).toBeNull();
  });
});
