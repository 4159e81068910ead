import { describe, expect, it } from '@jest/globals';
import { retainUntil } from '../breach/index.js';
import { breachReport } from './breach-report.js';
import {
  bareIncident,
  breachIncident,
  clearedIncident,
  falsePositiveIncident,
  recordOf,
} from './test-records.js';

/** The lines of one `## ` section. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('breachReport of a breach under every law', () => {
  const record = breachIncident();
  const report = breachReport(record);

  it('opens with the incident and when the breach was discovered', () => {
    expect(report).toMatch(/^# Breach report: incident #42\n/);
    expect(report).toContain('| Severity | High |');
    expect(section(report, 'Breach track')).toContain(
      '| Discovered | 2026-03-02T18:00:00.000Z (Monday 2 March 2026, 18:00 UTC) |',
    );
  });

  it('shows the assessment in force law by law, with the s.6.3 circumstances in words', () => {
    const current = section(report, 'Current assessment');
    expect(current).toContain('by Dana Owner');
    expect(current).toContain('Presumed breach of unsecured PHI (164.402)');
    expect(current).toContain('Four factors (45 CFR 164.402(2))');
    expect(current).toContain('Exceptions (45 CFR 164.402(1))');
    expect(current).toMatch(/\| `stolen` \| stolen \| yes \|/);
    expect(current).toMatch(/\| `pattern` \| part of a pattern .* \| no \|/);
    expect(current).toContain('| Real risk of significant harm (s.10.1) | yes |');
    expect(current).toContain('| Cardholder data involved | no |');
    expect(current).toContain('| US: California (CA) | 520 (more than 500: media notice) |');
    expect(current).toContain('| US: state not recorded | 20 |');
    expect(current).toContain('| Canada: Ontario | 40 |');
  });

  it('keeps every assessment saved, who saved it and when', () => {
    const history = section(report, 'Assessment history');
    expect(history).toMatch(/\| 1 \| 2026-03-02T18:30:00.000Z .*\| Sam Clinician \|.*US 10/);
    expect(history).toMatch(/\| 2 \| 2026-03-02T19:00:00.000Z .*\| Dana Owner \|.*US 620/);
  });

  it('lists every obligation with rule, party, recipient, due date, status, notice, lateness and basis', () => {
    const duties = section(report, 'Obligations');
    for (const o of record.obligations) {
      expect(duties).toContain(`${o.rule}: ${o.recipient}`);
      expect(duties).toContain(o.basis);
      if (o.dueAt) expect(duties).toContain(`- Due: ${o.dueAt}`);
    }
    expect(duties).toMatch(
      /\| PIPEDA s\.10\.1\(1\) \| opc \| 2026-03-05T18:00:00\.000Z .* \| OVERDUE \|/,
    );
    const ipc = duties.slice(duties.indexOf('PHIPA s.12(3)'));
    expect(ipc).toMatch(/Notified at: 2026-03-06T08:00:00\.000Z[^\n]*\n- Late: yes/);
  });

  it('logs each notice with party, time, method and who logged it', () => {
    const log = section(report, 'Notification log');
    expect(log).toMatch(
      /\| media \| CA \| 2026-03-06T18:00:00\.000Z .*\| press release \| Dana Owner \|/,
    );
    expect(log).toMatch(/\| ipc \| {2}\| 2026-03-06T08:00:00\.000Z .*\| IPC online form \|/);
  });

  it('says how long the record is kept, from the closing', () => {
    const closedAt = record.response?.closure?.at as string;
    expect(section(report, 'Retention')).toContain(`| Keep until | ${retainUntil(closedAt)}`);
  });

  it('ends with the response timeline', () => {
    const timeline = section(report, 'Response timeline');
    expect(timeline).toContain('Closed as TruePositive (SuspiciousActivity)');
    expect(timeline).toContain('by override with 1 required task open');
  });

  it('escapes notes so they cannot add headings, links or HTML', () => {
    expect(report).not.toMatch(/^#+ Injected/m);
    expect(report).not.toMatch(/(?<!\\)\]\(/);
    expect(report).not.toContain('<b>');
    expect(report).toContain('\\# Injected heading');
  });

  it('is the same text for the same record', () => {
    expect(breachReport(breachIncident())).toBe(report);
  });
});

describe('breachReport without a notice to send', () => {
  it('says plainly when no breach track was opened', () => {
    for (const record of [falsePositiveIncident(), bareIncident()]) {
      const report = breachReport(record);
      expect(report).toContain('No breach track was opened for this incident');
      expect(report).not.toContain('## Obligations');
    }
  });

  it('keeps the signed not-reportable decision with its reasoning', () => {
    const decision = section(breachReport(clearedIncident()), 'Not-reportable decision');
    expect(decision).toContain('Signed off by Dana Owner on 2026-03-02T20:00:00.000Z');
    expect(decision).toContain('> The disclosed list held no identifiers and was deleted unread.');
  });

  it('warns when nothing is owed and nobody has signed that off', () => {
    const cleared = clearedIncident();
    const breach = cleared.breach ? { ...cleared.breach, decision: null } : null;
    const report = breachReport(recordOf({ ...cleared, breach }));
    expect(section(report, 'Not-reportable decision')).toContain('NOT SIGNED');
    expect(section(report, 'Obligations')).toContain('creates no obligation');
  });

  it('says the retention date is set at closing while the incident is open', () => {
    const report = breachReport(clearedIncident());
    expect(section(report, 'Retention')).toContain('the date is set when the incident closes');
  });
});
