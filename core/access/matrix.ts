/** Entra ID app role values of the app registration (SPEC §1). */
export const ROLES = ['PracticeOwner', 'ClinicalUser', 'BusinessUser', 'SystemUser'] as const;
export type Role = (typeof ROLES)[number];

/** The seed's data classes; `system` is the seed's "System Admin" column. */
export const DATA_CLASSES = ['personal', 'business', 'clinical', 'system'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** A record whose class rules could not decide; only owners see it until classified. */
export const UNCLASSIFIED = 'unclassified' as const;
export type RecordClass = DataClass | typeof UNCLASSIFIED;
export const RECORD_CLASSES: readonly RecordClass[] = [...DATA_CLASSES, UNCLASSIFIED];

/** Permission levels, lowest first; the index is the rank. */
export const LEVELS = ['none', 'limited', 'read', 'readwrite', 'full'] as const;
export type Level = (typeof LEVELS)[number];

/** The access control matrix of the seed, as data. */
export const ACCESS_MATRIX: Readonly<Record<Role, Readonly<Record<DataClass, Level>>>> = {
  PracticeOwner: { personal: 'full', business: 'full', clinical: 'full', system: 'full' },
  ClinicalUser: { personal: 'none', business: 'read', clinical: 'readwrite', system: 'none' },
  BusinessUser: { personal: 'none', business: 'readwrite', clinical: 'none', system: 'none' },
  SystemUser: { personal: 'none', business: 'none', clinical: 'limited', system: 'none' },
};

/** Rank of a level, for comparisons. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** The higher of two levels. */
export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isRecordClass(value: string): value is RecordClass {
  return (RECORD_CLASSES as readonly string[]).includes(value);
}
