import { describe, expect, it } from '@jest/globals';
import { detectPhi } from './detect.js';
import { EMPTY_LEXICON } from './lexicon.js';

/** What a reader sees: each span as [type, the text it covers]. */
function found(text: string): Array<[string, string]> {
  return detectPhi(text, { lexicon: EMPTY_LEXICON }).map((s) => [
    s.type,
    text.slice(s.start, s.end),
  ]);
}

describe('Ontario health card numbers', () => {
  it.each([
    ['Health card 9876543217 entered in chat', '9876543217'],
    ['OHIP 9876 543 217 found in email', '9876 543 217'],
    ['HCN 9876-543-217 on requisition', '9876-543-217'],
    ['mailbox contains OHIP 1234567897 XY', '1234567897 XY'],
    ['HCN 4512 033 384 AB printed', '4512 033 384 AB'],
    ['HCN 6123-987-650-QR printed', '6123-987-650-QR'],
    ['file Smith_John_OHIP_2003004005.pdf', '2003004005'],
  ])('%j → %j (version code included)', (text, value) => {
    expect(found(text)).toContainEqual(['ontario_health_card', value]);
  });

  it('finds a Luhn-valid 10-digit number even without a label', () => {
    expect(found('value 9876543217 in row 4')).toEqual([['ontario_health_card', '9876543217']]);
  });

  it.each([
    ['a 10-digit number failing Luhn', 'Health card 9876543218 entered'],
    ['a 4-3-3 number failing Luhn', 'OHIP 9876 543 218 found'],
    ['a rule id', 'Firewall deny (rule id 9876543217)'],
    ['a ticket number', 'Ticket 1234567897 reopened'],
    ['an 11-digit run', 'value 98765432170 logged'],
    ['digits glued to letters', 'token ab9876543217cd'],
  ])('ignores %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });

  it('does not take the next word for a version code', () => {
    expect(found('Health card 9876543217 entered')).toEqual([
      ['ontario_health_card', '9876543217'],
    ]);
  });
});

describe('social insurance numbers', () => {
  it.each([
    ['matched: 130692544 in Export.xlsx', '130692544'],
    ['SIN 271 828 188 on T4', '271 828 188'],
    ['included SIN 314-159-260', '314-159-260'],
    ['SIN: 046454286', '046454286'],
  ])('%j → %j', (text, value) => {
    expect(found(text)).toContainEqual(['sin', value]);
  });

  it.each([
    ['a 9-digit number failing Luhn', 'matched 130692545 in file'],
    ['a 3-3-3 number failing Luhn', 'Ticket 271-828-189 reopened'],
    ['a Luhn-valid ticket number', 'Ticket 712345677 reopened by service desk'],
    ['a Luhn-valid run id', 'Pipeline 7 finished; run id 271828188'],
    ['an unlabelled number starting with 0', 'value 046454286 logged'],
    ['an unlabelled number starting with 8', 'value 800123457 logged'],
  ])('ignores %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('US social security numbers', () => {
  it.each([
    ['claim (SSN 512-44-0937) posted', '512-44-0937'],
    ['SSN 231 07 6612 listed', '231 07 6612'],
    ['SSN: 123456789', '123456789'],
  ])('%j → %j', (text, value) => {
    expect(found(text)).toEqual([['us_ssn', value]]);
  });

  it.each([
    ['area 000', 'SSN 000-12-3456'],
    ['area 666', 'SSN 666-12-3456'],
    ['area 9xx', 'SSN 912-34-5678'],
    ['group 00', 'SSN 123-00-4567'],
    ['serial 0000', 'SSN 123-45-0000'],
    ['a ticket number of the same shape', 'Helpdesk ticket 512-44-0937 escalated'],
  ])('rejects %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });

  it('reads the nearest label: an SSN label after a ticket number wins', () => {
    expect(found('Ticket 4821: SSN 512-44-0937')).toEqual([['us_ssn', '512-44-0937']]);
  });
});

describe('phone numbers', () => {
  it.each([
    '(905) 555-0142',
    '416.555.0129',
    '1-226-555-0187',
    '+1 343 555 0110',
    '807-555-0163',
    '+1 (416) 555-0123',
    '+14165550123',
  ])('%s', (value) => {
    expect(found(`Callback number ${value} listed`)).toEqual([['phone', value]]);
  });

  it('reads a bare 10-digit number as a phone number after a phone label', () => {
    expect(found('call 4165550122 now')).toEqual([['phone', '4165550122']]);
  });

  it.each([
    ['an area code starting with 1', '(189) 555-0142'],
    ['an exchange starting with 0', '416-055-0142'],
    ['an IP address', '192.0.2.160'],
  ])('ignores %s', (_why, value) => {
    expect(found(`Callback ${value} listed`)).toEqual([]);
  });
});

describe('look-alikes are not PHI', () => {
  it.each([
    'Alert 5d1e7a0c-93b2-4f6e-8a41-2c7b90e3d5f4 merged into incident 31877',
    'Impossible travel from 192.0.2.45 and 10.44.201.7 within 9 minutes',
    'Malware: SHA256 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
    'MD5 9e107d9d372bb6826bd81d3542a419d6, parent PID 6120',
    'Process spawned at 2025-12-01T13:05:59.412Z',
    'Defender signature version 10.0.19045.3693 out of date; install KB5031356',
    'Incident #7719 created: 1630 failed sign-ins (event 4771)',
    'Device 3C:22:FB:0A:91:7E joined guest Wi-Fi',
    'Firewall deny 192.0.2.10 -> 192.0.2.99:5900 (rule id 7730418825)',
    'Vulnerability CVE-2023-44487 detected, agent version 31.2.7',
    'RDP brute force since 14/03/2026 02:17',
    'Release 2025.4411.2090 deployed; run id 540118372',
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });
});
