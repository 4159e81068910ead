import { describe, expect, it } from '@jest/globals';
import { relativeText, utcText } from './breach-text.js';

const now = '2026-03-02T09:00:00.000Z';

describe('deadline wording', () => {
  it('reads a deadline in UTC with its weekday, whatever zone it was written in', () => {
    expect(utcText('2026-03-05T04:00:00-05:00')).toBe('Thu 5 Mar 2026 09:00 UTC');
    expect(utcText('2026-03-05T09:00:00Z', false)).toBe('Thu 5 Mar 09:00 UTC');
  });

  it('says how far off a deadline is, or how long overdue', () => {
    expect(relativeText('2026-03-04T13:00:00Z', now)).toBe('in 2 d 4 h');
    expect(relativeText('2026-03-02T09:35:00Z', now)).toBe('in 35 min');
    expect(relativeText('2026-03-02T06:00:00Z', now)).toBe('3 h overdue');
    expect(relativeText('2026-02-27T08:00:00Z', now)).toBe('3 d 1 h overdue');
    expect(relativeText('2026-03-20T10:00:00Z', now)).toBe('in 18 d');
    expect(relativeText('2026-03-02T09:00:20Z', now)).toBe('due now');
  });
});
