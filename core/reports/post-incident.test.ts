import { describe, expect, it } from '@jest/globals';
import { postIncidentReport } from './post-incident.js';
import { bareIncident, breachIncident, falsePositiveIncident } from './test-records.js';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('postIncidentReport of a closed true positive', () => {
  const report = postIncidentReport(breachIncident());

  it('names the playbook and the version the response ran on', () => {
    const playbook = section(report, 'Playbook');
    expect(playbook).toContain(
      '| Playbook | Unauthorized access to or disclosure of PHI (`unauthorized-phi-access`) |',
    );
    expect(playbook).toContain('| Started on version | 1 |');
  });

  it('gives time to acknowledge, contain and close, and per phase, readable and in seconds', () => {
    const timings = section(report, 'Timings');
    expect(timings).toContain('| Time to acknowledge | 9 min (540 s) |');
    expect(timings).toContain('| Time to contain | 8 h 06 min (29160 s) |');
    expect(timings).toContain('| Time to close | 5 d 10 h 06 min (468360 s) |');
    expect(timings).toContain('| In detection | 1 h 30 min (5400 s) |');
    expect(timings).toContain('| In lessons learned | 3 d 7 h 30 min (286200 s) |');
  });

  it('lists each phase with the tasks done (who, when, note) and those left open', () => {
    const phases = section(report, 'Phases and tasks');
    expect(phases).toContain('### Containment: left by override (1 of 3 tasks done)');
    expect(phases).toContain(
      "- [x] Suspend the user's access to PHI (`suspend-access`, required): done by Sam Clinician, 2026-03-02T20:00:00.000Z",
    );
    expect(phases).toContain(
      '- [ ] Retrieve or contain the disclosed PHI (`retrieve-disclosed-phi`, required): open',
    );
    expect(phases).toMatch(
      /Post-incident review held .*done by Dana Owner.*Note: Review held with all staff/,
    );
  });

  it('shows every override with its reason', () => {
    expect(section(report, 'Overrides')).toMatch(
      /\| 2026-03-02T22:00:00\.000Z .*\| Dana Owner \| Containment to Eradication \| Courier returning/,
    );
  });

  it('records the closure and the lessons learned', () => {
    expect(section(report, 'Closure')).toContain('| Classification | TruePositive |');
    expect(section(report, 'Closure')).toContain('| Closed by | Dana Owner |');
    const lessons = section(report, 'Lessons learned');
    expect(lessons).toContain(
      '- Post-incident review held: Review held with all staff (Dana Owner',
    );
    expect(lessons).toContain('- Update this playbook: Added a printout check');
    expect(lessons).toContain('\\# Injected heading');
  });

  it('has the full timeline and a short breach summary', () => {
    expect(section(report, 'Timeline').match(/^\| 2026-/gm)).toHaveLength(
      breachIncident().response?.steps.length ?? -1,
    );
    const breach = section(report, 'Breach track');
    expect(breach).toContain('| Individuals | US 620, Ontario 40, Canada 45 |');
    expect(breach).toContain('done 5, overdue 2');
  });

  it('cannot be given a heading or link by a note', () => {
    expect(report).not.toMatch(/^#+ Injected/m);
    expect(report).not.toMatch(/(?<!\\)\]\(/);
  });
});

describe('postIncidentReport of smaller incidents', () => {
  it('a false positive closed from analysis: skipped phases, no breach track', () => {
    const report = postIncidentReport(falsePositiveIncident());
    expect(report).toContain('### Containment: skipped (closed before reaching it)');
    expect(section(report, 'Closure')).toContain('| Reason | InaccurateData |');
    expect(section(report, 'Lessons learned')).toContain('No lessons-learned notes were recorded.');
    expect(section(report, 'Breach track')).toContain('No breach track was opened.');
  });

  it('an alert nobody responded to', () => {
    const report = postIncidentReport(bareIncident());
    expect(report).toContain('No response playbook was started for this incident.');
    expect(section(report, 'Timings')).toContain('No timings');
    expect(section(report, 'Closure')).toContain('The response is not closed.');
  });
});
