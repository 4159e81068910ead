/** The incident-response commands of SPEC §3, once the command word is known. */
export type ResponseCommand =
  | { name: 'respond'; incident: number; playbook: string | null }
  | { name: 'step' | 'breach'; incident: number }
  | { name: 'done'; incident: number; task: string; note: string | null }
  | { name: 'advance'; incident: number; override: string | null }
  | { name: 'note'; incident: number; text: string }
  | {
      name: 'notified';
      incident: number;
      party: string;
      at: string | null;
      method: string | null;
    }
  | {
      name: 'close';
      incident: number;
      classification: string;
      reason: string | null;
      summary: string | null;
    };

export type ResponseCommandName = ResponseCommand['name'];

export const RESPONSE_COMMANDS: readonly ResponseCommandName[] = [
  'respond',
  'step',
  'done',
  'advance',
  'note',
  'breach',
  'notified',
  'close',
];

/** Sentinel's reasons as one word each, for telling a reason from a closing summary. */
const REASON_WORDS = [
  'suspiciousactivity',
  'suspiciousbutexpected',
  'incorrectalertlogic',
  'inaccuratedata',
];

type Parsed = { ok: true; command: ResponseCommand } | { ok: false; message: string };

/**
 * `args` are the words after the command word and the incident number. Free text (notes,
 * override reasons, summaries) is the rest of the line as typed.
 */
export function parseResponseArgs(
  name: ResponseCommandName,
  incident: number,
  args: readonly string[],
): Parsed {
  const rest = args.join(' ').trim();
  const ok = (command: ResponseCommand): Parsed => ({ ok: true, command });
  switch (name) {
    case 'respond':
      if (args.length > 1) return fail('respond takes at most one playbook id after the number');
      return ok({ name, incident, playbook: args[0]?.toLowerCase() ?? null });
    case 'step':
    case 'breach':
      if (args.length > 0) return fail(`${name} takes only the incident number`);
      return ok({ name, incident });
    case 'done': {
      const [task, ...note] = args;
      if (!task) return fail('done needs the task id after the incident number');
      return ok({ name, incident, task: task.toLowerCase(), note: note.join(' ') || null });
    }
    case 'advance': {
      if (args.length === 0) return ok({ name, incident, override: null });
      if (args[0]?.toLowerCase() !== 'override' || args.length < 2) {
        return fail('advance takes nothing more, or `override` and the reason');
      }
      return ok({ name, incident, override: args.slice(1).join(' ') });
    }
    case 'note':
      if (rest === '') return fail('note needs some text after the incident number');
      return ok({ name, incident, text: rest });
    case 'notified': {
      const [party, ...more] = args;
      if (!party)
        return fail(
          'notified needs who was told (individuals, hhs, media, ipc, opc, acquirer, other)',
        );
      // A time starts with a digit (2026-03-16T10:00:00-04:00); words after it say how.
      const at = more[0] && /^\d/.test(more[0]) ? more[0] : null;
      const method = (at ? more.slice(1) : more).join(' ') || null;
      return ok({ name, incident, party: party.toLowerCase(), at, method });
    }
    case 'close': {
      const [classification, ...more] = args;
      if (!classification) {
        return fail(
          'close needs a classification: TruePositive, BenignPositive, FalsePositive or Undetermined',
        );
      }
      const first = more[0]?.toLowerCase() ?? '';
      const reason = REASON_WORDS.includes(first) ? (more[0] as string) : null;
      const summary = (reason ? more.slice(1) : more).join(' ') || null;
      return ok({ name, incident, classification, reason, summary });
    }
  }
}

function fail(message: string): Parsed {
  return { ok: false, message };
}
