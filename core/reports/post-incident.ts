import { currentAssessment } from '../breach/index.js';
import { PHASE_LABELS, type ResponseState } from '../playbooks/index.js';
import { when } from './format.js';
import { blocks, escapeText, facts } from './markdown.js';
import { type IncidentRecord } from './record.js';
import {
  overridesSection,
  phasesSection,
  playbookSection,
  timingsSection,
} from './response-sections.js';
import { generatedLine, incidentFacts } from './summary.js';
import { timelineTable } from './timeline.js';

function closureSection(record: IncidentRecord): string {
  const closure = record.response?.closure;
  if (closure) {
    return blocks(
      '## Closure',
      facts([
        ['Classification', closure.classification],
        ['Reason', closure.reason ?? 'none given'],
        ['Closed by', escapeText(closure.by.name)],
        ['Closed at', when(closure.at)],
      ]),
    ).trimEnd();
  }
  const { classification, classificationReason } = record.incident;
  const sentinel = classification
    ? ` Sentinel shows ${escapeText(classification)}${classificationReason ? ` (${escapeText(classificationReason)})` : ''}.`
    : '';
  return `## Closure\n\nThe response is not closed.${sentinel}`;
}

/** Notes of the lessons-learned tasks, and notes added while in that phase. */
function lessonsSection(record: IncidentRecord): string {
  const response = record.response;
  const heading = '## Lessons learned';
  if (!response) return `${heading}\n\nNo response was started, so no review was recorded.`;
  const ids = record.playbook?.phases.lessons_learned.map((t) => t.id) ?? [];
  const lines: string[] = [];
  for (const step of response.steps) {
    const inPhase = step.phase === 'lessons_learned';
    if (step.kind === 'task' && step.task && ids.includes(step.task) && step.note) {
      const title = record.playbook?.phases.lessons_learned.find((t) => t.id === step.task)?.title;
      lines.push(
        `- ${escapeText(title ?? step.task)}: ${escapeText(step.note)} (${escapeText(step.by.name)}, ${when(step.at)})`,
      );
    } else if (step.kind === 'note' && inPhase) {
      lines.push(
        `- Note: ${escapeText(step.text)} (${escapeText(step.by.name)}, ${when(step.at)})`,
      );
    }
  }
  if (lines.length === 0) return `${heading}\n\nNo lessons-learned notes were recorded.`;
  return `${heading}\n\n${lines.join('\n')}`;
}

function breachSummary(record: IncidentRecord): string {
  const breach = record.breach;
  if (!breach) return '## Breach track\n\nNo breach track was opened.';
  const a = currentAssessment(breach);
  const count = (status: string) => record.obligations.filter((o) => o.status === status).length;
  const late = record.obligations.filter((o) => o.late).length;
  const rows: [string, string][] = [
    ['Opened', when(breach.openedAt)],
    ['Discovered', a ? when(a.discoveredAt) : 'not assessed yet'],
    [
      'Individuals',
      a
        ? `US ${a.usIndividuals}, Ontario ${a.ontarioIndividuals}, Canada ${a.canadaIndividuals}`
        : 'not assessed yet',
    ],
    [
      'Obligations',
      `${record.obligations.length} (done ${count('done')}, overdue ${count('overdue')}, due soon ${count('due_soon')}, pending ${count('pending')}; ${late} met late)`,
    ],
    ['Notices logged', String(breach.notifications.length)],
    [
      'Not-reportable decision',
      breach.decision
        ? `signed by ${escapeText(breach.decision.signedOffBy.name)}, ${when(breach.decision.signedOffAt)}`
        : 'none',
    ],
  ];
  return blocks('## Breach track', facts(rows), 'The breach report has the details.').trimEnd();
}

function responseParts(record: IncidentRecord, response: ResponseState): string[] {
  return [
    playbookSection(response, record.playbook),
    timingsSection(record.timings),
    phasesSection(response, record.playbook),
    overridesSection(response),
  ];
}

/**
 * The post-incident (lessons learned) report: summary, playbook and version, timings (readable
 * and in seconds), each phase's tasks done and open, overrides with reasons, the timeline,
 * closure, the lessons-learned notes and a short breach summary. Markdown; pure.
 */
export function postIncidentReport(record: IncidentRecord): string {
  const response = record.response;
  return blocks(
    `# Post-incident report: incident #${record.incident.number}`,
    generatedLine(record),
    '## Summary',
    incidentFacts(record),
    response
      ? `Current phase: ${PHASE_LABELS[response.phase]}.`
      : 'No response playbook was started for this incident.',
    ...(response ? responseParts(record, response) : [timingsSection(record.timings)]),
    blocks('## Timeline', timelineTable(response)).trimEnd(),
    closureSection(record),
    lessonsSection(record),
    breachSummary(record),
  );
}
