import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseTrigger } from '../../../../core/incidents/index.js';
import { PhiGuard } from '../../phi/guard.js';
import { packageRoot } from '../../paths.js';
import { MAX_CARD_BYTES } from './adaptive-card.js';
import { incidentCard } from './incident-card.js';

const FIXTURES = path.join(packageRoot(), 'samples', 'sentinel');
const incidentOf = (file: string) => {
  const parsed = parseTrigger(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.event.incident;
};

describe('incident card', () => {
  it('shows number, severity, status, class, owner, tactics and a link, in Adaptive Card 1.5', () => {
    const incident = incidentOf('08-update-account-compromise-active.json');
    const built = incidentCard({
      incident,
      dataClass: 'clinical',
      escalated: false,
      acknowledgedBy: null,
    });
    const json = JSON.stringify(built);
    expect(built.version).toBe('1.5');
    expect(json).toContain(`#${incident.number} · High · Active`);
    expect(json).toContain('"style":"attention"');
    expect(json).toContain('clinical');
    expect(built.actions?.map((a) => a.verb ?? a.type)).toEqual([
      'incident.ack',
      'incident.assign',
      'incident.details',
      'Action.OpenUrl',
    ]);
    expect(built.actions?.[0]?.data).toEqual({ incident: incident.number });
    expect(built.actions?.[3]?.url).toBe(incident.url);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('carries an ESCALATED badge when escalated', () => {
    const incident = incidentOf('06-lost-laptop.json');
    const json = JSON.stringify(
      incidentCard({ incident, dataClass: 'unclassified', escalated: true, acknowledgedBy: null }),
    );
    expect(json).toContain('ESCALATED');
  });

  it('holds no health card number once masked for a shared conversation', () => {
    const incident = incidentOf('04-purview-dlp-health-card-shared.json');
    const built = incidentCard({
      incident,
      dataClass: 'clinical',
      escalated: false,
      acknowledgedBy: null,
    });
    const masked = PhiGuard.create().redactJson(built);
    const guard = PhiGuard.create();
    const shown = JSON.stringify(masked);
    expect(shown).not.toEqual(JSON.stringify(built));
    expect(
      guard
        .spans(shown.replace(/https?:\/\/\S+?"/g, '"'))
        .filter((s) => s.type === 'ontario_health_card'),
    ).toEqual([]);
  });
});
