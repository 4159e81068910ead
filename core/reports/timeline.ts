import { PHASE_LABELS, type ResponseState } from '../playbooks/index.js';
import { when } from './format.js';
import { escapeText, table } from './markdown.js';

const KIND_LABELS = {
  start: 'Started',
  task: 'Task done',
  advance: 'Advanced',
  override: 'Override',
  note: 'Note',
  close: 'Closed',
} as const;

/**
 * Every step of the response in order: when, who, phase, what; the step's note or reason is
 * included because the timeline is the record an auditor reads (internal documents only).
 */
export function timelineTable(response: ResponseState | null): string {
  if (!response || response.steps.length === 0) return 'No response steps were recorded.';
  const rows = response.steps.map((step) => {
    const note = step.note && !step.text.includes(step.note) ? ` Note: ${step.note}` : '';
    return [
      when(step.at),
      escapeText(step.by.name),
      PHASE_LABELS[step.phase],
      KIND_LABELS[step.kind],
      escapeText(`${step.text}${note}`),
    ];
  });
  return table(['When (UTC)', 'Who', 'Phase', 'Step', 'What'], rows);
}
