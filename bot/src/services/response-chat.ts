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
import { isResponseVerb, runResponseVerb } from './response-verbs.js';

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
    if (!isResponseVerb(verb)) return `Unknown card action ${verb}.`;
    try {
      // The breach button carries only the number: it asks for the form, not a saved assessment.
      if (verb === 'breach.assess' && !hasFields(data)) {
        return await this.breachCard(ctx, await this.openBreachCard(ctx, n), shared);
      }
      const detail = await runResponseVerb(this.deps, ctx, n, verb, data);
      return verb.startsWith('breach.')
        ? await this.breachCard(ctx, detail, shared)
        : await this.deps.actions.cardFor(ctx, detail.stored, shared);
    } catch (error) {
      if (isCockpitError(error)) return error.message;
      throw error;
    }
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
    return { card: await this.deps.actions.cardFor(ctx, (await done).stored, shared) };
  }
}

function answerOf(answer: AdaptiveCard | string): ChatAnswer {
  return typeof answer === 'string' ? { text: answer } : { card: answer };
}

/** Whether a `breach.assess` carries assessment fields (beyond the incident number). */
function hasFields(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((key) => key !== 'incident' && key !== 'verb');
}
