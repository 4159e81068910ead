import type { AuditEntry } from '../../../core/audit/index.js';
import type { AuditRepository } from '../store/audit-repo.js';

export type ExportFormat = 'jsonl' | 'csv';

const CSV_COLUMNS = [
  'seq',
  'ts',
  'actorId',
  'actorName',
  'actorKind',
  'roles',
  'action',
  'targetType',
  'targetId',
  'dataClass',
  'outcome',
  'channel',
  'requestId',
  'details',
  'prevHash',
  'hash',
];

/** The whole trail, in seq order, a page at a time, as JSONL (one entry per line) or CSV. */
export async function* exportAudit(
  repo: AuditRepository,
  format: ExportFormat,
  pageSize = 5000,
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  let after = 0;
  for (;;) {
    const page = await repo.page(after, pageSize);
    if (page.length === 0) return;
    yield (
      page.map((entry) => (format === 'jsonl' ? JSON.stringify(entry) : csvRow(entry))).join('\n') +
      '\n'
    );
    after = (page[page.length - 1] as AuditEntry).seq;
  }
}

function csvRow(e: AuditEntry): string {
  const cells = [
    e.seq,
    e.ts,
    e.actor.id,
    e.actor.name,
    e.actor.kind,
    e.roles.join(' '),
    e.action,
    e.target.type,
    e.target.id,
    e.dataClass ?? '',
    e.outcome,
    e.channel,
    e.requestId ?? '',
    JSON.stringify(e.details),
    e.prevHash,
    e.hash,
  ];
  return cells.map((c) => csvCell(String(c))).join(',');
}

/** Quotes a cell, and defuses spreadsheet formulas (a cell starting with = + - @). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
