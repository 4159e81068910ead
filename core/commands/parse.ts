import { DATA_CLASSES, type DataClass } from '../access/matrix.js';
import { COMMANDS, findCommand } from './catalog.js';
import { parseResponseArgs, RESPONSE_COMMANDS, type ResponseCommand } from './response.js';

export type Command =
  | { name: 'help'; topic: string | null }
  | { name: 'whoami' }
  | { name: 'subscribe' | 'unsubscribe'; classes: DataClass[] }
  | { name: 'subscriptions' }
  | { name: 'incidents'; filter: 'open' | 'mine' | 'all' }
  | { name: 'incident' | 'ack'; incident: number }
  | { name: 'assign'; incident: number; to: string }
  | { name: 'severity'; incident: number; severity: string }
  | { name: 'classify'; incident: number; dataClass: string }
  | ResponseCommand;

export type ParseResult =
  | { ok: true; command: Command }
  /** `unknown`: not a command at all (answer with help); `usage`: a command written wrongly. */
  | { ok: false; kind: 'unknown' | 'usage' | 'empty'; message: string };

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Normalises what Teams delivers: removes the bot's @mention (`<at>…</at>`, given by the
 * activity's mention entities; a leading mention is removed even when none are given), other
 * markup, HTML entities and a leading `/`, and collapses whitespace.
 */
export function normaliseChatText(text: string, botMentions: readonly string[] = []): string {
  let out = text;
  for (const mention of botMentions) if (mention) out = out.split(mention).join(' ');
  out = out.replace(/^\s*(<at>[^<]*<\/at>\s*)+/i, ' ');
  out = out.replace(/<[^>]+>/g, ' ');
  out = out.replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  out = out.replace(/\s+/g, ' ').trim();
  return out.replace(/^\/\s*/, '');
}

/** Chat text → a typed command, or a one-line error that says how to write it. */
export function parseCommand(text: string, botMentions: readonly string[] = []): ParseResult {
  const clean = normaliseChatText(text, botMentions);
  if (clean === '')
    return { ok: false, kind: 'empty', message: 'Type `help` to see what I can do.' };
  const [head = '', ...args] = clean.split(' ');
  const verb = head.toLowerCase();
  const spec = findCommand(verb);
  if (!spec) {
    const names = COMMANDS.map((c) => `\`${c.name}\``).join(', ');
    return { ok: false, kind: 'unknown', message: `I don't know "${head}". Commands: ${names}.` };
  }
  switch (spec.name) {
    case 'help':
      if (args.length > 1) return usage(spec.usage, 'help takes at most one command name');
      return { ok: true, command: { name: 'help', topic: args[0]?.toLowerCase() ?? null } };
    case 'whoami':
      if (args.length > 0) return usage(spec.usage, 'whoami takes nothing after it');
      return { ok: true, command: { name: 'whoami' } };
    case 'incidents': {
      const filter = (args[0] ?? 'open').toLowerCase();
      if (args.length > 1 || !['open', 'mine', 'all'].includes(filter)) {
        return usage(spec.usage, 'incidents takes open, mine or all');
      }
      return {
        ok: true,
        command: { name: 'incidents', filter: filter as 'open' | 'mine' | 'all' },
      };
    }
    case 'incident':
    case 'ack':
    case 'assign':
    case 'severity':
    case 'classify': {
      const incident = incidentNumber(args[0]);
      if (incident === null)
        return usage(spec.usage, `${spec.name} needs an incident number like 42 or #42`);
      const rest = args.slice(1);
      if (spec.name === 'incident' || spec.name === 'ack') {
        if (rest.length > 0)
          return usage(spec.usage, `${spec.name} takes only the incident number`);
        return { ok: true, command: { name: spec.name, incident } };
      }
      if (rest.length !== 1)
        return usage(spec.usage, `${spec.name} needs one value after the incident number`);
      const value = rest[0] as string;
      if (spec.name === 'assign')
        return { ok: true, command: { name: 'assign', incident, to: value } };
      if (spec.name === 'severity')
        return { ok: true, command: { name: 'severity', incident, severity: value } };
      return { ok: true, command: { name: 'classify', incident, dataClass: value } };
    }
    case 'subscriptions':
      if (args.length > 0) return usage(spec.usage, 'subscriptions takes nothing after it');
      return { ok: true, command: { name: 'subscriptions' } };
    case 'subscribe':
    case 'unsubscribe': {
      const words = args
        .join(' ')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((w) => w.toLowerCase());
      if (words.length === 0)
        return usage(
          spec.usage,
          `${spec.name} needs at least one data class (${DATA_CLASSES.join(', ')})`,
        );
      const unknown = words.filter((w) => !(DATA_CLASSES as readonly string[]).includes(w));
      if (unknown.length > 0) {
        return usage(
          spec.usage,
          `"${unknown.join('", "')}" is not a data class; use ${DATA_CLASSES.join(', ')}`,
        );
      }
      return {
        ok: true,
        command: { name: spec.name, classes: [...new Set(words)] as DataClass[] },
      };
    }
    default: {
      const name = RESPONSE_COMMANDS.find((n) => n === spec.name);
      if (!name) {
        return { ok: false, kind: 'unknown', message: `\`${spec.name}\` is not available yet.` };
      }
      const incident = incidentNumber(args[0]);
      if (incident === null)
        return usage(spec.usage, `${name} needs an incident number like 42 or #42`);
      const parsed = parseResponseArgs(name, incident, args.slice(1));
      return parsed.ok ? parsed : usage(spec.usage, parsed.message);
    }
  }
}

function usage(how: string, what: string): ParseResult {
  return { ok: false, kind: 'usage', message: `${what}. Write it as \`${how}\`.` };
}

/** `42` or `#42` → 42; anything else → null. */
export function incidentNumber(word: string | undefined): number | null {
  const match = /^#?(\d{1,9})$/.exec(word ?? '');
  return match ? Number(match[1]) : null;
}
