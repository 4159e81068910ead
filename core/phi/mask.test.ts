import { describe, expect, it } from '@jest/globals';
import { detectPhi } from './detect.js';
import { EMPTY_LEXICON } from './lexicon.js';
import { MaskSession, maskPhi, redactFields, redactPhi, valueKey } from './mask.js';

const options = { lexicon: EMPTY_LEXICON };
const redact = (text: string, session?: MaskSession): string => redactPhi(text, options, session);

describe('redactPhi', () => {
  it('replaces each kind of PHI with a readable, type-labelled token', () => {
    expect(
      redact(
        'Patient Tavish Brightwater (MRN: K7730215), DOB 1947-12-02, SIN 130 692 544, ' +
          'SSN 512-44-0937, HCN 9876-543-217-AB, phone (905) 555-0142, tb@clinic.example, ' +
          'home 918 Cedar Drive, Barrie, ON L4N 2K5',
      ),
    ).toBe(
      'Patient [NAME] (MRN: [MRN]), DOB [DOB], SIN [SIN], SSN [SSN], HCN [HEALTH CARD …217], ' +
        'phone [PHONE], [EMAIL], home [ADDRESS]',
    );
  });

  it('keeps only the last three digits of a health card number', () => {
    expect(redact('OHIP 1234567897 XY on file')).toBe('OHIP [HEALTH CARD …897] on file');
  });

  it('leaves text without PHI untouched', () => {
    const text = 'Impossible travel for svc-backup from 192.0.2.45 (incident 31877)';
    expect(redact(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = redact('Patient Tavish Brightwater, phone 416.555.0129, SIN 271828188');
    expect(redact(once)).toBe(once);
  });
});

describe('MaskSession', () => {
  it('gives the same value the same token across fields, and distinct values distinct ones', () => {
    const session = new MaskSession();
    const title = redact('Patient Tavish Brightwater emailed tb@clinic.example', session);
    const body = redact(
      'Forwarded by patient Zubair Quellan; copy to tb@clinic.example and patient Tavish Brightwater',
      session,
    );
    expect(title).toBe('Patient [NAME] emailed [EMAIL]');
    expect(body).toBe('Forwarded by patient [NAME 2]; copy to [EMAIL] and patient [NAME]');
  });

  it('numbers from 1 when it knows up front that a type has several values', () => {
    expect(
      redactFields(
        ['Patient Tavish Brightwater', 'Patient Zubair Quellan and patient Tavish Brightwater'],
        options,
      ),
    ).toEqual(['Patient [NAME 1]', 'Patient [NAME 2] and patient [NAME 1]']);
  });

  it('treats spellings of the same value as one value', () => {
    expect(valueKey('person_name', 'Quellan, Zubair')).toBe(
      valueKey('person_name', 'Zubair Quellan'),
    );
    expect(valueKey('person_name', 'Zubair K. Quellan')).toBe(
      valueKey('person_name', 'ZUBAIR QUELLAN'),
    );
    expect(valueKey('phone', '+1 (905) 555-0142')).toBe(valueKey('phone', '905.555.0142'));
    expect(valueKey('sin', '130 692 544')).toBe(valueKey('sin', '130-692-544'));
  });

  it('tells apart two health cards ending in the same three digits', () => {
    const session = new MaskSession();
    expect(session.token('ontario_health_card', '9876543217')).toBe('[HEALTH CARD …217]');
    expect(session.token('ontario_health_card', '1111111217')).toBe('[HEALTH CARD 2 …217]');
    expect(session.token('ontario_health_card', '9876-543-217')).toBe('[HEALTH CARD …217]');
  });
});

describe('maskPhi', () => {
  it('takes spans in any order and ignores overlapping ones', () => {
    const text = 'SIN 130692544 and SSN 512-44-0937';
    const spans = detectPhi(text, options).reverse();
    expect(maskPhi(text, [...spans, { start: 5, end: 9, type: 'mrn' }])).toBe(
      'SIN [SIN] and SSN [SSN]',
    );
  });

  it('never detects its own tokens', () => {
    const masked =
      '[NAME] [NAME 2] [HEALTH CARD …890] [HEALTH CARD 2 …890] [SIN] [SSN] [MRN] [DOB] ' +
      '[PHONE] [EMAIL] [ADDRESS]';
    expect(detectPhi(masked, options)).toEqual([]);
    expect(detectPhi(`Patient ${masked} DOB ${masked}`, options)).toEqual([]);
  });
});
