import {
  type BreachRecord,
  DOCUMENTATION_RETENTION,
  retainUntil,
  type TrackedObligation,
} from '../breach/index.js';
import { when } from './format.js';
import { blocks, escapeText, facts, quote, table, yesNo } from './markdown.js';
import { closedAt, type IncidentRecord } from './record.js';

const STATUS_LABELS = {
  pending: 'pending',
  due_soon: 'due soon',
  overdue: 'OVERDUE',
  done: 'done',
} as const;

function dueText(o: TrackedObligation): string {
  return o.dueAt === null ? 'no date: per the payment brands’ rules' : when(o.dueAt);
}

/** Every obligation: a table to scan, then each one's details and basis. */
export function obligationsSection(record: IncidentRecord): string {
  const list = record.obligations;
  if (list.length === 0) {
    return blocks(
      `## Obligations (as of ${when(record.generatedAt)})`,
      'The current assessment creates no obligation.',
    ).trimEnd();
  }
  const rows = list.map((o) => [
    escapeText(o.rule),
    o.party,
    o.dueAt === null ? 'no date' : when(o.dueAt),
    STATUS_LABELS[o.status],
  ]);
  const details = list.map((o, i) =>
    [
      `### ${i + 1}. ${escapeText(o.rule)}: ${escapeText(o.recipient)}`,
      '',
      `- Party: ${o.party}${o.state ? ` (${o.state})` : ''}`,
      `- Kind: ${o.kind === 'notify' ? 'notice to send' : 'record or report to keep'}`,
      `- Clock started: ${when(o.since)}`,
      `- Due: ${dueText(o)}`,
      `- Status: ${STATUS_LABELS[o.status]}`,
      `- Notified at: ${when(o.notifiedAt, 'not yet')}`,
      `- Late: ${yesNo(o.late)}`,
      `- Basis: ${escapeText(o.basis)}`,
    ].join('\n'),
  );
  return blocks(
    `## Obligations (as of ${when(record.generatedAt)})`,
    table(['Rule', 'Party', 'Due (UTC)', 'Status'], rows),
    ...details,
  ).trimEnd();
}

/** The notices logged, in the order they were logged. */
export function notificationsSection(breach: BreachRecord): string {
  if (breach.notifications.length === 0) {
    return '## Notification log\n\nNo notice has been logged.';
  }
  const rows = breach.notifications.map((n) => [
    n.party,
    n.state ?? '',
    when(n.at),
    n.method ? escapeText(n.method) : 'not recorded',
    escapeText(n.by),
  ]);
  return blocks(
    '## Notification log',
    table(['Party', 'State', 'Sent at (UTC)', 'Method', 'Logged by'], rows),
  ).trimEnd();
}

/** The signed not-reportable decision, or why there is none. */
export function decisionSection(record: IncidentRecord, breach: BreachRecord): string {
  const decision = breach.decision;
  const heading = '## Not-reportable decision';
  if (decision) {
    return blocks(
      heading,
      `Signed off by ${escapeText(decision.signedOffBy.name)} on ${when(decision.signedOffAt)}. Reasoning:`,
      quote(decision.reasoning),
    ).trimEnd();
  }
  if (breach.assessments.length === 0) return `${heading}\n\nNone: not assessed yet.`;
  if (record.obligations.length > 0) {
    return `${heading}\n\nNone: the assessment creates obligations, so no such decision can stand.`;
  }
  return `${heading}\n\nNOT SIGNED: the assessment creates no obligation, and HIPAA 164.414(b) puts the burden of showing no notice was needed on the practice. Record a signed not-reportable decision with its reasoning.`;
}

/** How long the record is kept and from when. */
export function retentionSection(record: IncidentRecord): string {
  const closed = closedAt(record);
  const rule = `${DOCUMENTATION_RETENTION.years} years after closing (${DOCUMENTATION_RETENTION.basis})`;
  const rows: [string, string][] = closed
    ? [
        ['Closed', when(closed)],
        ['Keep until', when(retainUntil(closed))],
        ['Rule', rule],
      ]
    : [
        ['Closed', 'not yet'],
        ['Keep until', `${rule}; the date is set when the incident closes`],
      ];
  return blocks('## Retention', facts(rows)).trimEnd();
}
