import { addUtcYears, instantOrThrow, isoOf } from './time.js';

/**
 * HIPAA 45 CFR 164.316(b)(2)(i): documentation is kept 6 years from its creation or from when it
 * was last in effect, whichever is later. For an incident record that is its closing; the breach
 * assessment, notices and final report are part of it (SPEC §4). This also covers PIPEDA's
 * 24-month breach record and the audit trail's ≥ 6 years (SPEC §6).
 */
export const DOCUMENTATION_RETENTION = {
  years: 6,
  basis: 'HIPAA 45 CFR 164.316(b)(2)(i)',
} as const;

/**
 * The first instant at which a record closed at `closedAt` (ISO with a zone) may leave
 * retention: the same UTC time 6 years later, 29 February mapping to 1 March so the period is
 * never a day short. Throws RangeError on a time that is not ISO-8601 with a zone.
 */
export function retainUntil(closedAt: string): string {
  return isoOf(addUtcYears(instantOrThrow(closedAt, 'closedAt'), DOCUMENTATION_RETENTION.years));
}
