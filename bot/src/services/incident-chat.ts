import type { Command } from '../../../core/commands/index.js';
import { isCockpitError } from '../../../core/errors/index.js';
import type { ChatAnswer } from '../teams/agent.js';
import { card, type AdaptiveCard, text } from '../teams/cards/adaptive-card.js';
import type { RequestContext } from './context.js';
import type { IncidentActions } from './incident-actions.js';

export type IncidentCommand = Extract<
  Command,
  { name: 'incidents' | 'incident' | 'ack' | 'assign' | 'severity' | 'classify' }
>;

/** The card verbs of SPEC §3 this service answers, with their `data`. */
export const INCIDENT_VERBS = [
  'incident.ack',
  'incident.assign',
  'incident.severity',
  'incident.classify',
  'incident.details',
] as const;

/**
 * Incident commands and card verbs: each is one call to IncidentActions; a refusal or a bad
 * value becomes the one-line message of its catalog error.
 */
export class IncidentChat {
  constructor(private readonly actions: IncidentActions) {}

  async command(
    ctx: RequestContext,
    command: IncidentCommand,
    shared: boolean,
  ): Promise<ChatAnswer> {
    try {
      switch (command.name) {
        case 'incidents':
          return { card: await this.listCard(ctx, command.filter) };
        case 'incident':
          return {
            card: await this.actions.cardFor(
              ctx,
              await this.actions.get(ctx, command.incident),
              shared,
            ),
          };
        case 'ack':
          return {
            card: await this.cardAfter(
              ctx,
              shared,
              this.actions.acknowledge(ctx, command.incident),
            ),
          };
        case 'assign':
          return {
            card: await this.cardAfter(
              ctx,
              shared,
              this.actions.assign(ctx, command.incident, assignee(ctx, command.to)),
            ),
          };
        case 'severity':
          return {
            card: await this.cardAfter(
              ctx,
              shared,
              this.actions.setSeverity(ctx, command.incident, command.severity),
            ),
          };
        case 'classify':
          return {
            card: await this.cardAfter(
              ctx,
              shared,
              this.actions.classify(ctx, command.incident, command.dataClass),
            ),
          };
      }
    } catch (error) {
      if (isCockpitError(error)) return { text: error.message };
      throw error;
    }
  }

  /** An `Action.Execute` from a card: the refreshed card for the clicker, or a one-line answer. */
  async verb(
    ctx: RequestContext,
    verb: string,
    data: Record<string, unknown>,
    shared: boolean,
  ): Promise<AdaptiveCard | string> {
    const number = Number(data.incident);
    if (!Number.isInteger(number) || number <= 0) return 'This card action has no incident number.';
    try {
      switch (verb) {
        case 'incident.ack':
          return await this.cardAfter(ctx, shared, this.actions.acknowledge(ctx, number));
        case 'incident.assign':
          return await this.cardAfter(
            ctx,
            shared,
            this.actions.assign(ctx, number, assignee(ctx, String(data.to ?? 'me'))),
          );
        case 'incident.severity':
          return await this.cardAfter(
            ctx,
            shared,
            this.actions.setSeverity(ctx, number, String(data.severity ?? '')),
          );
        case 'incident.classify':
          return await this.cardAfter(
            ctx,
            shared,
            this.actions.classify(ctx, number, String(data.dataClass ?? '')),
          );
        case 'incident.details': {
          const result = await this.actions.details(ctx, number);
          if (!result.sent)
            return 'Open a personal chat with Life Cockpit first: the details go there.';
          return result.revealed
            ? 'The full details are in your personal chat.'
            : 'The details are in your personal chat, with PHI masked: your role does not allow revealing it.';
        }
        default:
          return `Unknown card action ${verb}.`;
      }
    } catch (error) {
      if (isCockpitError(error)) return error.message;
      throw error;
    }
  }

  private async cardAfter(
    ctx: RequestContext,
    shared: boolean,
    done: ReturnType<IncidentActions['acknowledge']>,
  ): Promise<AdaptiveCard> {
    return this.actions.cardFor(ctx, await done, shared);
  }

  private async listCard(
    ctx: RequestContext,
    filter: 'open' | 'mine' | 'all',
  ): Promise<AdaptiveCard> {
    const items = await this.actions.list(ctx, filter);
    return card([
      text(`Incidents (${filter}): ${items.length}`, { weight: 'Bolder', size: 'Medium' }),
      ...(items.length === 0
        ? [text('Nothing to show.', { isSubtle: true })]
        : [
            {
              type: 'FactSet' as const,
              facts: items.slice(0, 30).map((s) => ({
                title: `#${s.incident.number} ${s.incident.severity}`,
                value: `${s.incident.status} · ${s.dataClass} · ${s.incident.title}`,
              })),
            },
          ]),
    ]);
  }
}

/** `me`, or another person by their AAD object id. */
export function assignee(
  ctx: RequestContext,
  to: string,
): { id: string; name: string; upn: string | null } {
  return to.toLowerCase() === 'me'
    ? { id: ctx.actor.id, name: ctx.actor.name, upn: ctx.actor.upn }
    : { id: to, name: to, upn: null };
}
