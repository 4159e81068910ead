import type { CardAction, CardElement, ExecuteAction, ShowCardAction } from './adaptive-card.js';

/** Teams shows at most this many card-level actions (its host config's `maxActions`). */
export const MAX_CARD_ACTIONS = 6;

/** A button that sends `verb` with `data` (plus the values of the inputs in scope) to the bot. */
export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  style?: ExecuteAction['style'],
): ExecuteAction {
  return style
    ? { type: 'Action.Execute', title, verb, data, style }
    : { type: 'Action.Execute', title, verb, data };
}

/**
 * A button that unfolds a small form inline. Its inputs travel only with the actions inside it,
 * which keeps each verb's `data` to the fields that verb reads.
 */
export function showCard(
  title: string,
  body: CardElement[],
  actions: CardAction[],
): ShowCardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions } };
}

/**
 * At most `max` actions: when there are more, the first `max - 1` stay and the rest fold into
 * a "More actions" card, so nothing is dropped where Teams would hide it.
 */
export function fitActions(actions: CardAction[], max = MAX_CARD_ACTIONS): CardAction[] {
  if (actions.length <= max) return actions;
  const kept = actions.slice(0, max - 1);
  return [...kept, showCard('More actions', [], fitActions(actions.slice(max - 1), max))];
}
