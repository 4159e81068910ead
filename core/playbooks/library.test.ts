import { describe, expect, it } from '@jest/globals';
import { LIBRARY } from './library/index.js';
import { parsePlaybook, PLAYBOOK_IDS, PLAYBOOKS, playbookById } from './load.js';
import { RESPONSE_PHASES } from './phases.js';
import { type Playbook } from './schema.js';

const EXPECTED = [
  'generic',
  'account-compromise',
  'phishing',
  'malware-ransomware',
  'lost-stolen-device',
  'unauthorized-phi-access',
];

const all = Object.values(PLAYBOOKS);
const tasksOf = (playbook: Playbook) => RESPONSE_PHASES.flatMap((phase) => playbook.phases[phase]);
const task = (playbookId: string, taskId: string) => {
  const found = tasksOf(PLAYBOOKS[playbookId] as Playbook).find((entry) => entry.id === taskId);
  if (!found) throw new Error(`${playbookId} has no task ${taskId}`);
  return found;
};

/** Sentences of a guidance text, not counting dots inside `code` or after "e.g.". */
function sentences(text: string): number {
  const plain = text.replace(/`[^`]*`/g, 'code').replace(/\be\.g\./g, 'eg');
  return plain.split(/[.!?](?:\s|$)/).filter((part) => part.trim() !== '').length;
}

describe('the playbook library', () => {
  it('loads the six playbooks the SPEC names, each validated by the schema', () => {
    expect([...PLAYBOOK_IDS].sort()).toEqual([...EXPECTED].sort());
    for (const [name, data] of Object.entries(LIBRARY)) {
      const result = parsePlaybook(data, name);
      expect(result).toMatchObject({ ok: true });
    }
  });

  it.each(EXPECTED)(
    '%s has tasks in every phase and a required task the breach track opens from',
    (id) => {
      const playbook = playbookById(id) as Playbook;
      for (const phase of RESPONSE_PHASES) expect(playbook.phases[phase].length).toBeGreaterThan(0);
      const decision = playbook.phases.analysis.find(
        (entry) => entry.id === 'assess-phi-involvement',
      );
      expect(decision).toMatchObject({ required: true });
      expect(decision?.title).toMatch(/PHI or personal information/);
      const lessons = playbook.phases.lessons_learned;
      expect(lessons.find((entry) => entry.id === 'post-incident-review')).toMatchObject({
        required: true,
      });
      expect(lessons.find((entry) => entry.id === 'update-playbook')?.guidance).toMatch(
        /12\.10\.2/,
      );
    },
  );

  it('keeps task ids kebab-case and unique within each playbook', () => {
    for (const playbook of all) {
      const ids = tasksOf(playbook).map((entry) => entry.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('keeps guidance to one or two sentences and evidence to Microsoft Learn over https', () => {
    for (const playbook of all) {
      for (const entry of tasksOf(playbook)) {
        if (entry.guidance) expect(sentences(entry.guidance)).toBeLessThanOrEqual(2);
        if (entry.evidence)
          expect(entry.evidence).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\//);
      }
    }
  });

  it('gives concrete Microsoft 365 / Azure steps for the key actions', () => {
    expect(task('account-compromise', 'revoke-sessions').guidance).toMatch(
      /Entra admin center → Users → <user> → Revoke sessions.*Revoke-MgUserSignInSession/,
    );
    expect(task('account-compromise', 'reset-credentials').guidance).toMatch(
      /Require re-register multifactor authentication/,
    );
    expect(task('account-compromise', 'check-mail-items-accessed').guidance).toMatch(
      /Purview audit log.*MailItemsAccessed/,
    );
    expect(task('malware-ransomware', 'isolate-device').guidance).toMatch(
      /Microsoft Defender for Endpoint: Device page → Isolate device \(full\)/,
    );
    expect(task('malware-ransomware', 'restore-from-backup').guidance).toMatch(
      /Azure Backup recovery point older than the infection/,
    );
    expect(task('phishing', 'purge-email').guidance).toMatch(/Content search.*-Purge/);
    expect(task('lost-stolen-device', 'wipe-or-retire').guidance).toMatch(
      /Intune remote wipe \/ retire/,
    );
    expect(task('unauthorized-phi-access', 'review-ehr-access-log').title).toBe(
      'Review the EHR access log for the record',
    );
  });

  it('freezes the loaded playbooks so no caller can change them', () => {
    const playbook = PLAYBOOKS.phishing as Playbook;
    expect(Object.isFrozen(playbook)).toBe(true);
    expect(Object.isFrozen(playbook.phases.detection[0])).toBe(true);
  });

  it('finds playbooks by id without regard to case, and nothing for unknown ids', () => {
    expect(playbookById(' Phishing ')?.id).toBe('phishing');
    expect(playbookById('toString')).toBeUndefined();
    expect(playbookById('nope')).toBeUndefined();
  });
});
