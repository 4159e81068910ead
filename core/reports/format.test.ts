import { describe, expect, it } from '@jest/globals';
import { dayText, duration, isoUtc, readableUtc, when } from './format.js';

describe('dates', () => {
  it('shows ISO-8601 UTC and a readable UTC form, whatever zone the time was given in', () => {
    expect(when('2026-03-14T09:30:00-04:00')).toBe(
      '2026-03-14T13:30:00.000Z (Saturday 14 March 2026, 13:30 UTC)',
    );
    expect(isoUtc('2026-03-14T13:30Z')).toBe('2026-03-14T13:30:00.000Z');
    expect(readableUtc('2026-12-31T23:59:59.999Z')).toBe('Thursday 31 December 2026, 23:59 UTC');
    expect(dayText('2026-03-01T02:00:00+05:00')).toBe('28 February 2026');
  });

  it('says what is missing instead of printing null, and shows unreadable text inertly', () => {
    expect(when(null)).toBe('not recorded');
    expect(when(undefined, 'not yet')).toBe('not yet');
    expect(when('# soon')).toBe('\\# soon');
  });
});

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [750, '12 min (750 s)'],
    [3900, '1 h 05 min (3900 s)'],
    [86_400, '1 d 0 h 00 min (86400 s)'],
    [183_900, '2 d 3 h 05 min (183900 s)'],
  ])('%i s reads as %s', (seconds, text) => {
    expect(duration(seconds)).toBe(text);
  });

  it('says a moment has not come yet', () => {
    expect(duration(null)).toBe('not reached');
    expect(duration(null, 'not entered')).toBe('not entered');
  });
});
