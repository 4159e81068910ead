import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ARM_RETRY, NETWORK_ERROR, retryDecision, TEAMS_RETRY } from './index.js';

const MAX_ATTEMPTS = TEAMS_RETRY.maxAttempts;

const half = () => 0.5;

describe('retryDecision for Teams calls', () => {
  it('honours Retry-After on 429', () => {
    expect(retryDecision(TEAMS_RETRY, 429, 1, 7, half)).toEqual({ retry: true, delayMs: 7_000 });
    expect(retryDecision(TEAMS_RETRY, 429, 2, 0.5, half)).toEqual({ retry: true, delayMs: 500 });
  });

  it('backs off on 429 without Retry-After', () => {
    expect(retryDecision(TEAMS_RETRY, 429, 3, null, half)).toEqual({ retry: true, delayMs: 2_000 });
  });

  it.each([412, 502, 503, 504, NETWORK_ERROR])('retries %i with full jitter', (status) => {
    expect(retryDecision(TEAMS_RETRY, status, 1, null, half)).toEqual({
      retry: true,
      delayMs: 500,
    });
    expect(retryDecision(TEAMS_RETRY, status, 2, null, () => 0.999)).toEqual({
      retry: true,
      delayMs: 1_998,
    });
    expect(retryDecision(TEAMS_RETRY, status, 5, null, () => 0)).toEqual({
      retry: true,
      delayMs: 0,
    });
  });

  it.each([400, 401, 403, 404, 413, 500])('does not retry %i', (status) => {
    expect(retryDecision(TEAMS_RETRY, status, 1, 5, half)).toEqual({ retry: false, why: 'final' });
  });

  it('stops after six attempts, even on 429', () => {
    expect(retryDecision(TEAMS_RETRY, 503, MAX_ATTEMPTS - 1, null, half).retry).toBe(true);
    expect(retryDecision(TEAMS_RETRY, 503, MAX_ATTEMPTS, null, half)).toEqual({
      retry: false,
      why: 'exhausted',
    });
    expect(retryDecision(TEAMS_RETRY, 429, MAX_ATTEMPTS, 1, half)).toEqual({
      retry: false,
      why: 'exhausted',
    });
  });

  it('keeps every backoff within [0, min(60 s, 1 s × 2^(attempt-1)))', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(412, 429, 502, 503, 504, NETWORK_ERROR),
        fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (status, attempt, r) => {
          const decision = retryDecision(TEAMS_RETRY, status, attempt, null, () => r);
          if (!decision.retry) throw new Error('expected a retry');
          expect(decision.delayMs).toBeGreaterThanOrEqual(0);
          expect(decision.delayMs).toBeLessThan(Math.min(60_000, 1_000 * 2 ** (attempt - 1)));
        },
      ),
    );
  });
});

describe('retryDecision for Sentinel write-back', () => {
  it.each([NETWORK_ERROR, 401, 408, 429, 500, 503])(
    'retries %i, backing off 5 s × 2ⁿ with jitter in [½, 1)',
    (status) => {
      expect(retryDecision(ARM_RETRY, status, 1, null, () => 0)).toEqual({
        retry: true,
        delayMs: 2_500,
      });
      expect(retryDecision(ARM_RETRY, status, 3, null, half)).toEqual({
        retry: true,
        delayMs: 15_000,
      });
      expect(retryDecision(ARM_RETRY, status, 11, null, () => 0.999).retry).toBe(true);
    },
  );

  it('caps the backoff at 15 minutes and Retry-After at an hour', () => {
    expect(retryDecision(ARM_RETRY, 503, 10, null, () => 0.999999)).toEqual({
      retry: true,
      delayMs: 899_999,
    });
    expect(retryDecision(ARM_RETRY, 429, 1, 7_200, half)).toEqual({
      retry: true,
      delayMs: 3_600_000,
    });
  });

  it.each([400, 403, 404, 409, 412])('does not retry %i', (status) => {
    expect(retryDecision(ARM_RETRY, status, 1, null, half)).toEqual({ retry: false, why: 'final' });
  });

  it('gives up after twelve attempts', () => {
    expect(retryDecision(ARM_RETRY, 503, 12, null, half)).toEqual({
      retry: false,
      why: 'exhausted',
    });
  });
});
