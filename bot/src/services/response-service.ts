import { can, type ClassAction } from '../../../core/access/index.js';
import type { Json } from '../../../core/audit/index.js';
import {
  type BreachSettings,
  breachObligations,
  retainUntil,
  type TrackedObligation,
} from '../../../core/breach/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import {
  advance,
  choosePlaybook,
  close,
  closingSummary,
  completeTask,
  type EngineFailure,
  note,
  type Playbook,
  playbookById,
  PLAYBOOKS,
  type PlaybookLibrary,
  type ResponseView,
  start,
  type StepActor,
  timings,
  view,
} from '../../../core/playbooks/index.js';
import type { IncidentsRepository, StoredIncident } from '../store/incidents-repo.js';
import type { ResponsesRepository, StoredResponse } from '../store/responses-repo.js';
import type { AccessService } from './access-service.js';
import type { Clock } from './audit-trail.js';
import type { RequestContext } from './context.js';
import type { IncidentActions } from './incident-actions.js';

/** An incident with its response, as the API and the cards show it. */
export interface IncidentDetail {
  stored: StoredIncident;
  response: StoredResponse;
  playbook: Playbook | null;
  view: ResponseView | null;
  obligations: TrackedObligation[];
}

/** What a change does: the new document, what the audit entry says, and work after saving. */
export interface Outcome {
  next: StoredResponse;
  audit: { [key: string]: Json };
  after?: (saved: StoredResponse) => Promise<void>;
}

export interface ResponseDeps {
  incidents: IncidentsRepository;
  responses: ResponsesRepository;
  actions: IncidentActions;
  access: AccessService;
  clock: Clock;
  playbooks?: PlaybookLibrary;
  breachSettings?: Partial<BreachSettings>;
  /** Masks PHI in text leaving for Sentinel (the closing summary). */
  redact?: (text: string) => string;
}

/** How many times a change is re-run on fresh data when someone else saved first. */
const ATTEMPTS = 5;

/**
 * The incident response of SPEC §4, shared by chat, cards and the tab API: the policy first,
 * the playbook engine's rules, one saved document per change (optimistic, re-run on a race),
 * an audit entry for every step and every refusal, and every copy of the card updated after.
 */
export class ResponseService {
  constructor(readonly deps: ResponseDeps) {}

  get playbooks(): PlaybookLibrary {
    return this.deps.playbooks ?? PLAYBOOKS;
  }

  async detail(ctx: RequestContext, number: number): Promise<IncidentDetail> {
    return this.describe(
      await this.deps.actions.get(ctx, number),
      await this.deps.responses.get(number),
    );
  }

  respond(ctx: RequestContext, number: number, playbookId: string | null) {
    return this.change(ctx, number, 'act', 'incident.respond', (stored, response, at, by) => {
      if (response.state) {
        throw refused(
          `#${number} already runs the ${response.state.playbookId} playbook (phase ${response.state.phase}).`,
        );
      }
      const id = playbookId ?? choosePlaybook(stored.incident, this.playbooks);
      const playbook = playbookById(id, this.playbooks);
      if (!playbook) {
        throw new CockpitError(
          'bad_request',
          `"${id}" is not a playbook; use ${Object.keys(this.playbooks).join(', ')}.`,
        );
      }
      const why = playbookId ? `picked by ${by.name}` : 'chosen from the incident';
      const result = start(playbook, by, at, { why });
      if (!result.ok) throw engineError(result);
      return {
        next: { ...response, state: result.state },
        audit: { playbook: playbook.id, chosen: playbookId ? 'by person' : 'automatically' },
      };
    });
  }

  done(ctx: RequestContext, number: number, task: string, text: string | null) {
    return this.change(ctx, number, 'act', 'playbook.done', (_stored, response, at, by) => {
      const { state, playbook } = this.running(number, response);
      const result = completeTask(state, playbook, task, by, at, text ?? undefined);
      if (!result.ok) throw engineError(result);
      return {
        next: { ...response, state: result.state },
        audit: { task: task.toLowerCase(), already: result.already === true, noted: !!text },
      };
    });
  }

  /**
   * Moves to the next phase. An override reason passes an open gate only for someone with
   * `full` on the incident's class; with nothing open the reason is not needed.
   */
  advance(ctx: RequestContext, number: number, override: string | null) {
    const action = override ? 'playbook.override' : 'playbook.advance';
    return this.change(ctx, number, 'act', action, (stored, response, at, by) => {
      const { state, playbook } = this.running(number, response);
      const mayOverride = can(ctx.actor, 'override_gate', stored.dataClass).allowed;
      const result = advance(state, playbook, by, at, { override, mayOverride });
      if (!result.ok) throw engineError(result);
      return {
        next: { ...response, state: result.state },
        audit: {
          from: state.phase,
          to: result.state.phase,
          overridden: result.step.kind === 'override',
        },
      };
    });
  }

  note(ctx: RequestContext, number: number, text: string) {
    return this.change(ctx, number, 'act', 'incident.note', (_stored, response, at, by) => {
      const { state } = this.running(number, response, { closedToo: true });
      const result = note(state, by, at, text);
      if (!result.ok) throw engineError(result);
      return { next: { ...response, state: result.state }, audit: { phase: state.phase } };
    });
  }

  /**
   * Closes the response (gate: lessons learned done, unless FalsePositive or BenignPositive),
   * marks the incident Closed, keeps the record 6 years from now, and in azure mode writes the
   * classification and a summary comment back to Sentinel.
   */
  close(
    ctx: RequestContext,
    number: number,
    input: { classification: string; reason: string | null; summary: string | null },
  ) {
    return this.change(ctx, number, 'act', 'incident.close', (stored, response, at, by) => {
      const { state, playbook } = this.running(number, response);
      const result = close(state, playbook, by, at, input);
      if (!result.ok) throw engineError(result);
      const closure = result.state.closure;
      const next = { ...response, state: result.state, closedAt: at, retainUntil: retainUntil(at) };
      return {
        next,
        audit: { classification: closure?.classification ?? null, reason: closure?.reason ?? null },
        after: async (saved) => {
          await this.deps.incidents.amend(number, { status: 'Closed' }, this.deps.clock());
          const summary = input.summary ? (this.deps.redact ?? ((t) => t))(input.summary) : null;
          const comment = closingSummary(
            saved.state ?? result.state,
            playbook,
            saved.timings ?? this.timingsOf(stored, result.state, at),
            summary,
          );
          await this.deps.actions.writeBack(
            ctx,
            stored,
            'close',
            {
              status: 'Closed',
              ...(closure ? { classification: closure.classification } : {}),
              ...(closure?.reason ? { classificationReason: closure.reason } : {}),
              classificationComment: comment,
            },
            comment,
          );
        },
      };
    });
  }

  /** The running response and its playbook, or a refusal saying how to start one. */
  running(number: number, response: StoredResponse, opts: { closedToo?: boolean } = {}) {
    const state = response.state;
    if (!state)
      throw refused(`#${number} has no response yet: start it with \`respond ${number}\`.`);
    const playbook = playbookById(state.playbookId, this.playbooks);
    if (!playbook) {
      throw new CockpitError(
        'internal',
        `The ${state.playbookId} playbook of #${number} is no longer installed.`,
      );
    }
    if (state.phase === 'closed' && !opts.closedToo) {
      throw refused(`#${number} is closed; only notes can be added now.`);
    }
    return { state, playbook };
  }

  /**
   * Runs `mutate` on the current document and saves it if nobody saved in between (else runs
   * it again on the fresh one). Refusals are audited with what was refused and why.
   */
  async change(
    ctx: RequestContext,
    number: number,
    need: ClassAction,
    action: string,
    mutate: (
      stored: StoredIncident,
      response: StoredResponse,
      at: string,
      by: StepActor,
    ) => Outcome,
  ): Promise<IncidentDetail> {
    const stored = await this.deps.actions.actOn(ctx, number, need);
    const by = { id: ctx.actor.id, name: ctx.actor.name };
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const response = await this.deps.responses.get(number);
      const now = this.deps.clock();
      const at = now.toISOString();
      let outcome: Outcome;
      try {
        outcome = mutate(stored, response, at, by);
      } catch (error) {
        const code = error instanceof CockpitError ? error.code : 'internal';
        const outcome = code === 'forbidden' ? 'denied' : 'error';
        await this.deps.access.record(ctx, action, target(number), outcome, stored.dataClass, {
          refused: code,
        });
        throw error;
      }
      const next = outcome.next.state
        ? { ...outcome.next, timings: this.timingsOf(stored, outcome.next.state, at) }
        : outcome.next;
      if (!(await this.deps.responses.save(next, now))) continue;
      const saved = { ...next, revision: next.revision + 1 };
      await this.deps.access.record(
        ctx,
        action,
        target(number),
        'allowed',
        stored.dataClass,
        outcome.audit,
      );
      await outcome.after?.(saved);
      const fresh = await this.deps.actions.refreshed(number);
      return this.describe(fresh, saved);
    }
    throw refused(`Others changed #${number} at the same moment; try again.`);
  }

  describe(stored: StoredIncident, response: StoredResponse): IncidentDetail {
    const playbook = response.state
      ? (playbookById(response.state.playbookId, this.playbooks) ?? null)
      : null;
    const now = this.deps.clock().toISOString();
    return {
      stored,
      response,
      playbook,
      view: response.state && playbook ? view(response.state, playbook) : null,
      obligations: response.breach
        ? breachObligations(response.breach, now, this.deps.breachSettings)
        : [],
    };
  }

  private timingsOf(stored: StoredIncident, state: StoredResponse['state'] & object, at: string) {
    return timings(
      state,
      { firstReceivedAt: stored.firstReceivedAt, acknowledgedAt: stored.acknowledgedAt },
      at,
    );
  }
}

function refused(message: string): CockpitError {
  return new CockpitError('refused', message);
}

/** Engine refusals at the edge: bad input is 400, a gate or a state that forbids it is 409. */
function engineError(failure: EngineFailure): CockpitError {
  switch (failure.code) {
    case 'invalid':
    case 'unknown_task':
    case 'wrong_playbook':
      return new CockpitError('bad_request', failure.message);
    case 'forbidden':
      return new CockpitError('forbidden', failure.message);
    default:
      return new CockpitError(
        'refused',
        failure.message,
        failure.open ? { open: failure.open } : undefined,
      );
  }
}

export const target = (number: number) => ({ type: 'incident', id: String(number) });
