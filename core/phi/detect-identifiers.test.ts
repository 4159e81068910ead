import { describe, expect, it } from '@jest/globals';
import { detectPhi } from './detect.js';
import { EMPTY_LEXICON } from './lexicon.js';
import { type CustomPattern } from './types.js';

function found(text: string, patterns?: CustomPattern[]): Array<[string, string]> {
  return detectPhi(text, { lexicon: EMPTY_LEXICON, patterns }).map((s) => [
    s.type,
    text.slice(s.start, s.end),
  ]);
}

describe('medical record numbers', () => {
  it.each([
    ['Patient (MRN: K7730215) chart accessed', 'K7730215'],
    ['viewed chart MRN 6613029 without relationship', '6613029'],
    ['MRN#00041187 printed', '00041187'],
    ['patient id 7120458 exported', '7120458'],
    ['Patient ID: A123456 opened', 'A123456'],
    ['medical record number 7712345 faxed', '7712345'],
    ['Chart #: 4410921 shared', '4410921'],
    ['GET /api/patients/7120458?dob=x 200', '7120458'],
    ['GET /patients/K1200456/summary', 'K1200456'],
    ['query ?mrn=44102931&x=1', '44102931'],
    ['{"patientId": "88123401"}', '88123401'],
    ['uploaded consent_form_31120094.pdf', '31120094'],
    ['saved chart_7781234.pdf', '7781234'],
  ])('%j → %j (the number, not the label)', (text, value) => {
    expect(found(text)).toContainEqual(['mrn', value]);
  });

  it('takes both numbers of a patient URL with an intake form', () => {
    expect(found('GET /patients/1234567/intake_form_7654321.pdf')).toEqual([
      ['mrn', '1234567'],
      ['mrn', '7654321'],
    ]);
  });

  it.each([
    'parent PID 6120 spawned rundll32',
    'process id 4412 exited',
    'chart accessed from unmanaged device',
    'platform_1234567 updated',
    'GET /api/devices/7120458 200',
  ])('ignores %j', (text) => {
    expect(found(text).filter(([t]) => t === 'mrn')).toEqual([]);
  });

  it('reads a deployment-specific pattern, keeping only its group', () => {
    const patterns: CustomPattern[] = [{ type: 'mrn', pattern: /\bEHR-(\d{6})\b/, group: 1 }];
    expect(found('record EHR-123456 exported', patterns)).toEqual([['mrn', '123456']]);
  });

  it('lets a configured pattern win over a built-in detection', () => {
    const patterns: CustomPattern[] = [{ type: 'mrn', pattern: /\bacct (\d{9})\b/g, group: 1 }];
    expect(found('SIN acct 130692544', patterns)).toEqual([['mrn', '130692544']]);
  });

  it('does not touch the caller’s regex state', () => {
    const re = /X(\d{5})/g;
    re.lastIndex = 3;
    found('X12345', [{ type: 'mrn', pattern: re, group: 1 }]);
    expect(re.lastIndex).toBe(3);
  });
});

describe('dates of birth', () => {
  it.each([
    ['GET /x?dob=03/11/1950 200', '03/11/1950'],
    ['SSN x, DOB 1947-12-02', '1947-12-02'],
    ['Lab results, DOB March 9, 2011"', 'March 9, 2011'],
    ['referral, DOB 14-Oct-1983" to', '14-Oct-1983'],
    ['born 3 March 1950 in Ottawa', '3 March 1950'],
    ['Date of birth: 07/21/1958.', '07/21/1958'],
    ['birth date 1958.07.21', '1958.07.21'],
    ['{"birthDate":"1961-04-30"}', '1961-04-30'],
    ['dob=19580721&x', '19580721'],
    ['D.O.B. Sept 9, 1971', 'Sept 9, 1971'],
  ])('%j → %j', (text, value) => {
    expect(found(text)).toContainEqual(['date_of_birth', value]);
  });

  it('takes a date in the field after a name, but not an appointment with its time', () => {
    expect(found('patient Tavish Brightwater; 26/05/1950; K7730215')).toContainEqual([
      'date_of_birth',
      '26/05/1950',
    ]);
    expect(found('patient Tavish Brightwater, 2026-01-20 14:30 follow-up')).not.toContainEqual([
      'date_of_birth',
      '2026-01-20',
    ]);
  });

  it.each([
    'RDP brute force since 14/03/2026 02:17',
    'Process spawned at 2025-12-01T13:05:59.412Z',
    'Report due March 9, 2026',
    'DOB field missing on 2026-01-01 import',
    'DOB 31/31/1990 invalid',
  ])('ignores dates that are not birth dates: %j', (text) => {
    expect(found(text).filter(([t]) => t === 'date_of_birth')).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['sent to zubair.quellan@example.net', 'zubair.quellan@example.net'],
    ['reply by zq_77+tag@mail.example.ca.', 'zq_77+tag@mail.example.ca'],
    ['<tb77@clinic.example>', 'tb77@clinic.example'],
  ])('%j → %j', (text, value) => {
    expect(found(text)).toEqual([['email', value]]);
  });

  it.each(['user@localhost', 'handle @channel', 'a@b.c', 'x@-.com'])('ignores %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('postal addresses', () => {
  it.each([
    'Unit 12, 40 Birchwood Avenue, Sudbury, Ontario P3A 4R7',
    '918 Cedar Drive, Barrie, Ontario L4N 2K5',
    '77 Lakeshore Rd, Oakville, ON L6J 1H8',
    '205 Bloor St W, Toronto, ON M5S 1T8',
    'Suite 300, 1401 Bank St, Ottawa, ON K1H 7Z1',
    '64 Red River Rd, Thunder Bay, Ontario P7B 1A3',
    '1200 rue Sainte-Catherine, Montréal, QC H3B 1K9',
    '55 King Street West, Toronto',
    '12 Main St., Springfield, IL 62704',
  ])('%s', (address) => {
    const value = address === '55 King Street West, Toronto' ? '55 King Street West' : address;
    expect(found(`home address ${address}; verified`)).toEqual([['postal_address', value]]);
  });

  it('finds a postal code alone', () => {
    expect(found('postal code N2L 3G1 found')).toEqual([['postal_address', 'N2L 3G1']]);
  });

  it('needs a label for a postal code written without its space', () => {
    expect(found('postal code N2L3G1')).toEqual([['postal_address', 'N2L3G1']]);
    expect(found('token N2L3G1 issued')).toEqual([]);
  });

  it.each([
    '1630 attempts since 14/03/2026',
    'Build 2026 released to 40 Devices',
    'KB5031356 on D1E2F3',
    'port 443 from 10.44.201.7',
  ])('ignores %j', (text) => {
    expect(found(text).filter(([t]) => t === 'postal_address')).toEqual([]);
  });
});
