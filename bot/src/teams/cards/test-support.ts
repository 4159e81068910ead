/**
 * Test support for the card tests: walk a card as Teams would (every action, also inside
 * `Action.ShowCard`, every input) and build real response states through core/playbooks.
 */
import {
  advance,
  completeTask,
  type Playbook,
  PLAYBOOKS,
  type ResponsePhase,
  type ResponseState,
  start,
  type TaskResult,
} from '../../../../core/playbooks/index.js';
import type {
  CardAction,
  CardElement,
  ExecuteAction,
  InputElement,
  ShowCardContent,
} from './adaptive-card.js';

/** The card verbs of SPEC §3. */
export const SPEC_VERBS = [
  'incident.ack',
  'incident.assign',
  'incident.severity',
  'incident.classify',
  'incident.details',
  'incident.respond',
  'playbook.done',
  'playbook.advance',
  'incident.note',
  'breach.assess',
  'breach.notified',
  'incident.close',
];

type AnyCard = { body: CardElement[]; actions?: CardAction[] };

function elements(list: readonly CardElement[]): CardElement[] {
  return list.flatMap((e) => {
    if (e.type === 'Container') return [e, ...elements(e.items)];
    if (e.type === 'Table') {
      return [e, ...elements(e.rows.flatMap((r) => r.cells.flatMap((c) => c.items)))];
    }
    return [e];
  });
}

/** Every action of a card, at any depth of show cards. */
export function allActions(card: AnyCard): CardAction[] {
  return (card.actions ?? []).flatMap((a) =>
    a.type === 'Action.ShowCard' ? [a, ...allActions(a.card)] : [a],
  );
}

export const executes = (card: AnyCard): ExecuteAction[] =>
  allActions(card).filter((a): a is ExecuteAction => a.type === 'Action.Execute');

/** The inputs shown in the card's own body (not in its show cards). */
export const bodyInputs = (card: AnyCard): InputElement[] =>
  elements(card.body).filter((e): e is InputElement => e.type.startsWith('Input.'));

/** Every text block's text, at any depth of containers, tables and show cards. */
export function texts(card: AnyCard): string[] {
  const own = elements(card.body).flatMap((e) => (e.type === 'TextBlock' ? [e.text] : []));
  const nested = (card.actions ?? []).flatMap((a) =>
    a.type === 'Action.ShowCard' ? texts(a.card) : [],
  );
  return [...own, ...nested];
}

/** The show card behind the button titled `title`, at any depth. */
export function shown(card: AnyCard, title: string): ShowCardContent {
  const found = allActions(card).find((a) => a.type === 'Action.ShowCard' && a.title === title);
  if (!found || found.type !== 'Action.ShowCard') throw new Error(`no show card "${title}"`);
  return found.card;
}

/**
 * The `data` Teams sends for `action`: its own data merged with the values of the inputs in
 * scope (the show card it sits in and the card body above it), as text.
 */
export function submitted(
  scope: AnyCard[],
  action: ExecuteAction,
  typed: Record<string, string> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const input of scope.flatMap(bodyInputs)) {
    if (input.value !== undefined) values[input.id] = String(input.value);
    else if (input.type === 'Input.Toggle') values[input.id] = input.valueOff ?? 'false';
  }
  return { ...values, ...typed, ...action.data };
}

export const dana = { id: 'aad-dana', name: 'Dana Owner' };
export const sam = { id: 'aad-sam', name: 'Sam Clinician' };

/** Minutes after 2026-03-02T09:00Z. */
export const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

export function ok(result: TaskResult): ResponseState {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.state;
}

export const playbookOf = (id: string): Playbook => {
  const found = PLAYBOOKS[id];
  if (!found) throw new Error(`no playbook ${id}`);
  return found;
};

/**
 * A response on `playbook` walked to `phase`: each phase's tasks done (all, or only the
 * required; with `note` as every task's note) and advanced, as people would do it.
 */
export function reach(
  playbook: Playbook,
  phase: ResponsePhase,
  opts: { all?: boolean; note?: string } = {},
): ResponseState {
  let state = ok(start(playbook, dana, at(0)));
  let minute = 1;
  while (state.phase !== phase) {
    for (const task of playbook.phases[state.phase as ResponsePhase]) {
      if (task.required || opts.all) {
        state = ok(completeTask(state, playbook, task.id, sam, at(minute++), opts.note));
      }
    }
    state = ok(advance(state, playbook, sam, at(minute++), { mayOverride: false }));
  }
  return state;
}
