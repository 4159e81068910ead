import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadPhiPatterns, PhiGuard } from './guard.js';

const guard = PhiGuard.create();

function tempFile(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phi-patterns-')), 'patterns.json');
  fs.writeFileSync(file, content);
  return file;
}

describe('PhiGuard', () => {
  it('masks a card: content strings masked, structure kept, one token per value across fields', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Chart of patient Tomasz Okafor opened, OHIP 7828 477 484' },
        { type: 'FactSet', facts: [{ title: 'Patient', value: 'Tomasz Okafor' }] },
      ],
      actions: [{ type: 'Action.Execute', verb: 'incident.ack', title: 'Acknowledge' }],
    };
    const masked = guard.redactJson(card);
    expect(masked.body[0]).toEqual({
      type: 'TextBlock',
      text: 'Chart of patient [NAME] opened, OHIP [HEALTH CARD …484]',
    });
    expect(masked.body[1]).toEqual({
      type: 'FactSet',
      facts: [{ title: 'Patient', value: '[NAME]' }],
    });
    expect(masked.actions).toEqual(card.actions);
    expect(masked.version).toBe('1.5');
  });

  it('masks text idempotently', () => {
    const once = guard.redact('Call (289) 555-0171 about SIN 046 454 286');
    expect(once).toBe('Call [PHONE] about SIN [SIN]');
    expect(guard.redact(once)).toBe(once);
  });

  it("takes the clinic's own patterns from PHI_PATTERNS_FILE", () => {
    const file = tempFile(
      JSON.stringify({
        patterns: [{ type: 'mrn', pattern: '\\b(?:CHART|ZQ)-(\\d{6})\\b', flags: 'i', group: 1 }],
      }),
    );
    const custom = PhiGuard.create(loadPhiPatterns(file));
    expect(custom.redact('opened ZQ-123456 twice')).toBe('opened ZQ-[MRN] twice');
    expect(guard.redact('opened ZQ-123456 twice')).toBe('opened ZQ-123456 twice');
  });

  it('refuses a bad patterns file, naming the file and every wrong entry', () => {
    const file = tempFile(
      JSON.stringify({
        patterns: [
          { type: 'blood_type', pattern: 'x' },
          { type: 'mrn', pattern: '' },
        ],
      }),
    );
    expect(() => loadPhiPatterns(file)).toThrow(/patterns\.0\.type.*patterns\.1\.pattern/s);
    expect(() => loadPhiPatterns(file)).toThrow(file);
    const badRegex = tempFile(
      JSON.stringify({ patterns: [{ type: 'mrn', pattern: '(unclosed' }] }),
    );
    expect(() => loadPhiPatterns(badRegex)).toThrow(
      /patterns\.0\.pattern is not a valid regular expression/,
    );
    expect(() => loadPhiPatterns(tempFile('{not json'))).toThrow(/cannot read it as JSON/);
  });
});
