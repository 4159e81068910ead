import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LIMITS, Pacer, type RateWindow, withMargin } from './pacing.js';

/** The largest number of times inside any half-open window [a, a + windowMs). */
function busiest(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

function expectWithin(times: readonly number[], windows: readonly RateWindow[]): void {
  for (const { limit, windowMs } of windows) {
    expect(busiest(times, windowMs)).toBeLessThanOrEqual(limit);
  }
}

/** Small limits make the windows bite within short generated sequences. */
const SMALL = {
  perConversation: [
    { limit: 2, windowMs: 100 },
    { limit: 3, windowMs: 250 },
    { limit: 5, windowMs: 1_000 },
  ],
  perTenant: [{ limit: 4, windowMs: 100 }],
};

const request = fc.record({
  conversation: fc.constantFrom('a', 'b', 'c', 'd'),
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
});

function simulate(
  pacer: Pacer,
  requests: { conversation: string; gap: number }[],
): { sends: { conversation: string; at: number }[]; early: boolean } {
  let now = 1_700_000_000_000;
  let early = false;
  const sends: { conversation: string; at: number }[] = [];
  for (const { conversation, gap } of requests) {
    now += gap;
    const at = pacer.earliest(conversation, now);
    if (at < now) early = true;
    pacer.record(conversation, at);
    sends.push({ conversation, at });
  }
  return { sends, early };
}

function checkAll(
  sends: { conversation: string; at: number }[],
  limits: typeof SMALL | typeof LIMITS,
): void {
  expectWithin(
    sends.map((s) => s.at),
    limits.perTenant,
  );
  for (const id of new Set(sends.map((s) => s.conversation))) {
    expectWithin(
      sends.filter((s) => s.conversation === id).map((s) => s.at),
      limits.perConversation,
    );
  }
}

describe('Pacer', () => {
  it('never lets a conversation or the tenant exceed a window (small limits)', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 120 }), (requests) => {
        const { sends, early } = simulate(new Pacer(SMALL), requests);
        expect(early).toBe(false);
        checkAll(sends, SMALL);
      }),
      { numRuns: 300 },
    );
  });

  it("never exceeds Teams' own limits for bursts", () => {
    const burst = fc.record({
      conversation: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'),
      gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 })),
    });
    fc.assert(
      fc.property(fc.array(burst, { minLength: 50, maxLength: 400 }), (requests) => {
        const { sends, early } = simulate(new Pacer(), requests);
        expect(early).toBe(false);
        checkAll(sends, LIMITS);
      }),
      { numRuns: 60 },
    );
  });

  it('sends the first seven to a conversation at once and the eighth a second later', () => {
    const pacer = new Pacer();
    const times = Array.from({ length: 9 }, () => {
      const at = pacer.earliest('c', 0);
      pacer.record('c', at);
      return at;
    });
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000, 2_000]);
  });

  it('holds a conversation after 60 sends in 30 s until the first leaves the window', () => {
    const pacer = new Pacer();
    for (let i = 0; i < 60; i += 1) pacer.record('c', i * 400);
    expect(pacer.earliest('c', 24_000)).toBe(30_000);
    expect(pacer.earliest('other', 24_000)).toBe(24_000);
  });

  it('counts the sends that fit in a horizon exactly as sending them one by one would', () => {
    fc.assert(
      fc.property(
        fc.array(request, { maxLength: 60 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 30 }),
        (history, horizon, max) => {
          const pacer = new Pacer(SMALL);
          const twin = new Pacer(SMALL);
          const { sends } = simulate(pacer, history);
          for (const send of sends) twin.record(send.conversation, send.at);
          const now = Math.max(1_700_000_000_000, ...sends.map((s) => s.at));
          let expected = 0;
          while (expected < max) {
            const at = twin.earliest('a', now);
            if (at > now + horizon) break;
            twin.record('a', at);
            expected += 1;
          }
          expect(pacer.capacity('a', now, horizon, max)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("fits 120 cards in a quiet conversation's next minute, and leaves the pacer as it was", () => {
    const pacer = new Pacer();
    // 60 in each 30 s window; a send at exactly 60 s would open a third window.
    expect(pacer.capacity('c', 0, 59_999, 10_000)).toBe(120);
    expect(pacer.earliest('c', 0)).toBe(0);
    for (let i = 0; i < 60; i += 1) pacer.record('c', i * 400);
    expect(pacer.capacity('c', 24_000, 5_000, 100)).toBe(0);
  });

  it('with a margin, keeps sends a window plus the margin apart', () => {
    const pacer = new Pacer(withMargin(LIMITS, 250));
    const times = Array.from({ length: 9 }, () => {
      const at = pacer.earliest('c', 0);
      pacer.record('c', at);
      return at;
    });
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0, 1_250, 2_250]);
  });

  it('forgets conversations after an hour', () => {
    const pacer = new Pacer();
    pacer.record('old', 0);
    pacer.earliest('new', 3_600_001 + 60_000);
    expect(pacer.trackedConversations).toBe(0);
  });
});
