import { type BreachAssessment } from './assessment.js';
import { type NotReportableDecision } from './decision.js';
import { obligations } from './obligations.js';
import { type BreachSettings } from './settings.js';
import { type BreachNotification, type TrackedObligation, trackObligations } from './status.js';

/** Who did something on the breach track: an AAD object id and a display name. */
export interface BreachActor {
  id: string;
  name: string;
}

/** One assessment as it was saved, with who saved it and when (ISO-8601 UTC). */
export interface SavedAssessment {
  at: string;
  by: BreachActor;
  assessment: BreachAssessment;
}

/**
 * The breach track of one incident, kept with the incident record. Nothing is ever removed:
 * each new assessment is appended (the last one counts), as is each logged notice.
 */
export interface BreachRecord {
  openedAt: string;
  openedBy: BreachActor;
  assessments: readonly SavedAssessment[];
  notifications: readonly BreachNotification[];
  /** Set when the assessment creates no obligation and someone signed that off. */
  decision: NotReportableDecision | null;
}

/** A breach track opened at `at` by `by`, not yet assessed. */
export function openBreach(by: BreachActor, at: string): BreachRecord {
  return { openedAt: at, openedBy: by, assessments: [], notifications: [], decision: null };
}

/** The assessment in force: the last one saved; null before the first. */
export function currentAssessment(record: BreachRecord): BreachAssessment | null {
  return record.assessments.at(-1)?.assessment ?? null;
}

/** The record with one more assessment; a decision made under an earlier one no longer holds. */
export function withAssessment(
  record: BreachRecord,
  assessment: BreachAssessment,
  by: BreachActor,
  at: string,
): BreachRecord {
  return {
    ...record,
    assessments: [...record.assessments, { at, by, assessment }],
    decision: null,
  };
}

/** The record with one more logged notice. */
export function withNotification(
  record: BreachRecord,
  notification: BreachNotification,
): BreachRecord {
  return { ...record, notifications: [...record.notifications, notification] };
}

/** What the breach track owes at `now`: obligations with status, from the current assessment. */
export function breachObligations(
  record: BreachRecord,
  now: string,
  settings: Partial<BreachSettings> = {},
): TrackedObligation[] {
  const assessment = currentAssessment(record);
  if (!assessment) return [];
  return trackObligations(obligations(assessment, settings), record.notifications, now, settings);
}
