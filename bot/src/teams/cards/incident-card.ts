import type { RecordClass } from '../../../../core/access/index.js';
import type { Incident, Severity } from '../../../../core/incidents/index.js';
import {
  card,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  text,
} from './adaptive-card.js';
import { execute, fitActions } from './card-actions.js';
import { responseSection, type ResponseSectionInput } from './response-section.js';

/** What an incident card shows; built from the stored incident, masked for shared places. */
export interface IncidentView {
  incident: Incident;
  dataClass: RecordClass;
  escalated: boolean;
  acknowledgedBy: string | null;
  /** The running or closed response, shown below the facts; absent before `respond`. */
  response?: ResponseSectionInput | null;
}

const SEVERITY_STYLE: Record<Severity, 'attention' | 'warning' | 'accent' | 'default'> = {
  High: 'attention',
  Medium: 'warning',
  Low: 'accent',
  Informational: 'default',
};

const MAX_ENTITIES = 8;
const MAX_DESCRIPTION = 600;

/**
 * The live card of one incident (Adaptive Card 1.5): header by severity, facts, a link; once a
 * response runs, its section below the facts, with the buttons folded to Teams' six.
 */
export function incidentCard(view: IncidentView): AdaptiveCard {
  const i = view.incident;
  const header: CardElement[] = [
    text(`#${i.number} · ${i.severity} · ${i.status}${view.escalated ? ' · ESCALATED' : ''}`, {
      weight: 'Bolder',
      color: view.escalated || i.severity === 'High' ? 'Attention' : 'Default',
    }),
    text(i.title, { size: 'Medium', weight: 'Bolder', spacing: 'None' }),
  ];
  const entities = i.entities.slice(0, MAX_ENTITIES).map((e) => `${e.kind}: ${e.name}`);
  if (i.entities.length > MAX_ENTITIES)
    entities.push(`… and ${i.entities.length - MAX_ENTITIES} more`);
  const facts = [
    { title: 'Data class', value: view.dataClass },
    { title: 'Owner', value: i.owner?.assignedTo ?? i.owner?.userPrincipalName ?? 'unassigned' },
    ...(view.acknowledgedBy ? [{ title: 'Acknowledged by', value: view.acknowledgedBy }] : []),
    ...(i.tactics.length > 0 ? [{ title: 'Tactics', value: i.tactics.join(', ') }] : []),
    ...(i.alertProducts.length > 0
      ? [{ title: 'Products', value: i.alertProducts.join(', ') }]
      : []),
    ...(entities.length > 0 ? [{ title: 'Entities', value: entities.join('; ') }] : []),
  ];
  const description = i.description
    ? [
        text(
          i.description.length > MAX_DESCRIPTION
            ? `${i.description.slice(0, MAX_DESCRIPTION)}…`
            : i.description,
          { isSubtle: true },
        ),
      ]
    : [];
  const body: CardElement[] = [
    { type: 'Container', style: SEVERITY_STYLE[i.severity], items: header },
    ...description,
    { type: 'FactSet', facts },
  ];
  const ack = view.acknowledgedBy
    ? []
    : [execute('Acknowledge', 'incident.ack', { incident: i.number })];
  const assign = execute('Assign to me', 'incident.assign', { incident: i.number, to: 'me' });
  const details = execute('Details', 'incident.details', { incident: i.number });
  const link: CardAction[] = i.url
    ? [{ type: 'Action.OpenUrl' as const, title: 'Open in Sentinel', url: i.url }]
    : [];
  if (!view.response) return card(body, [...ack, assign, details, ...link]);
  const section = responseSection(view.response);
  // A closed response leaves nothing to acknowledge or take on; the details stay readable.
  const own = view.response.view.closed ? [details] : [...ack, assign, details];
  return card([...body, ...section.body], fitActions([...own, ...section.actions, ...link]));
}
