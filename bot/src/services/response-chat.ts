import { currentAssessment } from '../../../core/breach/index.js';
import type { ResponseCommand } from '../../../core/commands/index.js';
import { isCockpitError } from '../../../core/errors/index.js';
import type { ChatAnswer } from '../teams/agent.js';
import type { AdaptiveCard } from '../teams/cards/adaptive-card.js';
import { breachCard } from '../teams/cards/breach-card.js';
import type { BreachService } from './breach-service.js';
import type { RequestContext } from './context.js';
import type { IncidentActions } from './incident-actions.js';
import type { IncidentDetail, ResponseService } from './response-service.js';

/** The card verbs of SPEC §3 that drive the response (`data.incident` is the number). */
export const RESPONSE_VERBS = [
  'incident.respond',
  'playbook.done',
  'playbook.advance',
  'incident.note',
  'breach.assess',
  'breach.notified',
  'incident.close',
] as const;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * Response commands and card verbs: each is one call to the response or breach service, and
 * the answer is the live incident card (or, for the breach track, the assessment card) as the
 * caller should see it there. A refusal becomes its one-line message.
 */
export class ResponseChat {
  constructor(
    private readonly deps: {
      response: ResponseService;
      breach: BreachService;
      actions: IncidentActions;
    },
  ) {}

  async command(
    ctx: RequestContext,
    command: ResponseCommand,
    shared: boolean,
  ): Promise<ChatAnswer> {
    const { response, breach } = this.deps;
    const n = command.incident;
    try {
      switch (command.name) {
        case 'respond':
          return await this.answer(ctx, shared, response.respond(ctx, n, command.playbook));
        case 'step':
          return await this.answer(ctx, shared, response.detail(ctx, n));
        case 'done':
          return await this.answer(ctx, shared, response.done(ctx, n, command.task, command.note));
        case 'advance':
          return await this.answer(ctx, shared, response.advance(ctx, n, command.override));
        case 'note':
          return await this.answer(ctx, shared, response.note(ctx, n, command.text));
        case 'breach':
          return answerOf(await this.breachCard(ctx, await this.openBreachCard(ctx, n), shared));
        case 'notified':
          return answerOf(
            await this.breachCard(
              ctx,
              await breach.notified(ctx, n, {
                party: command.party,
                at: command.at,
                method: command.method,
              }),
              shared,
            ),
          );
        case 'close':
          return await this.answer(
            ctx,
            shared,
            response.close(ctx, n, {
              classification: command.classification,
              reason: command.reason,
              summary: command.summary,
            }),
          );
      }
    } catch (error) {
      if (isCockpitError(error)) return { text: error.message };
      throw error;
    }
  }

  async verb(
    ctx: RequestContext,
    verb: string,
    data: Record<string, unknown>,
    shared: boolean,
  ): Promise<AdaptiveCard | string> {
    const n = Number(data.incident);
    if (!Number.isInteger(n) || n <= 0) return 'This card action has no incident number.';
    const { response, breach } = this.deps;
    try {
      switch (verb) {
        case 'incident.respond':
          return await this.card(ctx, shared, response.respond(ctx, n, text(data.playbook)));
        case 'playbook.done':
          return await this.card(
            ctx,
            shared,
            response.done(ctx, n, String(data.task ?? ''), text(data.note)),
          );
        case 'playbook.advance':
          return await this.card(ctx, shared, response.advance(ctx, n, text(data.override)));
        case 'incident.note':
          return await this.card(ctx, shared, response.note(ctx, n, String(data.text ?? '')));
        case 'breach.assess':
          if (data.decision === 'not_reportable') {
            return await this.breachCard(ctx, await breach.decide(ctx, n, data.reasoning), shared);
          }
          return await this.breachCard(ctx, await this.assess(ctx, n, data), shared);
        case 'breach.notified':
          return await this.breachCard(ctx, await breach.notified(ctx, n, data), shared);
        case 'incident.close':
          return await this.card(
            ctx,
            shared,
            response.close(ctx, n, {
              classification: String(data.classification ?? ''),
              reason: text(data.reason),
              summary: text(data.summary),
            }),
          );
        default:
          return `Unknown card action ${verb}.`;
      }
    } catch (error) {
      if (isCockpitError(error)) return error.message;
      throw error;
    }
  }

  /**
   * `breach.assess` from the card: the opening button carries only the number (show the form);
   * a submitted form carries the fields.
   */
  private async assess(ctx: RequestContext, n: number, data: Record<string, unknown>) {
    const fields = Object.keys(data).filter((key) => key !== 'incident' && key !== 'verb');
    if (fields.length === 0) return this.openBreachCard(ctx, n);
    return this.deps.breach.assess(ctx, n, data);
  }

  /** The breach form needs the right to act: it is where the assessment is made. */
  private async openBreachCard(ctx: RequestContext, n: number): Promise<IncidentDetail> {
    const detail = await this.deps.response.detail(ctx, n);
    await this.deps.actions.actOn(ctx, n);
    this.deps.response.running(n, detail.response, { closedToo: true });
    return detail;
  }

  /**
   * The breach assessment card. Its inputs carry the assessment itself, so it is only ever shown
   * in a personal chat: asked for in a shared conversation, it goes to the asker's personal chat
   * (a masked form saved from a channel would overwrite the real notes with masks).
   */
  private async breachCard(
    ctx: RequestContext,
    detail: IncidentDetail,
    shared: boolean,
  ): Promise<AdaptiveCard | string> {
    const breach = detail.response.breach;
    const now = this.deps.response.deps.clock().toISOString();
    const card = breachCard({
      incidentNumber: detail.stored.incident.number,
      assessment: breach ? currentAssessment(breach) : null,
      discoveredDefault: breach?.openedAt ?? now,
      obligations: detail.obligations,
      decision: breach?.decision ?? null,
      now,
    });
    if (!shared) return this.deps.actions.viewFor(ctx, detail.stored, card, false);
    const sent = await this.deps.actions.sendPrivately(ctx, detail.stored, card, 'breach');
    return sent.sent
      ? 'The breach assessment is in your personal chat with me: it is never shown in shared conversations.'
      : 'Open a personal chat with Life Cockpit first: the breach assessment is only shown there.';
  }

  private async answer(
    ctx: RequestContext,
    shared: boolean,
    done: Promise<IncidentDetail>,
  ): Promise<ChatAnswer> {
    return { card: await this.card(ctx, shared, done) };
  }

  private async card(
    ctx: RequestContext,
    shared: boolean,
    done: Promise<IncidentDetail>,
  ): Promise<AdaptiveCard> {
    const detail = await done;
    return this.deps.actions.cardFor(ctx, detail.stored, shared);
  }
}

function answerOf(answer: AdaptiveCard | string): ChatAnswer {
  return typeof answer === 'string' ? { text: answer } : { card: answer };
}
