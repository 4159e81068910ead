/** The practice's choices that turn the rules into dates and reminders. */
export interface BreachSettings {
  /**
   * The internal target for PHIPA's "first reasonable opportunity" and PIPEDA's "as soon as
   * feasible", in hours after discovery (SPEC §4: default 72).
   */
  firstReasonableOpportunityHours: number;
  /**
   * An internal target for telling the acquirer about cardholder data, in hours after
   * discovery; null leaves the date to the brands' rules (no date, no reminders).
   */
  pciTargetHours: number | null;
  /** Reminders when these fractions of the time from discovery to a deadline have passed. */
  reminderFractions: readonly number[];
  /** Reminders this many hours before a deadline (dropped when before discovery). */
  reminderLeadHours: readonly number[];
  /** Escalations this many hours after a deadline that has not been met. */
  escalationHours: readonly number[];
}

/** SPEC §4's 72 h target; reminders at half time and a day before; escalation at 1 h, 1 and 3 days late. */
export const DEFAULT_BREACH_SETTINGS: Readonly<BreachSettings> = Object.freeze({
  firstReasonableOpportunityHours: 72,
  pciTargetHours: null,
  reminderFractions: Object.freeze([0.5]),
  reminderLeadHours: Object.freeze([24]),
  escalationHours: Object.freeze([1, 24, 72]),
});

/** A target longer than 30 days would not be a "first reasonable opportunity" any more. */
export const MAX_TARGET_HOURS = 720;

/** The defaults, overridden by every setting that is not undefined. */
function merged(settings: Partial<BreachSettings>): BreachSettings {
  const given = Object.entries(settings).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_BREACH_SETTINGS, ...Object.fromEntries(given) };
}

const wholeHours = (n: unknown, min: number, max: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

function listProblems(
  name: string,
  values: unknown,
  valid: (n: unknown) => boolean,
  what: string,
): string[] {
  if (!Array.isArray(values)) return [`${name}: must be a list of ${what}`];
  const bad = values.filter((n) => !valid(n));
  return bad.length === 0 ? [] : [`${name}: ${bad.map(String).join(', ')} must each be ${what}`];
}

/**
 * Every wrong setting, named (for the start-up configuration check); empty when all are valid.
 * Hours are whole numbers so every computed deadline is a whole millisecond.
 */
export function breachSettingsProblems(settings: Partial<BreachSettings>): string[] {
  const s = merged(settings);
  const problems: string[] = [];
  if (!wholeHours(s.firstReasonableOpportunityHours, 1, MAX_TARGET_HOURS)) {
    problems.push(
      `firstReasonableOpportunityHours: must be a whole number of hours from 1 to ${MAX_TARGET_HOURS}`,
    );
  }
  if (s.pciTargetHours !== null && !wholeHours(s.pciTargetHours, 1, MAX_TARGET_HOURS)) {
    problems.push(
      `pciTargetHours: must be null or a whole number of hours from 1 to ${MAX_TARGET_HOURS}`,
    );
  }
  const fraction = (n: unknown): boolean => typeof n === 'number' && n > 0 && n < 1;
  const hours = (n: unknown): boolean => wholeHours(n, 0, 24 * 366);
  problems.push(
    ...listProblems('reminderFractions', s.reminderFractions, fraction, 'between 0 and 1'),
    ...listProblems('reminderLeadHours', s.reminderLeadHours, hours, 'whole hours ≥ 0'),
    ...listProblems('escalationHours', s.escalationHours, hours, 'whole hours ≥ 0'),
  );
  return problems;
}

/** Defaults filled in; throws RangeError on a setting that start-up validation should have refused. */
export function resolveSettings(settings: Partial<BreachSettings> = {}): BreachSettings {
  const problems = breachSettingsProblems(settings);
  if (problems.length > 0) throw new RangeError(`Invalid breach settings: ${problems.join('; ')}`);
  return merged(settings);
}
