import { describe, expect, it } from '@jest/globals';
import { timeOrderedId } from './time-ordered-id.js';

describe('timeOrderedId', () => {
  it('is a version 7 UUID', () => {
    expect(timeOrderedId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sorts in the order the ids were made, within one millisecond and across them', () => {
    const at = Date.now() + 60_000;
    const ids = [
      ...Array.from({ length: 5000 }, () => timeOrderedId(at)),
      timeOrderedId(at + 1),
      timeOrderedId(at + 5),
      timeOrderedId(at + 5),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes back when the clock does', () => {
    const a = timeOrderedId(Date.now() + 120_000);
    const b = timeOrderedId(Date.now());
    expect(b > a).toBe(true);
  });
});
