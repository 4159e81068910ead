import { isHipaaBreach, MEDIA_THRESHOLD, type BreachAssessment } from './assessment.js';
import { RULES, people, type Draft } from './model.js';
import { US_STATE_CODES, US_STATES } from './states.js';
import { DAY_MS, isoOf, utcDateText, utcYear } from './time.js';

const HIPAA_DAYS = 60;

/**
 * 164.408(c): within 60 days after the end of the calendar year of discovery. Day 1 is 1 January,
 * so day 60 is 1 March, or 29 February when the next year is a leap year; the obligation is due
 * at the last millisecond of that UTC day (HHS's "by March 1 / February 29"). The year is the UTC
 * year of discovery.
 */
export function hhsLogDeadline(discoveredMs: number): number {
  const nextYear = utcYear(discoveredMs) + 1;
  return Date.UTC(nextYear, 0, 1) + HIPAA_DAYS * DAY_MS - 1;
}

/** 164.404, 164.406 and 164.408: individuals, media per state, and HHS. */
export function hipaa(a: BreachAssessment, t0: number, add: (o: Draft) => void): void {
  if (!isHipaaBreach(a)) return;
  const due = isoOf(t0 + HIPAA_DAYS * DAY_MS);
  add({
    id: 'hipaa-individuals',
    rule: RULES.hipaaIndividuals,
    party: 'individuals',
    recipient: 'Each affected US individual',
    kind: 'notify',
    dueAt: due,
    basis: `Unsecured PHI of ${people(a.usIndividuals)} in the US, with no documented low probability of compromise: notify each without unreasonable delay, at the latest 60 days after discovery.`,
  });
  for (const state of US_STATE_CODES) {
    const residents = a.usByState[state] ?? 0;
    if (residents <= MEDIA_THRESHOLD) continue;
    add({
      id: `hipaa-media-${state}`,
      rule: RULES.hipaaMedia,
      party: 'media',
      state,
      recipient: `Prominent media outlets serving ${US_STATES[state]}`,
      kind: 'notify',
      dueAt: due,
      basis: `${residents} residents of ${US_STATES[state]} (more than ${MEDIA_THRESHOLD} in one state): notify prominent media there at the latest 60 days after discovery.`,
    });
  }
  if (a.usIndividuals >= MEDIA_THRESHOLD) {
    add({
      id: 'hipaa-hhs',
      rule: RULES.hipaaHhs,
      party: 'hhs',
      recipient: 'The Secretary of HHS (breach portal)',
      kind: 'notify',
      dueAt: due,
      basis: `${people(a.usIndividuals)} in the US (${MEDIA_THRESHOLD} or more): notify the Secretary of HHS at the same time as the individuals, at the latest 60 days after discovery.`,
    });
  } else {
    const deadline = hhsLogDeadline(t0);
    add({
      id: 'hipaa-hhs',
      rule: RULES.hipaaHhsLog,
      party: 'hhs',
      recipient: 'The Secretary of HHS (breach portal, annual log)',
      kind: 'notify',
      dueAt: isoOf(deadline),
      basis: `${people(a.usIndividuals)} in the US (fewer than ${MEDIA_THRESHOLD}): log the breach and report it to the Secretary of HHS within 60 days after the end of ${utcYear(t0)}, by the end of ${utcDateText(deadline)} (UTC).`,
    });
  }
}
