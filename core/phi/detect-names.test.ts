import { describe, expect, it } from '@jest/globals';
import { detectPhi } from './detect.js';
import { createNameLexicon, EMPTY_LEXICON, type NameLexicon } from './lexicon.js';

// A small lexicon of invented-for-the-test lists; detection must not depend on one name list.
const lexicon = createNameLexicon({
  firstNames: ['Anna', 'Marek', 'Zoé', 'Ravi', 'Grace', 'Santa', 'Jordan', 'Hong', 'Ho'],
  lastNames: ['Kowal', 'Osei', 'Lindgren', 'Hopper', 'Clara', 'Kong', 'Brown', 'Chi'],
  stopWords: ['brown'],
  places: ['Santa Clara', 'Hong Kong', 'Nigeria', 'Brazil', 'Ho Chi Minh City'],
});

function names(text: string, lx: NameLexicon = lexicon): string[] {
  return detectPhi(text, { lexicon: lx })
    .filter((s) => s.type === 'person_name')
    .map((s) => text.slice(s.start, s.end));
}

describe('person names from context cues (names in no list)', () => {
  it.each([
    ['Callback number listed for patient Zubair Quellan in exported CSV', 'Zubair Quellan'],
    ['Patient Tavish Brightwater (MRN: K7730215) chart accessed', 'Tavish Brightwater'],
    ['Insurance claim for Quellan, Zubair (SSN 512-44-0937) posted', 'Quellan, Zubair'],
    ['Lab results for Tavish V. Brightwater, DOB March 9, 2011', 'Tavish V. Brightwater'],
    ['Printer job "Requisition_Quellan, Zubair.pdf" released', 'Quellan, Zubair'],
    ['Purview DLP: file "Referral_Tavish Brightwater.docx" shared', 'Tavish Brightwater'],
    ['attachment "Tavish Brightwater - Consult Note.pdf" sent', 'Tavish Brightwater'],
    ['Scanned file Brightwater_Tavish_OHIP_9876543217.pdf on share', 'Brightwater_Tavish'],
    ['Mailbox rule forwarded "Re: Tavish Brightwater referral"', 'Tavish Brightwater'],
    ['Appointment reminder for Tavish Brightwater leaked via SMS', 'Tavish Brightwater'],
    ['Discharge summary signed by Dr. Tavish Brightwater', 'Tavish Brightwater'],
    ['Consult requested by Dr. Brightwater today', 'Brightwater'],
    ["Tavish Brightwater's chart was printed", 'Tavish Brightwater'],
    ['From: Tavish Brightwater <tb@clinic.example> Subject: results', 'Tavish Brightwater'],
    ['Unauthorized access: Tavish Q. Brightwater viewed chart', 'Tavish Q. Brightwater'],
    ["Patient Seán O'Brien-Ruiz discharged", "Seán O'Brien-Ruiz"],
    ['Patient Ewan MacKinnon discharged', 'Ewan MacKinnon'],
    ['SMS: "Hi Tavish Brightwater, your results are ready"', 'Tavish Brightwater'],
    ['Calendar invite "Follow-up: Tavish Brightwater" sent', 'Tavish Brightwater'],
    ['Prescription renewal - Tavish Brightwater', 'Tavish Brightwater'],
    [
      'Billing row 95: Brightwater, Tavish, 918 Cedar Drive, Barrie, ON L4N 2K5',
      'Brightwater, Tavish',
    ],
    ['Attachment Brightwater_Tavish_referral.pdf shared via link', 'Brightwater_Tavish'],
    ['Phishing mail emailed Tavish Brightwater asking for a SIN', 'Tavish Brightwater'],
    ['Dr. Tavish Ó Briain signed the note', 'Tavish Ó Briain'],
    ['Patient Ana de la Brightwater discharged', 'Ana de la Brightwater'],
  ])('%j → %j', (text, name) => {
    expect(names(text, EMPTY_LEXICON)).toEqual([name]);
  });

  it('reads a delimited record: name, then birth date, health card and postal code', () => {
    const text = 'waitlist.csv line 12: "Brightwater, Tavish",1950-05-26,9876 543 217,L4N2K5';
    expect(
      detectPhi(text, { lexicon: EMPTY_LEXICON }).map((s) => [s.type, text.slice(s.start, s.end)]),
    ).toEqual([
      ['person_name', 'Brightwater, Tavish'],
      ['date_of_birth', '1950-05-26'],
      ['ontario_health_card', '9876 543 217'],
      ['postal_address', 'L4N2K5'],
    ]);
  });

  it('reads a row of PHI: the name next to an address and a phone number', () => {
    const text = 'Clients.csv row: Tavish Brightwater, 918 Cedar Drive, Barrie, ON L4N 2K5';
    expect(names(text, EMPTY_LEXICON)).toEqual(['Tavish Brightwater']);
  });
});

describe('person names from the name lists', () => {
  it('needs a known given name and a known family name when nothing else cues', () => {
    expect(names('Anna Kowal accessed 3 charts')).toEqual(['Anna Kowal']);
    expect(names('Anna Kowal')).toEqual(['Anna Kowal']);
    expect(names('Zubair Kowal')).toEqual([]);
  });

  it('matches without regard to accents or case of the list', () => {
    expect(names('Zoe Lindgren')).toEqual(['Zoe Lindgren']);
    expect(names('Zoé Lindgren')).toEqual(['Zoé Lindgren']);
  });

  it('takes a third word only when it is a known family name', () => {
    expect(names('Marek Anna Kowal signed')).toEqual(['Marek Anna Kowal']);
    expect(names('report for Marek Osei Export')).toEqual(['Marek Osei']);
  });

  it('takes a capitalised pair mid-sentence when one word is a known name', () => {
    expect(names('the export by user Ravi Quellan was blocked')).toEqual(['Ravi Quellan']);
  });
});

describe('what is not a name', () => {
  it.each([
    'Impossible travel activity for svc-backup from 192.0.2.45',
    'Sign-in by tb77@clinic.example after password spray',
    'Suspicious PowerShell on FRONT-PC2',
    'Sensitive info type "U.S. Social Security Number" matched',
    'Mass Download By A Single User In SharePoint Online',
    'Alert from Microsoft Defender for Endpoint on LT-OWNER-07',
    'Risky sign-in from Santa Clara after password reset',
    'Access from Hong Kong flagged as atypical travel',
    'Sign-in from Lagos, Nigeria blocked by Conditional Access',
    'Consult Note attached',
    'DOB March 9, 2011',
    'Printer job released on FRONT-PC2',
    'Guest Admin Sign In Alert',
    'User Accessed A Link In Quarantined Email',
    'Traffic to Ho Chi Minh City hosting provider',
  ])('%j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('keeps a place that is also a given name as a person when the list knows the person', () => {
    expect(names('Lab results for Jordan Osei, DOB 1961-04-30')).toEqual(['Jordan Osei']);
  });

  it('does not count a common word as name evidence', () => {
    // "Brown" is a family name, but also a stop word of this lexicon.
    expect(names('Grace Brown')).toEqual([]);
    expect(names('Grace Hopper')).toEqual(['Grace Hopper']);
  });
});
