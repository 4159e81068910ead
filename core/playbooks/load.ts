import { type z } from 'zod';
import { LIBRARY } from './library/index.js';
import { RESPONSE_PHASES } from './phases.js';
import { type Playbook, playbookSchema } from './schema.js';

/** The playbook choosePlaybook falls back to; every library must have it. */
export const GENERIC_PLAYBOOK = 'generic';

/** One thing wrong with a playbook file. */
export interface PlaybookProblem {
  /** The playbook's name (its file name in the library). */
  playbook: string;
  /** Where in the playbook: `phases.containment[1].id`, or `(playbook)` for the whole. */
  path: string;
  message: string;
}

/** Thrown at load when a playbook is not valid; the message names every problem. */
export class PlaybookError extends Error {
  readonly problems: readonly PlaybookProblem[];

  constructor(problems: readonly PlaybookProblem[]) {
    super(
      problems
        .map((problem) => `Playbook "${problem.playbook}": ${problem.path}: ${problem.message}`)
        .join('\n'),
    );
    this.name = 'PlaybookError';
    this.problems = problems;
  }
}

/** Validated playbooks by id. */
export type PlaybookLibrary = Readonly<Record<string, Playbook>>;

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(playbook)' : out;
}

/** Missing and wrongly typed fields say so plainly; everything else keeps the schema's words. */
function typeMessage(issue: { code: string; input?: unknown; expected?: unknown }) {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  const expected = String(issue.expected);
  return `must be ${/^[aeio]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const keys = issue.keys.map((key) => `"${key}"`).join(', ');
  const at = issue.path.join('.');
  if (at === 'phases') return `unknown phase ${keys}; phases are ${RESPONSE_PHASES.join(', ')}`;
  return `unknown field ${keys}`;
}

/** Validates one playbook file's data; `name` (its file name) must equal its id. */
export function parsePlaybook(
  data: unknown,
  name: string,
): { ok: true; playbook: Playbook } | { ok: false; problems: PlaybookProblem[] } {
  const parsed = playbookSchema.safeParse(data, { error: typeMessage });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      playbook: name,
      path: pathText(issue.path),
      message: messageOf(issue),
    }));
    return { ok: false, problems };
  }
  if (parsed.data.id !== name) {
    const message = `is "${parsed.data.id}" but the file is named "${name}"; they must be the same`;
    return { ok: false, problems: [{ playbook: name, path: 'id', message }] };
  }
  return { ok: true, playbook: parsed.data };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Validates playbook modules (file name → exported data) and returns them by id, frozen.
 * Throws a `PlaybookError` naming every invalid playbook, the path and the problem, or when
 * the `generic` fallback is missing.
 */
export function loadPlaybooks(modules: Readonly<Record<string, unknown>>): PlaybookLibrary {
  const library: Record<string, Playbook> = {};
  const problems: PlaybookProblem[] = [];
  for (const [name, data] of Object.entries(modules)) {
    const result = parsePlaybook(data, name);
    if (result.ok) library[name] = deepFreeze(result.playbook);
    else problems.push(...result.problems);
  }
  if (!(GENERIC_PLAYBOOK in modules)) {
    problems.push({
      playbook: GENERIC_PLAYBOOK,
      path: '(playbook)',
      message: 'is missing; it is the fallback when no other playbook matches an incident',
    });
  }
  if (problems.length > 0) throw new PlaybookError(problems);
  return Object.freeze(library);
}

/** The practice's playbooks, validated when this module loads. */
export const PLAYBOOKS: PlaybookLibrary = loadPlaybooks(LIBRARY);

/** Ids of the loaded playbooks, in library order. */
export const PLAYBOOK_IDS: readonly string[] = Object.freeze(Object.keys(PLAYBOOKS));

/** The playbook with this id (matched without regard to case), or undefined. */
export function playbookById(
  id: string,
  library: PlaybookLibrary = PLAYBOOKS,
): Playbook | undefined {
  const key = id.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(library, key) ? library[key] : undefined;
}
