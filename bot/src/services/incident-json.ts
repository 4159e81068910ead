import { currentAssessment } from '../../../core/breach/index.js';
import { CLASSIFICATIONS, REASONS_BY_CLASSIFICATION } from '../../../core/incidents/index.js';
import { PLAYBOOKS } from '../../../core/playbooks/index.js';
import type { StoredIncident } from '../store/incidents-repo.js';
import type { IncidentDetail } from './response-service.js';

/** One line of an incident's timeline, whatever recorded it. */
export interface TimelineEntry {
  at: string;
  by: string | null;
  kind: string;
  phase: string | null;
  text: string;
}

/** A row of `GET /api/incidents` (SPEC §9). */
export function incidentSummary(stored: StoredIncident, phase: string | null) {
  const i = stored.incident;
  return {
    number: i.number,
    title: i.title,
    severity: i.severity,
    status: i.status,
    dataClass: stored.dataClass,
    phase,
    owner: i.owner?.assignedTo ?? i.owner?.userPrincipalName ?? null,
    receivedAt: stored.firstReceivedAt,
    acknowledgedAt: stored.acknowledgedAt,
    escalated: stored.escalatedAt !== null,
    url: i.url,
  };
}

/**
 * `GET /api/incidents/:n`: the incident with its playbook progress, timeline (received,
 * acknowledged, every response step, every breach step, oldest first), breach obligations with
 * ISO-8601 due dates, and timings.
 */
export function incidentJson(detail: IncidentDetail) {
  const { stored, response, view } = detail;
  const breach = response.breach;
  const assessment = breach ? currentAssessment(breach) : null;
  return {
    ...incidentSummary(stored, response.state?.phase ?? null),
    description: stored.incident.description,
    acknowledgedBy: stored.acknowledgedBy,
    tactics: stored.incident.tactics,
    entities: stored.incident.entities,
    playbook: view
      ? {
          id: view.playbook.id,
          title: view.playbook.title,
          version: view.startedOnVersion,
          blocking: view.blocking,
          canAdvance: view.canAdvance,
          canClose: view.canClose,
          next: view.next,
          phases: view.phases,
        }
      : null,
    closure: view?.closure ?? null,
    timeline: timelineOf(detail),
    breach: breach
      ? {
          openedAt: breach.openedAt,
          discoveredAt: assessment?.discoveredAt ?? null,
          assessment,
          obligations: detail.obligations.map((o) => ({
            id: o.id,
            rule: o.rule,
            party: o.party,
            state: o.state,
            recipient: o.recipient,
            dueAt: o.dueAt,
            status: o.status,
            notifiedAt: o.notifiedAt,
            late: o.late,
            basis: o.basis,
          })),
          notifications: breach.notifications,
          decision: breach.decision,
        }
      : null,
    timings: response.timings,
    retainUntil: response.retainUntil,
    choices: choicesOf(detail),
  };
}

/**
 * What the tab may offer now, from the same rules the service applies: the playbooks to start
 * with, and the classifications a close accepts (with Sentinel's reasons for each).
 */
function choicesOf({ view }: IncidentDetail) {
  const closeAs = !view || view.closed ? [] : view.canClose ? CLASSIFICATIONS : view.closeAnytime;
  return {
    playbooks: view ? [] : Object.values(PLAYBOOKS).map(({ id, title }) => ({ id, title })),
    closeAs: closeAs.map((classification) => ({
      classification,
      reasons: REASONS_BY_CLASSIFICATION[classification as keyof typeof REASONS_BY_CLASSIFICATION],
    })),
  };
}

function timelineOf({ stored, response }: IncidentDetail): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    {
      at: stored.firstReceivedAt,
      by: null,
      kind: 'received',
      phase: null,
      text: 'Received from Microsoft Sentinel.',
    },
  ];
  if (stored.acknowledgedAt) {
    entries.push({
      at: stored.acknowledgedAt,
      by: stored.acknowledgedBy,
      kind: 'acknowledged',
      phase: null,
      text: `Acknowledged by ${stored.acknowledgedBy ?? 'someone'}.`,
    });
  }
  for (const step of response.state?.steps ?? []) {
    entries.push({
      at: step.at,
      by: step.by.name,
      kind: step.kind,
      phase: step.phase,
      text: step.text,
    });
  }
  const breach = response.breach;
  if (breach) {
    entries.push({
      at: breach.openedAt,
      by: breach.openedBy.name,
      kind: 'breach.opened',
      phase: null,
      text: 'Opened the breach track.',
    });
    for (const saved of breach.assessments) {
      entries.push({
        at: saved.at,
        by: saved.by.name,
        kind: 'breach.assessed',
        phase: null,
        text: `Saved a breach assessment (discovered ${saved.assessment.discoveredAt}).`,
      });
    }
    for (const notice of breach.notifications) {
      entries.push({
        at: notice.at,
        by: notice.by,
        kind: 'breach.notified',
        phase: null,
        text: `Notified ${notice.party}${notice.state ? ` (${notice.state})` : ''}${notice.method ? ` by ${notice.method}` : ''}.`,
      });
    }
    if (breach.decision) {
      entries.push({
        at: breach.decision.signedOffAt,
        by: breach.decision.signedOffBy.name,
        kind: 'breach.not_reportable',
        phase: null,
        text: `Decided not reportable: ${breach.decision.reasoning}`,
      });
    }
  }
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
}
