import { describe, expect, it } from '@jest/globals';
import { digitsOf, healthCardValid, luhnValid, sinValid, ssnValid } from './checksums.js';

describe('luhnValid', () => {
  it.each(['79927398713', '4539578763621486', '046454286', '9876543217'])('%s passes', (d) => {
    expect(luhnValid(d)).toBe(true);
  });
  it.each(['79927398710', '046454287', '9876543210', '1', '', '12a4'])('%j fails', (d) => {
    expect(luhnValid(d)).toBe(false);
  });
});

describe('healthCardValid', () => {
  it('needs exactly ten digits passing Luhn', () => {
    expect(healthCardValid('9876543217')).toBe(true);
    expect(healthCardValid('9876543218')).toBe(false);
    expect(healthCardValid('987654321')).toBe(false);
  });
});

describe('sinValid', () => {
  it('accepts a Luhn-valid SIN', () => {
    expect(sinValid('130692544')).toBe(true);
  });
  it('rejects a 9-digit number failing Luhn', () => {
    expect(sinValid('130692545')).toBe(false);
  });
  it('in strict mode rejects the never-issued 0 and business-number 8 prefixes', () => {
    expect(sinValid('046454286')).toBe(true);
    expect(sinValid('046454286', true)).toBe(false);
    expect(sinValid('800000009', true)).toBe(false);
  });
});

describe('ssnValid', () => {
  it.each(['123456789', '001010001', '899999999', '665121234'])('%s is in an issued range', (d) => {
    expect(ssnValid(d)).toBe(true);
  });
  it.each([
    ['000123456', 'area 000'],
    ['666123456', 'area 666'],
    ['900123456', 'area 9xx'],
    ['987654321', 'area 9xx'],
    ['123001234', 'group 00'],
    ['123450000', 'serial 0000'],
    ['12345678', 'too short'],
  ])('%s is not (%s)', (d) => {
    expect(ssnValid(d)).toBe(false);
  });
});

describe('digitsOf', () => {
  it('keeps the digits only', () => {
    expect(digitsOf('(905) 555-0142')).toBe('9055550142');
  });
});
