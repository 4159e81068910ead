import type { RecordClass } from '../../../../core/access/index.js';
import type { Incident, Severity } from '../../../../core/incidents/index.js';
import { card, type AdaptiveCard, type CardElement, text } from './adaptive-card.js';

/** What an incident card shows; built from the stored incident, masked for shared places. */
export interface IncidentView {
  incident: Incident;
  dataClass: RecordClass;
  escalated: boolean;
  acknowledgedBy: string | null;
}

const SEVERITY_STYLE: Record<Severity, 'attention' | 'warning' | 'accent' | 'default'> = {
  High: 'attention',
  Medium: 'warning',
  Low: 'accent',
  Informational: 'default',
};

const MAX_ENTITIES = 8;
const MAX_DESCRIPTION = 600;

/** The live card of one incident (Adaptive Card 1.5): header by severity, facts, a link. */
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
  return card(
    [
      { type: 'Container', style: SEVERITY_STYLE[i.severity], items: header },
      ...description,
      { type: 'FactSet', facts },
    ],
    [
      ...(view.acknowledgedBy
        ? []
        : [execute('Acknowledge', 'incident.ack', { incident: i.number })]),
      execute('Assign to me', 'incident.assign', { incident: i.number, to: 'me' }),
      execute('Details', 'incident.details', { incident: i.number }),
      ...(i.url
        ? [{ type: 'Action.OpenUrl' as const, title: 'Open in Sentinel', url: i.url }]
        : []),
    ],
  );
}

function execute(title: string, verb: string, data: Record<string, unknown>) {
  return { type: 'Action.Execute' as const, title, verb, data };
}
