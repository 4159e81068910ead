import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { luhnValid } from './checksums.js';
import { detectPhi } from './detect.js';
import { createNameLexicon } from './lexicon.js';
import { maskPhi, redactPhi } from './mask.js';
import { MASK_TOKEN } from './mask-tokens.js';
import { type PhiType } from './types.js';

const options = {
  lexicon: createNameLexicon({ firstNames: ['Anna', 'Marek'], lastNames: ['Kowal', 'Osei'] }),
};

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) =>
  fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));

function withCheckDigit(body: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

interface Identifier {
  type: PhiType;
  label: string;
  value: string;
}

const healthCard = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    digits(8),
    fc.constantFrom('', ' ', '-'),
    fc.constantFrom('', ' AB', '-KT', ' MP'),
  )
  .map(([first, rest, sep, version]): Identifier => {
    const d = withCheckDigit(`${first}${rest}`);
    const grouped = sep ? `${d.slice(0, 4)}${sep}${d.slice(4, 7)}${sep}${d.slice(7)}` : d;
    return { type: 'ontario_health_card', label: 'OHIP', value: grouped + version };
  });

const sin = fc
  .tuple(fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 9), digits(7), fc.constantFrom('', ' ', '-'))
  .map(([first, rest, sep]): Identifier => {
    const d = withCheckDigit(`${first}${rest}`);
    const value = sep ? `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}` : d;
    return { type: 'sin', label: 'SIN', value };
  });

const ssn = fc
  .tuple(
    fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom('-', ' '),
  )
  .map(([a, g, s, sep]): Identifier => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    return {
      type: 'us_ssn',
      label: 'SSN',
      value: `${pad(a, 3)}${sep}${pad(g, 2)}${sep}${pad(s, 4)}`,
    };
  });

const phone = fc
  .tuple(
    fc.integer({ min: 200, max: 999 }),
    fc.integer({ min: 200, max: 999 }),
    digits(4),
    fc.constantFrom('(a) x-l', 'a-x-l', 'a.x.l', '+1 a x l', '1-a-x-l', '+1 (a) x-l'),
  )
  .map(([a, x, l, shape]): Identifier => ({
    type: 'phone',
    label: 'phone',
    value: shape.replace('a', String(a)).replace('x', String(x)).replace('l', l),
  }));

const mrn = fc
  .tuple(fc.constantFrom('', 'H', 'MR'), digits(7), fc.constantFrom('MRN:', 'MRN', 'patient id'))
  .map(([prefix, d, label]): Identifier => ({ type: 'mrn', label, value: prefix + d }));

const identifier = fc.oneof(healthCard, sin, ssn, phone, mrn);

// Alert-like filler: host names, IPs, GUIDs, hashes, times, versions, incident numbers.
const filler = fc.constantFrom(
  'Impossible travel activity for svc-backup',
  'from 198.51.100.23 and 10.20.30.40',
  'on EHR-SRV01 at 2026-03-04T05:06:07.890Z',
  'Alert 3f2a9c1e-7b4d-4e21-9a0f-1c2d3e4f5a6b merged into incident 5821',
  'SHA256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'agent version 10.0.19045.3693; install KB5031356',
  'blocked by Conditional Access policy',
  'Sensitive info type matched in Export.xlsx',
  'Printer job released on RECEPTION-PC3',
  'Patient Anna Kowal',
  'DOB 1961-04-30',
  'reopened by service desk',
);

const alertText = fc.tuple(
  fc.array(filler, { maxLength: 4 }),
  identifier,
  fc.array(filler, { maxLength: 4 }),
);

function build([before, id, after]: [string[], Identifier, string[]]) {
  const head = [...before, id.label].join(' ') + ' ';
  const text = `${head}${id.value}${after.length ? ' ; ' + after.join(' ') : ''}`;
  return { text, start: head.length, end: head.length + id.value.length, id };
}

describe('properties of detection and masking', () => {
  it('finds a valid identifier exactly, wherever it sits in alert text', () => {
    fc.assert(
      fc.property(alertText, (parts) => {
        const { text, start, end, id } = build(parts);
        expect(detectPhi(text, options)).toContainEqual({ start, end, type: id.type });
      }),
    );
  });

  it('leaves no digit of a detected identifier behind but a health card’s last three', () => {
    fc.assert(
      fc.property(alertText, (parts) => {
        const { text, start, end, id } = build(parts);
        const spans = detectPhi(text, options);
        expect(spans).toContainEqual({ start, end, type: id.type });
        const masked = maskPhi(text, spans);
        // Outside the spans nothing changed; inside, each span became one token.
        let expected = '';
        let pos = 0;
        for (const span of spans) {
          expected += text.slice(pos, span.start) + '\u0000';
          pos = span.end;
        }
        expected += text.slice(pos);
        expect(masked.replace(MASK_TOKEN, '\u0000')).toBe(expected);
        // Tokens carry no digits of their own, but a health card's last three.
        for (const token of masked.match(MASK_TOKEN) ?? []) {
          expect(token.replace(/ (\d+ )?…\d{3}\]$/, ']')).not.toMatch(/\d{2}/);
        }
        if (id.type === 'ontario_health_card') {
          const last3 = id.value.replace(/\D/g, '').slice(-3);
          expect(masked).toContain(`[HEALTH CARD …${last3}]`);
        }
      }),
    );
  });

  it('is idempotent: masking masked text changes nothing', () => {
    fc.assert(
      fc.property(alertText, (parts) => {
        const once = redactPhi(build(parts).text, options);
        expect(redactPhi(once, options)).toBe(once);
      }),
    );
  });

  it('leaves nothing to find after one pass of detect and mask (the path every exit takes)', () => {
    fc.assert(
      fc.property(alertText, (parts) => {
        const text = build(parts).text;
        const once = maskPhi(text, detectPhi(text, options));
        expect(detectPhi(once, options)).toEqual([]);
        expect(maskPhi(once, detectPhi(once, options))).toBe(once);
      }),
    );
  });

  it('never reports a mask token as PHI', () => {
    const token = fc.constantFrom(
      '[NAME]',
      '[NAME 2]',
      '[HEALTH CARD …890]',
      '[HEALTH CARD 3 …001]',
      '[SIN]',
      '[SSN 2]',
      '[MRN]',
      '[DOB]',
      '[PHONE]',
      '[EMAIL]',
      '[ADDRESS]',
    );
    const label = fc.constantFrom(
      'Patient',
      'MRN:',
      'DOB',
      'SIN',
      'OHIP',
      'phone',
      'for',
      'Dr.',
      '',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(label, token, filler), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const text = rows.map(([l, t, f]) => `${l} ${t} ${f}`).join(', ');
          const tokens = [...text.matchAll(MASK_TOKEN)].map((m) => [
            m.index,
            m.index + m[0].length,
          ]);
          for (const span of detectPhi(text, options)) {
            for (const [s, e] of tokens) expect(span.start < e! && s! < span.end).toBe(false);
          }
        },
      ),
    );
  });
});
