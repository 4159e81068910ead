import { type BreachSettings, breachObligations } from '../../../core/breach/index.js';
import {
  playbookById,
  PLAYBOOKS,
  type PlaybookLibrary,
  view,
} from '../../../core/playbooks/index.js';
import type { StoredIncident } from '../store/incidents-repo.js';
import type { ResponsesRepository, StoredResponse } from '../store/responses-repo.js';
import type { AdaptiveCard } from '../teams/cards/adaptive-card.js';
import { incidentCard } from '../teams/cards/incident-card.js';
import type { Clock } from './audit-trail.js';

/**
 * The one live card of an incident (ARCHITECTURE rule 6): the incident's facts, and once a
 * response runs, its phase, checklist, what blocks the next step and the breach deadlines.
 * Every place that shows the card (delivery, replies, Details) builds it here.
 */
export class IncidentCards {
  constructor(
    private readonly deps: {
      responses: ResponsesRepository;
      clock: Clock;
      playbooks?: PlaybookLibrary;
      breachSettings?: Partial<BreachSettings>;
    },
  ) {}

  async build(stored: StoredIncident, known?: StoredResponse): Promise<AdaptiveCard> {
    const response = known ?? (await this.deps.responses.get(stored.incident.number));
    return incidentCard({
      incident: stored.incident,
      dataClass: stored.dataClass,
      escalated: stored.escalatedAt !== null,
      acknowledgedBy: stored.acknowledgedBy,
      response: this.section(stored.incident.number, response),
    });
  }

  private section(incidentNumber: number, response: StoredResponse) {
    const state = response.state;
    const playbook = state
      ? playbookById(state.playbookId, this.deps.playbooks ?? PLAYBOOKS)
      : null;
    if (!state || !playbook) return null;
    const now = this.deps.clock().toISOString();
    const breach = response.breach;
    return {
      incidentNumber,
      view: view(state, playbook),
      breach: breach
        ? {
            obligations: breachObligations(breach, now, this.deps.breachSettings),
            notReportable: breach.decision !== null,
            assessed: breach.assessments.length > 0,
          }
        : null,
      now,
    };
  }
}
