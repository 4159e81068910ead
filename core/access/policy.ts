import {
  ACCESS_MATRIX,
  DATA_CLASSES,
  type DataClass,
  type Level,
  levelRank,
  maxLevel,
  type RecordClass,
  type Role,
  UNCLASSIFIED,
} from './matrix.js';

/** Who is acting: a person from the directory or a system identity (webhook, job). */
export interface Actor {
  id: string;
  name: string;
  kind: 'user' | 'system';
  roles: readonly Role[];
}

/**
 * Things an actor may do to records of a data class, each with the lowest level that allows it.
 * `delete` has no level: nothing is ever deleted.
 */
export const ACTION_LEVELS = {
  ingest: 'limited',
  read: 'read',
  act: 'readwrite',
  reveal_phi: 'readwrite',
  override_gate: 'full',
  export: 'full',
  configure: 'full',
  delete: null,
} as const satisfies Record<string, Level | null>;
export type ClassAction = keyof typeof ACTION_LEVELS;
export const CLASS_ACTIONS = Object.keys(ACTION_LEVELS) as ClassAction[];

export interface Decision {
  allowed: boolean;
  /** The actor's effective level on the class. */
  level: Level;
  /** The level the action needs, or null when no level allows it. */
  required: Level | null;
  /** One sentence a person can act on. */
  reason: string;
}

/**
 * The actor's effective level on a record class: the highest level any of their roles gives
 * (multi-role union). `unclassified` records are the owner's alone until classified.
 */
export function effectiveLevel(roles: readonly Role[], recordClass: RecordClass): Level {
  let level: Level = 'none';
  for (const role of roles) {
    const given =
      recordClass === UNCLASSIFIED
        ? role === 'PracticeOwner'
          ? 'full'
          : 'none'
        : ACCESS_MATRIX[role][recordClass];
    level = maxLevel(level, given);
  }
  return level;
}

/** The actor's row of the matrix: their effective level on every data class. */
export function permissionsOf(roles: readonly Role[]): Record<DataClass, Level> {
  const row = {} as Record<DataClass, Level>;
  for (const dataClass of DATA_CLASSES) row[dataClass] = effectiveLevel(roles, dataClass);
  return row;
}

/** The one access decision used by every entry point: bot, tab API, webhook and jobs. */
export function can(actor: Actor, action: ClassAction, recordClass: RecordClass): Decision {
  const level = effectiveLevel(actor.roles, recordClass);
  const required = ACTION_LEVELS[action];
  if (required === null) {
    return {
      allowed: false,
      level,
      required,
      reason: 'Nothing is ever deleted in Life Cockpit Security.',
    };
  }
  if (levelRank(level) >= levelRank(required)) {
    return {
      allowed: true,
      level,
      required,
      reason: `${level} on ${recordClass} allows ${action}.`,
    };
  }
  const why =
    actor.roles.length === 0
      ? 'you hold no Life Cockpit role; ask the practice owner to assign one in Entra ID'
      : `your roles (${actor.roles.join(', ')}) give ${level} on ${recordClass} data and ${action.replace('_', ' ')} needs ${required}`;
  return { allowed: false, level, required, reason: `Not allowed: ${why}.` };
}

/** The access matrix itself is visible to every signed-in person who holds a role. */
export function canViewAccessMatrix(actor: Actor): boolean {
  return actor.roles.length > 0;
}

/**
 * Taking in Sentinel incidents. The push webhook and the poller act as the system identity
 * (`SystemUser`, SPEC §2) and create incidents before their class is known, so the decision is
 * on the role rather than a class: `SystemUser` (its `limited` level is exactly "may create")
 * or `PracticeOwner`. People with other roles never post incidents.
 */
export function canIngestIncidents(actor: Actor): Decision {
  const allowed = actor.roles.includes('SystemUser') || actor.roles.includes('PracticeOwner');
  return {
    allowed,
    level: allowed ? 'limited' : 'none',
    required: 'limited',
    reason: allowed
      ? 'The system identity may create incidents.'
      : 'Not allowed: only the Sentinel connection (role SystemUser) may post incidents.',
  };
}
