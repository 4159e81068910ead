import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DOCUMENTATION_RETENTION, retainUntil } from './retention.js';
import { addUtcYears, parseInstant } from './time.js';

describe('retainUntil', () => {
  it('keeps documentation 6 years after closing (HIPAA 164.316(b)(2))', () => {
    expect(DOCUMENTATION_RETENTION).toEqual({ years: 6, basis: 'HIPAA 45 CFR 164.316(b)(2)(i)' });
    expect(retainUntil('2026-04-02T17:45:00Z')).toBe('2032-04-02T17:45:00.000Z');
    expect(retainUntil('2026-04-02T13:45:00-04:00')).toBe('2032-04-02T17:45:00.000Z');
  });

  it('never comes out a day short: a record closed on 29 Feb is kept until 1 Mar', () => {
    expect(retainUntil('2028-02-29T08:00:00Z')).toBe('2034-03-01T08:00:00.000Z');
    expect(retainUntil('2024-02-29T08:00:00Z')).toBe('2030-03-01T08:00:00.000Z');
  });

  it('refuses a time it cannot read', () => {
    expect(() => retainUntil('last Tuesday')).toThrow(RangeError);
  });

  it('is at least 6 × 365 days and at most 6 × 366 days later', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }), (t) => {
        const until = Date.parse(retainUntil(new Date(t).toISOString()));
        expect(until - t).toBeGreaterThanOrEqual(6 * 365 * 86_400_000);
        expect(until - t).toBeLessThanOrEqual(6 * 366 * 86_400_000);
        expect(addUtcYears(t, 6)).toBe(until);
      }),
    );
  });
});

describe('parseInstant', () => {
  it('reads ISO-8601 with a zone, to the millisecond', () => {
    expect(parseInstant('2026-03-14T09:30:00-04:00')).toBe(Date.UTC(2026, 2, 14, 13, 30));
    expect(parseInstant('2026-03-14T13:30Z')).toBe(Date.UTC(2026, 2, 14, 13, 30));
    expect(parseInstant('2026-03-14T13:30:00.1234567+0000')).toBe(
      Date.UTC(2026, 2, 14, 13, 30, 0, 123),
    );
    expect(parseInstant('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
  });

  it('refuses what Date.parse would roll over or guess', () => {
    for (const text of [
      '2026-03-14T09:30:00',
      '2026-03-14',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-14T24:00:00Z',
      '2026-03-14T12:60:00Z',
      '2026-03-14T12:00:00+15:00',
      '0026-03-14T12:00:00Z',
      'March 14 2026',
    ]) {
      expect([text, parseInstant(text)]).toEqual([text, null]);
    }
  });
});
