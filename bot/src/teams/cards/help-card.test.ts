import { describe, expect, it } from '@jest/globals';
import type { Role } from '../../../../core/access/index.js';
import { helpCard } from './help-card.js';

const listed = (roles: Role[]): string[] => {
  const card = helpCard({ actor: { id: 'a', name: 'A', kind: 'user', roles } });
  const facts = card.body.find((e) => e.type === 'FactSet');
  return facts && facts.type === 'FactSet'
    ? facts.facts.map((f) => f.title.split(' ')[0] as string)
    : [];
};

describe('help is role-aware', () => {
  it('shows someone without a role only help and whoami', () => {
    expect(listed([])).toEqual(['help', 'whoami']);
  });

  it('shows a clinician the incident commands but not routing', () => {
    const commands = listed(['ClinicalUser']);
    expect(commands).toEqual(expect.arrayContaining(['incidents', 'ack', 'classify']));
    expect(commands).not.toContain('subscribe');
  });

  it('shows the system identity nothing it could run from chat', () => {
    expect(listed(['SystemUser'])).toEqual(['help', 'whoami']);
  });

  it('shows the owner everything, routing included', () => {
    expect(listed(['PracticeOwner'])).toEqual(
      expect.arrayContaining(['ack', 'subscribe', 'subscriptions']),
    );
  });
});
