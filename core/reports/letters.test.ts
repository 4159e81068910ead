import { describe, expect, it } from '@jest/globals';
import { LETTER_KINDS, type LetterKind, lettersFor, notificationLetter } from './letters.js';
import { blankAssessment, openBreach, withAssessment } from '../breach/index.js';
import {
  bareIncident,
  breachIncident,
  clearedIncident,
  dana,
  OHIP,
  PATIENT,
  recordOf,
  t,
} from './test-records.js';

const record = breachIncident();
const letter = (kind: LetterKind) => notificationLetter(record, kind).markdown;

describe('lettersFor', () => {
  it('lists one letter per notice the obligations require, and one media notice per state', () => {
    expect(lettersFor(record).map((l) => [l.kind, l.state])).toEqual([
      ['hipaa-individual', null],
      ['media', 'CA'],
      ['hhs', null],
      ['phipa-individual', null],
      ['ipc', null],
      ['pipeda-opc', null],
      ['pipeda-individual', null],
    ]);
    expect(lettersFor(record)[1]?.title).toBe(
      'Notice to the media (HIPAA 45 CFR 164.406): California',
    );
  });

  it('lists none when nothing is owed', () => {
    expect(lettersFor(clearedIncident())).toEqual([]);
    expect(lettersFor(bareIncident())).toEqual([]);
  });
});

describe('every letter', () => {
  it.each(LETTER_KINDS)('%s is a marked draft with the practice and incident number', (kind) => {
    const { title, markdown } = notificationLetter(record, kind);
    expect(title).toMatch(/^DRAFT .*incident #42$/);
    expect(markdown).toContain('**DRAFT for review: not sent.** Prepared from incident #42');
    expect(markdown).toContain('Maple Family Health');
  });

  it.each(LETTER_KINDS)(
    '%s carries no PHI from the incident: no name, health number or title',
    (kind) => {
      for (const source of [record, bareIncident()]) {
        const { title, markdown } = notificationLetter(source, kind);
        for (const secret of [
          PATIENT,
          'Jane',
          'Quincy',
          OHIP,
          '1234-567-890',
          'Checked for',
          'Courier',
          'printout',
          'evil.example',
        ]) {
          expect(`${title}\n${markdown}`).not.toContain(secret);
        }
        expect(markdown).not.toContain(source.incident.title);
      }
    },
  );

  it.each(LETTER_KINDS)('%s writes placeholders where the record has no facts', (kind) => {
    const { markdown } = notificationLetter(bareIncident(), kind);
    expect(markdown).toContain('**[date the breach was discovered]**');
    expect(markdown).toContain('**[privacy contact: name, toll-free telephone number');
    expect(markdown).not.toMatch(/undefined|null|NaN/);
  });
});

describe('HIPAA letters', () => {
  it('the individual notice has the five elements of 164.404(c)(1)', () => {
    const text = letter('hipaa-individual');
    expect(text).toContain('[date of the breach'); // (A) date of breach
    expect(text).toContain('We discovered the breach on 2 March 2026.'); // (A) date of discovery
    expect(text).toContain('## What information was involved'); // (B)
    expect(text).toContain('[describe the types of information involved');
    expect(text).toContain('## What you can do'); // (C)
    expect(text).toContain('## What we are doing'); // (D)
    expect(text).toContain(
      'investigating the breach, limiting any harm and protecting against further breaches',
    );
    expect(text).toContain('Contact Privacy Officer, 1-888-555-0100, privacy@maple.example.'); // (E)
    expect(text).toContain('toll-free telephone number');
  });

  it('the media notice is per state, with the state’s count and the same elements', () => {
    const text = notificationLetter(record, 'media', 'CA').markdown;
    expect(text).toContain('notifying 520 residents of California');
    expect(text).toContain('## What you can do');
    expect(notificationLetter(record, 'media').title).toContain('California');
  });

  it('fewer than 500: the annual log submission, no media notice', () => {
    const assessment = { ...blankAssessment(t(4)), usIndividuals: 12, usByState: { NY: 12 } };
    const small = recordOf({
      breach: withAssessment(openBreach(dana, t(4)), assessment, dana, t(5)),
    });
    expect(lettersFor(small).map((l) => l.kind)).toEqual(['hipaa-individual', 'hhs']);
    const text = notificationLetter(small, 'hhs').markdown;
    expect(text).toContain(
      'Breach affecting fewer than 500 individuals (164.408(c), annual submission)',
    );
    expect(text).toContain('- **Due:** 2027-03-01T23:59:59.999Z');
    expect(text).toContain('- **Media notice required:** no');
  });

  it('the HHS report fills the portal fields it can from the record', () => {
    const text = letter('hhs');
    expect(text).toContain('Breach affecting 500 or more individuals (164.408(b)');
    expect(text).toContain(
      '- **Discovery date:** 2026-03-02T18:00:00.000Z (Monday 2 March 2026, 18:00 UTC)',
    );
    expect(text).toContain('- **Approximate number of individuals affected:** 620');
    expect(text).toContain('- **Individual notice provided:** yes, starting 4 March 2026');
    expect(text).toContain('- **Media notice required:** yes: California');
    expect(text).toContain('- **Type of breach:** **[Hacking/IT Incident');
    expect(text).toContain("- Suspend the user's access to PHI");
  });
});

describe('Ontario letters', () => {
  it('the PHIPA notice tells the individual they may complain to the IPC, and how to reach it', () => {
    const text = letter('phipa-individual');
    expect(text).toContain('[stolen, lost, or used or disclosed without authority');
    expect(text).toContain(
      'You are entitled to make a complaint to the Information and Privacy Commissioner of Ontario',
    );
    expect(text).toContain('2 Bloor Street East, Suite 1400, Toronto, Ontario M4W 1A8');
    expect(text).toContain('1-800-387-0073');
    expect(text).toContain('www.ipc.on.ca');
  });

  it('the IPC report names the s.6.3 circumstances, the count and the notices to individuals', () => {
    const text = letter('ipc');
    expect(text).toContain('- stolen (`stolen`)');
    expect(text).toContain(
      '- significant (sensitivity, volume, number of people or of custodians involved)',
    );
    expect(text).not.toContain('`pattern`');
    expect(text).toContain('Ontario individuals affected: 40.');
    expect(text).toContain('Affected individuals were notified starting 4 March 2026');
  });
});

describe('PIPEDA letters', () => {
  it('the OPC report has each element of SOR/2018-64 s.2(1)', () => {
    const text = letter('pipeda-opc');
    for (const item of [
      '(a) Circumstances',
      '(b) When',
      '(c) Personal information',
      '(d) Number',
      '(e) Steps taken',
      '(f) Steps taken or intended to notify',
      '(g) Contact person',
    ]) {
      expect(text).toContain(`## ${item}`);
    }
    expect(text).toContain('45 individuals in Canada');
    expect(text).toContain('Privacy Officer, 1-888-555-0100');
  });

  it('the individual notice has each element of s.3, with the complaint routes', () => {
    const text = letter('pipeda-individual');
    for (const heading of [
      'What happened',
      'When it happened',
      'What information was involved',
      'What we have done to reduce the risk of harm',
      'What you can do',
      'Questions',
      'Complaints',
    ]) {
      expect(text).toContain(`## ${heading}`);
    }
    expect(text).toContain('through our internal complaint process');
    expect(text).toContain(
      'the right under the Personal Information Protection and Electronic Documents Act to file a complaint with the Office of the Privacy Commissioner of Canada',
    );
  });

  it('counts fall back to placeholders', () => {
    expect(notificationLetter(bareIncident(), 'pipeda-opc').markdown).toContain(
      '**[number of individuals affected in Canada',
    );
    const hhs = notificationLetter(bareIncident(), 'hhs').markdown;
    expect(hhs).toContain('**[number of US individuals affected]**');
    expect(hhs).toContain('- **Report type:** **[500 or more individuals, or fewer than 500]**');
    expect(hhs).toContain('- **Media notice required:** **[yes or no');
  });
});
