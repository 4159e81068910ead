import {
  type Classification,
  type ClassificationReason,
  CLASSIFICATION_REASONS,
  CLASSIFICATIONS,
  REASONS_BY_CLASSIFICATION,
} from './state.js';

/** Input of `close`; values are matched without regard to case. */
export interface CloseInput {
  classification: string;
  reason?: string | null;
}

function pick<T extends string>(values: readonly T[], value: string): T | null {
  const key = value.trim().toLowerCase();
  return values.find((candidate) => candidate.toLowerCase() === key) ?? null;
}

/**
 * A Sentinel classification and optional reason, in Sentinel's spelling. A reason must be one
 * Sentinel pairs with the classification (TruePositive: SuspiciousActivity; BenignPositive:
 * SuspiciousButExpected; FalsePositive: IncorrectAlertLogic or InaccurateData; Undetermined:
 * none), so write-back never sends a pair Sentinel would not offer.
 */
export function parseClassification(
  input: CloseInput,
):
  | { ok: true; classification: Classification; reason: ClassificationReason | null }
  | { ok: false; message: string } {
  const given = String(input.classification ?? '');
  const classification = pick(CLASSIFICATIONS, given);
  if (!classification) {
    return {
      ok: false,
      message: `"${given}" is not a classification; use ${CLASSIFICATIONS.join(', ')}.`,
    };
  }
  if (input.reason === undefined || input.reason === null || input.reason.trim() === '') {
    return { ok: true, classification, reason: null };
  }
  const reason = pick(CLASSIFICATION_REASONS, input.reason);
  const allowed: readonly string[] = REASONS_BY_CLASSIFICATION[classification];
  if (!reason || !allowed.includes(reason)) {
    const fits = allowed.length ? `use ${allowed.join(' or ')}` : 'give no reason';
    return {
      ok: false,
      message: `"${input.reason}" is not a reason for ${classification}; ${fits} (reasons follow Sentinel's pairs).`,
    };
  }
  return { ok: true, classification, reason };
}
