import { describe, expect, it } from '@jest/globals';
import { COMMANDS } from './catalog.js';
import { normaliseChatText, parseCommand } from './parse.js';

describe('normaliseChatText', () => {
  it.each([
    ['help', 'help'],
    ['  help  ', 'help'],
    ['/help', 'help'],
    ['/ whoami', 'whoami'],
    ['<at>Cockpit</at> help', 'help'],
    ['<at>Cockpit</at>&nbsp;whoami', 'whoami'],
    ['<at>Cockpit</at> <at>Other</at> help', 'help'],
    ['<p>help&nbsp;&nbsp; whoami</p>', 'help whoami'],
    ['help\u00a0\t\n whoami', 'help whoami'],
  ])('%j → %j', (raw, clean) => {
    expect(normaliseChatText(raw)).toBe(clean);
  });

  it('removes the bot mentions it is given, wherever they are', () => {
    expect(
      normaliseChatText('please <at>Life Cockpit</at> whoami', ['<at>Life Cockpit</at>']),
    ).toBe('please whoami');
  });
});

describe('parseCommand', () => {
  it.each(['help', 'HELP', 'Help', '/help', '  help  ', '<at>Cockpit</at> help', '/ HELP'])(
    '%j is help with no topic',
    (text) => {
      expect(parseCommand(text)).toEqual({ ok: true, command: { name: 'help', topic: null } });
    },
  );

  it.each(['whoami', 'WhoAmI', '/ whoami', '<at>Cockpit</at>&nbsp;whoami', 'whoami   '])(
    '%j is whoami',
    (text) => {
      expect(parseCommand(text)).toEqual({ ok: true, command: { name: 'whoami' } });
    },
  );

  it('strips the mentions given by the activity', () => {
    const mention = '<at>Life Cockpit Security</at>';
    expect(parseCommand(`${mention}   whoami`, [mention])).toEqual({
      ok: true,
      command: { name: 'whoami' },
    });
    expect(parseCommand(`whoami ${mention}`, [mention])).toEqual({
      ok: true,
      command: { name: 'whoami' },
    });
  });

  it('reads a help topic, lower-cased', () => {
    expect(parseCommand('help whoami')).toEqual({
      ok: true,
      command: { name: 'help', topic: 'whoami' },
    });
    expect(parseCommand('help WHOAMI')).toEqual({
      ok: true,
      command: { name: 'help', topic: 'whoami' },
    });
  });

  it.each(['', '   ', '<at>Cockpit</at>', '/', '&nbsp;'])(
    '%j is empty and points to help',
    (text) => {
      const result = parseCommand(text);
      expect(result).toMatchObject({ ok: false, kind: 'empty' });
      if (!result.ok) expect(result.message).toMatch(/help/);
    },
  );

  it('answers an unknown verb with what was typed and the list of commands', () => {
    const result = parseCommand('launch the missiles');
    expect(result).toMatchObject({ ok: false, kind: 'unknown' });
    if (result.ok) return;
    expect(result.message).toContain('launch');
    for (const command of COMMANDS) expect(result.message).toContain(`\`${command.name}\``);
  });

  it('answers a command written wrongly with how to write it', () => {
    const result = parseCommand('whoami extra');
    expect(result).toMatchObject({ ok: false, kind: 'usage' });
    if (result.ok) return;
    expect(result.message).toContain('`whoami`');
    expect(result.message).toMatch(/nothing after it/);
  });

  it('refuses more than one help topic and says how to write it', () => {
    const result = parseCommand('help whoami please');
    expect(result).toMatchObject({ ok: false, kind: 'usage' });
    if (!result.ok) expect(result.message).toContain('`help`');
  });
});
