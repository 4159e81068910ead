import {
  type Actor,
  can,
  type ClassAction,
  RECORD_CLASSES,
  type RecordClass,
} from '../../../../core/access/index.js';
import { COMMANDS } from '../../../../core/commands/index.js';
import { card, type AdaptiveCard, text } from './adaptive-card.js';

export interface HelpView {
  actor: Actor;
  /** A line shown above the list, e.g. why help is shown instead of an answer. */
  notice?: string;
}

/** Commands the person may run, for their roles; nothing they could not use. */
export function helpCard(view: HelpView): AdaptiveCard {
  const allowed = COMMANDS.filter(
    (c) => c.needs === null || allows(view.actor, c.needs.action, c.needs.dataClass),
  );
  const roleLine =
    view.actor.roles.length > 0
      ? `Your roles: ${view.actor.roles.join(', ')}.`
      : 'You hold no Life Cockpit role yet: ask the practice owner to assign one in Entra ID.';
  return card([
    text('Life Cockpit Security', { weight: 'Bolder', size: 'Medium' }),
    ...(view.notice ? [text(view.notice, { color: 'Warning' })] : []),
    text(roleLine, { isSubtle: true }),
    { type: 'FactSet', facts: allowed.map((c) => ({ title: c.usage, value: c.summary })) },
    text('Type a command here; in a channel or group chat, @mention me first.', {
      isSubtle: true,
      size: 'Small',
    }),
  ]);
}

function allows(actor: Actor, action: ClassAction, dataClass: RecordClass | 'any'): boolean {
  const classes: readonly RecordClass[] = dataClass === 'any' ? RECORD_CLASSES : [dataClass];
  return classes.some((c) => can(actor, action, c).allowed);
}
