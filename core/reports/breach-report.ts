import { assessmentSection, historySection } from './breach-assessment.js';
import {
  decisionSection,
  notificationsSection,
  obligationsSection,
  retentionSection,
} from './breach-duties.js';
import { when } from './format.js';
import { blocks, escapeText, facts } from './markdown.js';
import { type IncidentRecord } from './record.js';
import { generatedLine, incidentFacts } from './summary.js';
import { timelineTable } from './timeline.js';

/**
 * The breach report of one incident (SPEC §4: assessment, notices and the final report are
 * part of the incident record): the incident, discovery, the assessment in force and its
 * history, every obligation with its deadline and status, the notices logged, the
 * not-reportable decision, retention and the response timeline. An incident without a breach
 * track still gets a report that says so. Markdown; pure.
 */
export function breachReport(record: IncidentRecord): string {
  const title = `# Breach report: incident #${record.incident.number}`;
  const intro = generatedLine(record);
  const incident = blocks('## Incident', incidentFacts(record)).trimEnd();
  const timeline = blocks('## Response timeline', timelineTable(record.response)).trimEnd();
  const breach = record.breach;
  if (!breach) {
    return blocks(
      title,
      intro,
      incident,
      '## Breach track',
      'No breach track was opened for this incident: nobody recorded that PHI or personal information was involved, so no breach assessment, obligation or notice exists.',
      retentionSection(record),
      timeline,
    );
  }
  const assessment = breach.assessments.at(-1)?.assessment ?? null;
  return blocks(
    title,
    intro,
    incident,
    '## Breach track',
    facts([
      ['Opened', `${when(breach.openedAt)} by ${escapeText(breach.openedBy.name)}`],
      ['Discovered', assessment ? when(assessment.discoveredAt) : 'not assessed yet'],
      ['Assessments saved', String(breach.assessments.length)],
      ['Notices logged', String(breach.notifications.length)],
    ]),
    assessmentSection(breach),
    historySection(breach),
    obligationsSection(record),
    notificationsSection(breach),
    decisionSection(record, breach),
    retentionSection(record),
    timeline,
  );
}
