/** The kinds of PHI the detector reports (SPEC §10, `phi-spans`). */
export type PhiType =
  | 'person_name'
  | 'ontario_health_card'
  | 'sin'
  | 'us_ssn'
  | 'mrn'
  | 'date_of_birth'
  | 'phone'
  | 'email'
  | 'postal_address';

/** Every PHI type, in a stable order. */
export const PHI_TYPES: readonly PhiType[] = [
  'person_name',
  'ontario_health_card',
  'sin',
  'us_ssn',
  'mrn',
  'date_of_birth',
  'phone',
  'email',
  'postal_address',
];

/**
 * One detected piece of PHI: `start`/`end` are JavaScript string indices (UTF-16 code units),
 * `end` exclusive, so `text.slice(start, end)` is the PHI itself.
 */
export interface PhiSpan {
  start: number;
  end: number;
  type: PhiType;
}

/**
 * A deployment-specific pattern, e.g. a clinic's own MRN format: `/\bCHART-(\d{6})\b/g`.
 * When `group` is given only that capture group is the span (a label stays readable); otherwise
 * the whole match is. The regex must be global (`g`); it is cloned, never mutated.
 */
export interface CustomPattern {
  type: PhiType;
  pattern: RegExp;
  group?: number;
}
