import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Incident } from '../incidents/model.js';
import { parseTrigger } from '../incidents/trigger.js';
import { choosePlaybook, type IncidentSummary, MIN_SCORE, rankPlaybooks } from './choose.js';

function summary(partial: Partial<IncidentSummary> & { title: string }): IncidentSummary {
  return { tactics: [], alertProducts: [], entities: [], labels: [], ...partial };
}

function sampleIncident(file: string): Incident {
  const path = fileURLToPath(new URL(`../../samples/sentinel/${file}`, import.meta.url));
  const result = parseTrigger(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.event.incident;
}

describe('choosePlaybook', () => {
  it.each([
    ['01-account-compromise-impossible-travel.json', 'account-compromise'],
    ['02-phishing-invoice.json', 'phishing'],
    ['03-ransomware-ehr-server.json', 'malware-ransomware'],
    ['04-purview-dlp-health-card-shared.json', 'unauthorized-phi-access'],
    ['05-billing-brute-force.json', 'account-compromise'],
    ['06-lost-laptop.json', 'lost-stolen-device'],
    ['07-informational-new-country.json', 'account-compromise'],
  ])('chooses for the sample %s: %s (the normalised Incident fits as is)', (file, expected) => {
    expect(choosePlaybook(sampleIncident(file))).toBe(expected);
  });

  it.each([
    {
      incident: summary({
        title: 'Ransomware activity detected on FRONTDESK-01',
        tactics: ['Impact'],
        alertProducts: ['Microsoft Defender for Endpoint'],
        entities: [{ kind: 'Host', name: 'FRONTDESK-01' }],
      }),
      expected: 'malware-ransomware',
    },
    {
      incident: summary({
        title: 'Suspicious inbox forwarding rule',
        tactics: ['Persistence', 'Exfiltration'],
        alertProducts: ['Microsoft Defender for Cloud Apps'],
        entities: [
          { kind: 'Account', name: 'reception@clinic.example' },
          { kind: 'Mailbox', name: 'reception@clinic.example' },
        ],
      }),
      expected: 'account-compromise',
    },
    { incident: summary({ title: 'Impossible travel' }), expected: 'account-compromise' },
    {
      incident: summary({ title: 'Token theft suspected for a session cookie' }),
      expected: 'account-compromise',
    },
    {
      incident: summary({
        title: 'Mass access to patient records',
        entities: [{ kind: 'Account', name: 'nurse@clinic.example' }],
      }),
      expected: 'unauthorized-phi-access',
    },
    { incident: summary({ title: 'Device reported lost' }), expected: 'lost-stolen-device' },
    {
      incident: summary({ title: 'Laptop stolen from car', labels: ['StolenDevice'] }),
      expected: 'lost-stolen-device',
    },
    { incident: summary({ title: 'User reported a phishing message' }), expected: 'phishing' },
    {
      incident: summary({
        title: 'Email messages containing malicious URL removed after delivery',
        alertProducts: ['Microsoft Defender for Office 365'],
      }),
      expected: 'phishing',
    },
    {
      incident: summary({ title: 'Trojan:Win32/Wacatac detected on RECEPTION-02' }),
      expected: 'malware-ransomware',
    },
  ])('chooses $expected for "$incident.title"', ({ incident, expected }) => {
    expect(choosePlaybook(incident)).toBe(expected);
  });

  it.each([
    summary({ title: 'Azure resource deployed in an unapproved region' }),
    summary({ title: 'Unusual DNS query volume', tactics: ['CommandAndControl'] }),
    summary({ title: 'New activity', entities: [{ kind: 'Account', name: 'a@b.example' }] }),
    summary({ title: 'Firewall rule changed', alertProducts: ['Azure Sentinel'] }),
  ])('falls back to generic when nothing fits well enough: "$title"', (incident) => {
    expect(choosePlaybook(incident)).toBe('generic');
  });

  it('takes a Playbook:<id> label as an explicit choice, ignoring unknown ids', () => {
    const incident = summary({ title: 'Ransomware on FRONTDESK-01', labels: ['Playbook:Generic'] });
    expect(choosePlaybook(incident)).toBe('generic');
    expect(choosePlaybook({ ...incident, labels: ['playbook: nope'] })).toBe('malware-ransomware');
  });

  it('matches title words whole, not inside other words', () => {
    // "lost" must not match "lostbackup", "phi" not "philip".
    expect(choosePlaybook(summary({ title: 'Job lostbackup failed for philip' }))).toBe('generic');
  });

  it('explains each choice with the hints that matched, best first', () => {
    const ranked = rankPlaybooks(sampleIncident('03-ransomware-ehr-server.json'));
    expect(ranked[0]).toMatchObject({ id: 'malware-ransomware' });
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(MIN_SCORE);
    expect(ranked[0]!.reasons).toEqual(
      expect.arrayContaining([
        'title mentions "ransom"',
        'alert from Microsoft Defender for Endpoint',
        'tactic Impact',
        'File entity',
      ]),
    );
    expect(ranked.map((entry) => entry.id)).not.toContain('generic');
  });
});
