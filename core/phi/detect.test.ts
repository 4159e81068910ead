import { describe, expect, it } from '@jest/globals';
import { createPhiDetector, detectPhi } from './detect.js';
import { EMPTY_LEXICON } from './lexicon.js';

const options = { lexicon: EMPTY_LEXICON };

describe('detectPhi', () => {
  const text =
    'Patient Tavish Brightwater, DOB 1947-12-02, HCN 9876 543 217 AB, SIN 130692544, ' +
    'phone (905) 555-0142, tb@clinic.example, 918 Cedar Drive, Barrie, ON L4N 2K5';

  it('returns sorted, non-overlapping spans of the nine types', () => {
    const spans = detectPhi(text, options);
    expect(spans.map((s) => s.type)).toEqual([
      'person_name',
      'date_of_birth',
      'ontario_health_card',
      'sin',
      'phone',
      'email',
      'postal_address',
    ]);
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
  });

  it('lets the longest, most specific detection win: an address is not a name', () => {
    const spans = detectPhi('patient moved to 64 Red River Rd, Thunder Bay, ON P7B 1A3', options);
    expect(spans).toEqual([{ start: 17, end: 57, type: 'postal_address' }]);
  });

  it('gives the same answer through a compiled detector', () => {
    expect(createPhiDetector(options)(text)).toEqual(detectPhi(text, options));
  });

  it('handles empty and PHI-free text', () => {
    expect(detectPhi('', options)).toEqual([]);
    expect(detectPhi('all quiet on EHR-SRV01', options)).toEqual([]);
  });

  it('uses JavaScript string indices (UTF-16 code units), end exclusive', () => {
    const t = '🔒 Patient Zoé Brightwater — SIN 130692544';
    const spans = detectPhi(t, options);
    expect(spans.map((s) => t.slice(s.start, s.end))).toEqual(['Zoé Brightwater', '130692544']);
  });

  it('stays linear on adversarial input (no catastrophic regex backtracking)', () => {
    // Each of these would take minutes with an exponentially backtracking pattern.
    const inputs = [
      '1 Main Street, ' + 'Aa-'.repeat(60) + 'x',
      '1 rue ' + 'Aa-'.repeat(60) + 'x',
      'patient ' + 'Aa-'.repeat(60) + 'Bb',
      'DOB '.repeat(2000) + '1',
      '1 '.repeat(20000),
      '1 Main Street, Aa Aa Aa Aa Aa '.repeat(2000),
    ];
    for (const input of inputs) expect(Array.isArray(detectPhi(input, options))).toBe(true);
  });
});
