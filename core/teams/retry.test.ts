import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_ATTEMPTS, NETWORK_ERROR, retryDecision } from './retry.js';

const half = () => 0.5;

describe('retryDecision', () => {
  it('honours Retry-After on 429', () => {
    expect(retryDecision(429, 1, 7, half)).toEqual({ retry: true, delayMs: 7_000 });
    expect(retryDecision(429, 2, 0.5, half)).toEqual({ retry: true, delayMs: 500 });
  });

  it('backs off on 429 without Retry-After', () => {
    expect(retryDecision(429, 3, null, half)).toEqual({ retry: true, delayMs: 2_000 });
  });

  it.each([412, 502, 503, 504, NETWORK_ERROR])('retries %i with full jitter', (status) => {
    expect(retryDecision(status, 1, null, half)).toEqual({ retry: true, delayMs: 500 });
    expect(retryDecision(status, 2, null, () => 0.999)).toEqual({ retry: true, delayMs: 1_998 });
    expect(retryDecision(status, 5, null, () => 0)).toEqual({ retry: true, delayMs: 0 });
  });

  it.each([400, 401, 403, 404, 413, 500])('does not retry %i', (status) => {
    expect(retryDecision(status, 1, 5, half)).toEqual({ retry: false });
  });

  it('stops after six attempts, even on 429', () => {
    expect(retryDecision(503, MAX_ATTEMPTS - 1, null, half).retry).toBe(true);
    expect(retryDecision(503, MAX_ATTEMPTS, null, half)).toEqual({ retry: false });
    expect(retryDecision(429, MAX_ATTEMPTS, 1, half)).toEqual({ retry: false });
  });

  it('keeps every backoff within [0, min(60 s, 1 s × 2^(attempt-1)))', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(412, 429, 502, 503, 504, NETWORK_ERROR),
        fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (status, attempt, r) => {
          const decision = retryDecision(status, attempt, null, () => r);
          if (!decision.retry) throw new Error('expected a retry');
          expect(decision.delayMs).toBeGreaterThanOrEqual(0);
          expect(decision.delayMs).toBeLessThan(Math.min(60_000, 1_000 * 2 ** (attempt - 1)));
        },
      ),
    );
  });
});
