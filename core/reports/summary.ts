import { PHASE_LABELS } from '../playbooks/index.js';
import { when } from './format.js';
import { escapeText, facts } from './markdown.js';
import { type IncidentRecord } from './record.js';

const list = (items: readonly string[]): string =>
  items.length === 0 ? 'none' : items.map(escapeText).join(', ');

// Sentinel's own https link stays clickable; anything else is shown as inert text.
const link = (url: string): string =>
  /^https:\/\/[^\s<>()\\|`]+$/.test(url) ? `<${url}>` : escapeText(url);

/** The incident at a glance: the first section of both reports (internal documents only). */
export function incidentFacts(record: IncidentRecord): string {
  const { incident, response } = record;
  const ack = record.acknowledgedAt
    ? `${when(record.acknowledgedAt)}${record.acknowledgedBy ? ` by ${escapeText(record.acknowledgedBy)}` : ''}`
    : 'not acknowledged';
  const rows: [string, string][] = [
    ['Incident', `#${incident.number}`],
    ['Title', escapeText(incident.title) || 'untitled'],
    ['Severity', escapeText(incident.severity)],
    ['Sentinel status', escapeText(incident.status)],
    ['Data class', escapeText(record.dataClass)],
    ['Owner', incident.owner ? escapeText(incident.owner) : 'unassigned'],
    ['Created in Sentinel', when(incident.createdAt)],
    ['First received', when(record.firstReceivedAt)],
    ['Acknowledged', ack],
    ['Tactics', list(incident.tactics)],
    ['Alert products', list(incident.alertProducts)],
    ['Response phase', response ? PHASE_LABELS[response.phase] : 'no response started'],
  ];
  if (incident.url) rows.push(['Sentinel link', link(incident.url)]);
  return facts(rows);
}

/** The line under each document's title: when it was generated and how to treat it. */
export function generatedLine(record: IncidentRecord): string {
  return `Generated ${when(record.generatedAt)}. Confidential: may contain personal health information; share only with people who need it.`;
}
