import { describe, expect, it } from '@jest/globals';
import { parseCommand } from './parse.js';

describe('response commands', () => {
  it.each([
    ['respond 42', { name: 'respond', incident: 42, playbook: null }],
    ['/respond #42 Phishing', { name: 'respond', incident: 42, playbook: 'phishing' }],
    ['step 7', { name: 'step', incident: 7 }],
    ['BREACH #7', { name: 'breach', incident: 7 }],
    ['done 7 Confirm-Alert', { name: 'done', incident: 7, task: 'confirm-alert', note: null }],
    [
      'done 7 reset-credentials reset at 02:10 by Dana',
      { name: 'done', incident: 7, task: 'reset-credentials', note: 'reset at 02:10 by Dana' },
    ],
    ['advance 7', { name: 'advance', incident: 7, override: null }],
    [
      'advance 7 override backups verified offline',
      { name: 'advance', incident: 7, override: 'backups verified offline' },
    ],
    ['note 7 called the clinic', { name: 'note', incident: 7, text: 'called the clinic' }],
    ['notified 7 IPC', { name: 'notified', incident: 7, party: 'ipc', at: null, method: null }],
    [
      'notified 7 individuals 2026-03-16T10:00:00-04:00 registered mail',
      {
        name: 'notified',
        incident: 7,
        party: 'individuals',
        at: '2026-03-16T10:00:00-04:00',
        method: 'registered mail',
      },
    ],
    [
      'close 7 FalsePositive',
      { name: 'close', incident: 7, classification: 'FalsePositive', reason: null, summary: null },
    ],
    [
      'close 7 truepositive SuspiciousActivity contained, passwords reset',
      {
        name: 'close',
        incident: 7,
        classification: 'truepositive',
        reason: 'SuspiciousActivity',
        summary: 'contained, passwords reset',
      },
    ],
    [
      'close 7 Undetermined no evidence either way',
      {
        name: 'close',
        incident: 7,
        classification: 'Undetermined',
        reason: null,
        summary: 'no evidence either way',
      },
    ],
  ])('%j', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['respond', 'respond needs an incident number like 42 or #42'],
    ['respond 4 a b', 'respond takes at most one playbook id'],
    ['step 4 now', 'step takes only the incident number'],
    ['done 4', 'done needs the task id'],
    ['advance 4 please', 'advance takes nothing more, or `override` and the reason'],
    ['advance 4 override', 'advance takes nothing more, or `override` and the reason'],
    ['note 4', 'note needs some text'],
    ['notified 4', 'notified needs who was told'],
    ['close 4', 'close needs a classification'],
  ])('%j is refused with how to write it', (text, message) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.kind).toBe('usage');
      expect(parsed.message).toContain(message);
      expect(parsed.message).toContain('Write it as `');
    }
  });
});
