import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RECORD_CLASSES, ROLES, type RecordClass, type Role } from './matrix.js';
import {
  type Actor,
  CLASS_ACTIONS,
  can,
  canIngestIncidents,
  canViewAccessMatrix,
  type ClassAction,
  permissionsOf,
} from './policy.js';

// The SPEC §1 matrix, copied as text so the expectations do not come from ACCESS_MATRIX itself.
const SPEC_MATRIX = `
| Role | personal | business | clinical | system |
|---|---|---|---|---|
| PracticeOwner | full | full | full | full |
| ClinicalUser | none | read | readwrite | none |
| BusinessUser | none | readwrite | none | none |
| SystemUser | none | none | limited | none |
`;

type SpecLevel = 'none' | 'limited' | 'read' | 'readwrite' | 'full';
const RANK: Record<SpecLevel, number> = { none: 0, limited: 1, read: 2, readwrite: 3, full: 4 };

/** What each level lets a person do (SPEC §1, "Meaning of each level"); each level includes the ones below. */
const ALLOWED_AT: Record<SpecLevel, readonly ClassAction[]> = {
  none: [],
  limited: ['ingest'],
  read: ['ingest', 'read'],
  readwrite: ['ingest', 'read', 'act', 'reveal_phi'],
  full: ['ingest', 'read', 'act', 'reveal_phi', 'override_gate', 'export', 'configure'],
};
const EVERY_ACTION: readonly ClassAction[] = [...ALLOWED_AT.full, 'delete'];

function parseSpecMatrix(text: string): Record<string, Record<string, SpecLevel>> {
  const rows = text
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim())
        .filter((cell) => cell !== ''),
    );
  const [header = [], , ...body] = rows;
  const classes = header.slice(1);
  const table: Record<string, Record<string, SpecLevel>> = {};
  for (const [role = '', ...levels] of body) {
    table[role] = Object.fromEntries(classes.map((c, i) => [c, levels[i] as SpecLevel]));
  }
  return table;
}

const SPEC = parseSpecMatrix(SPEC_MATRIX);

function specLevel(roles: readonly Role[], recordClass: RecordClass): SpecLevel {
  let best: SpecLevel = 'none';
  for (const role of roles) {
    // Unclassified records are the owner's alone until classified.
    const given: SpecLevel =
      recordClass === 'unclassified'
        ? role === 'PracticeOwner'
          ? 'full'
          : 'none'
        : (SPEC[role]![recordClass] as SpecLevel);
    if (RANK[given] > RANK[best]) best = given;
  }
  return best;
}

const actorWith = (roles: readonly Role[]): Actor => ({
  id: `aad-${roles.join('-') || 'none'}`,
  name: roles.join(' + ') || 'Nobody',
  kind: 'user',
  roles,
});

function expectMatchesSpec(roles: readonly Role[]): void {
  for (const recordClass of RECORD_CLASSES) {
    const level = specLevel(roles, recordClass);
    for (const action of CLASS_ACTIONS) {
      const decision = can(actorWith(roles), action, recordClass);
      const want = ALLOWED_AT[level].includes(action);
      expect({
        roles,
        recordClass,
        action,
        allowed: decision.allowed,
        level: decision.level,
      }).toEqual({ roles, recordClass, action, allowed: want, level });
    }
  }
}

const PAIRS: [Role, Role][] = ROLES.flatMap((a, i) =>
  ROLES.slice(i + 1).map((b): [Role, Role] => [a, b]),
);

describe('the vocabulary is the one SPEC §1 names', () => {
  it('has the four roles, four data classes plus unclassified, and every action tested here', () => {
    expect([...ROLES].sort()).toEqual(Object.keys(SPEC).sort());
    expect([...RECORD_CLASSES].sort()).toEqual(
      ['personal', 'business', 'clinical', 'system', 'unclassified'].sort(),
    );
    expect([...CLASS_ACTIONS].sort()).toEqual([...EVERY_ACTION].sort());
  });
});

describe('can() for a single role', () => {
  it.each(ROLES)('%s gets exactly the SPEC matrix on every class and action', (role) => {
    expectMatchesSpec([role]);
  });

  it('explains a denial with the level held and the level needed', () => {
    const decision = can(actorWith(['ClinicalUser']), 'export', 'clinical');
    expect(decision).toMatchObject({ allowed: false, level: 'readwrite', required: 'full' });
    expect(decision.reason).toMatch(/ClinicalUser/);
    expect(decision.reason).toMatch(/readwrite/);
    expect(decision.reason).toMatch(/full/);
    expect(decision.reason).toMatch(/export/);
  });

  it('says what allowed an action', () => {
    const decision = can(actorWith(['BusinessUser']), 'act', 'business');
    expect(decision).toMatchObject({ allowed: true, level: 'readwrite', required: 'readwrite' });
  });
});

describe('can() for several roles: the highest level of any role wins', () => {
  it.each(PAIRS)('%s + %s', (a, b) => {
    expectMatchesSpec([a, b]);
    for (const recordClass of RECORD_CLASSES) {
      for (const action of CLASS_ACTIONS) {
        const either =
          can(actorWith([a]), action, recordClass).allowed ||
          can(actorWith([b]), action, recordClass).allowed;
        expect(can(actorWith([a, b]), action, recordClass).allowed).toBe(either);
      }
    }
  });

  it('all four roles together can do everything but delete, on every class', () => {
    expectMatchesSpec(ROLES);
    for (const recordClass of RECORD_CLASSES) {
      for (const action of CLASS_ACTIONS) {
        expect(can(actorWith(ROLES), action, recordClass).allowed).toBe(action !== 'delete');
      }
    }
  });

  it('SystemUser + ClinicalUser keeps ingest on clinical and gains read and act', () => {
    const actor = actorWith(['SystemUser', 'ClinicalUser']);
    expect(can(actor, 'ingest', 'clinical').allowed).toBe(true);
    expect(can(actor, 'read', 'clinical').allowed).toBe(true);
    expect(can(actor, 'act', 'clinical').allowed).toBe(true);
    expect(can(actor, 'export', 'clinical').allowed).toBe(false);
  });
});

describe('special cases', () => {
  it('denies an actor with no roles everything, and says they hold no role', () => {
    const nobody = actorWith([]);
    for (const recordClass of RECORD_CLASSES) {
      for (const action of CLASS_ACTIONS) {
        const decision = can(nobody, action, recordClass);
        expect(decision.allowed).toBe(false);
        expect(decision.level).toBe('none');
        expect(decision.reason).toMatch(action === 'delete' ? /ever deleted/i : /no .*role/i);
      }
    }
  });

  it('shows unclassified records to PracticeOwner only', () => {
    for (const role of ROLES) {
      const read = can(actorWith([role]), 'read', 'unclassified');
      expect(read.allowed).toBe(role === 'PracticeOwner');
    }
    expect(
      can(actorWith(['ClinicalUser', 'BusinessUser', 'SystemUser']), 'ingest', 'unclassified'),
    ).toMatchObject({ allowed: false, level: 'none' });
    expect(can(actorWith(['PracticeOwner']), 'configure', 'unclassified').allowed).toBe(true);
  });

  it('never allows delete, whatever the roles or class', () => {
    for (const roles of [[], ...ROLES.map((r) => [r]), ...PAIRS, ROLES] as Role[][]) {
      for (const recordClass of RECORD_CLASSES) {
        const decision = can(actorWith(roles), 'delete', recordClass);
        expect(decision).toMatchObject({ allowed: false, required: null });
        expect(decision.reason).toMatch(/nothing is ever deleted/i);
      }
    }
  });

  it('limited (SystemUser on clinical) allows ingest and nothing else', () => {
    const system: Actor = {
      id: 'sentinel',
      name: 'Sentinel webhook',
      kind: 'system',
      roles: ['SystemUser'],
    };
    const allowed = CLASS_ACTIONS.filter((action) => can(system, action, 'clinical').allowed);
    expect(allowed).toEqual(['ingest']);
    expect(can(system, 'read', 'clinical')).toMatchObject({ level: 'limited', required: 'read' });
    for (const other of RECORD_CLASSES.filter((c) => c !== 'clinical')) {
      expect(can(system, 'ingest', other).allowed).toBe(false);
    }
  });
});

describe('permissionsOf', () => {
  it.each(ROLES)('gives %s its SPEC row', (role) => {
    expect(permissionsOf([role])).toEqual(SPEC[role]);
  });

  it('gives the highest level per class for several roles', () => {
    expect(permissionsOf(['ClinicalUser', 'BusinessUser'])).toEqual({
      personal: 'none',
      business: 'readwrite',
      clinical: 'readwrite',
      system: 'none',
    });
    expect(permissionsOf(['SystemUser', 'ClinicalUser']).clinical).toBe('readwrite');
    expect(permissionsOf(ROLES)).toEqual(SPEC.PracticeOwner);
  });

  it('gives none everywhere for no roles', () => {
    expect(permissionsOf([])).toEqual({
      personal: 'none',
      business: 'none',
      clinical: 'none',
      system: 'none',
    });
  });
});

describe('canViewAccessMatrix', () => {
  it('lets every role see the matrix', () => {
    for (const role of ROLES) expect(canViewAccessMatrix(actorWith([role]))).toBe(true);
  });

  it('hides it from someone with no role', () => {
    expect(canViewAccessMatrix(actorWith([]))).toBe(false);
  });
});

describe('monotonicity', () => {
  it('adding a role never lowers any decision', () => {
    fc.assert(
      fc.property(
        fc.subarray([...ROLES]),
        fc.constantFrom(...ROLES),
        fc.constantFrom(...RECORD_CLASSES),
        fc.constantFrom(...CLASS_ACTIONS),
        (roles, extra, recordClass, action) => {
          const before = can(actorWith(roles), action, recordClass);
          const after = can(actorWith([...roles, extra]), action, recordClass);
          expect(RANK[after.level]).toBeGreaterThanOrEqual(RANK[before.level]);
          if (before.allowed) expect(after.allowed).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('canIngestIncidents', () => {
  const actor = (roles: Role[]) => ({ id: 'a', name: 'A', kind: 'system' as const, roles });
  it('lets the Sentinel system identity and the owner post incidents, and no one else', () => {
    expect(canIngestIncidents(actor(['SystemUser'])).allowed).toBe(true);
    expect(canIngestIncidents(actor(['PracticeOwner'])).allowed).toBe(true);
    for (const roles of [
      [],
      ['ClinicalUser'],
      ['BusinessUser'],
      ['ClinicalUser', 'BusinessUser'],
    ] as Role[][]) {
      const decision = canIngestIncidents(actor(roles));
      expect(decision.allowed).toBe(false);
      expect(decision.reason).toMatch(/SystemUser/);
    }
  });
});
