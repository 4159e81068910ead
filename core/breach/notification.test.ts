import { describe, expect, it } from '@jest/globals';
import { parseNotification, type NotificationResult } from './notification.js';
import { problemLine } from './problems.js';

const NOW = '2026-03-16T15:00:00.000Z';
const lines = (result: NotificationResult): string[] =>
  result.ok ? [] : result.problems.map(problemLine);

describe('parseNotification', () => {
  it('reads a notice with its time in any zone, and its method', () => {
    expect(
      parseNotification(
        { party: 'IPC', at: '2026-03-16T09:00:00-04:00', method: ' online form ' },
        { now: NOW },
      ),
    ).toEqual({
      ok: true,
      notification: {
        party: 'ipc',
        at: '2026-03-16T13:00:00.000Z',
        method: 'online form',
        state: null,
      },
    });
  });

  it('takes "now" when no time is given (`notified 42 hhs`)', () => {
    expect(parseNotification({ party: 'hhs' }, { now: NOW })).toEqual({
      ok: true,
      notification: { party: 'hhs', at: NOW, method: null, state: null },
    });
  });

  it('needs the state of a media notice, since media obligations are per state', () => {
    expect(lines(parseNotification({ party: 'media' }, { now: NOW }))).toEqual([
      'state: name the state whose media were told, e.g. CA',
    ]);
    expect(parseNotification({ party: 'media', state: 'ca' }, { now: NOW })).toMatchObject({
      ok: true,
      notification: { party: 'media', state: 'CA' },
    });
    expect(lines(parseNotification({ party: 'media', state: 'Cal' }, { now: NOW }))).toEqual([
      'state: "Cal" is not a US state or territory code',
    ]);
    expect(lines(parseNotification({ party: 'hhs', state: 'CA' }, { now: NOW }))).toEqual([
      'state: only a media notice names a state',
    ]);
  });

  it('names what is wrong: an unknown party, a time in the future or without a zone', () => {
    expect(
      lines(parseNotification({ party: 'police', at: '2026-03-17T00:00:00Z' }, { now: NOW })),
    ).toEqual([
      'party: must be one of individuals, hhs, media, ipc, opc, acquirer, other',
      'at: is in the future: log a notice once it is sent',
    ]);
    expect(
      lines(parseNotification({ party: 'opc', at: '2026-03-16 09:00' }, { now: NOW })),
    ).toEqual(['at: must be an ISO-8601 date-time with its zone, e.g. 2026-03-16T10:00:00-04:00']);
    expect(lines(parseNotification({ party: 'opc', method: 5 }, { now: NOW }))).toEqual([
      'method: must be text, e.g. "first-class mail"',
    ]);
  });
});
