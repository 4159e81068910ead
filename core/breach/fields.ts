import { z } from 'zod';
import { wholeNumber } from '../incidents/values.js';
import { usStateCode, type UsState } from './states.js';
import { parseInstant, isoOf, utcYear } from './time.js';

/**
 * O. Reg. 329/04 s.6.3(1): the circumstances in which a custodian must also notify the
 * Information and Privacy Commissioner of Ontario (PHIPA s.12(3)), in the regulation's order.
 */
export const PHIPA_CIRCUMSTANCES = [
  'knowingly_unauthorized',
  'stolen',
  'further_use',
  'pattern',
  'college_notice',
  'agent_college_notice',
  'significant',
] as const;
/** One item of O. Reg. 329/04 s.6.3(1). */
export type PhipaCircumstance = (typeof PHIPA_CIRCUMSTANCES)[number];

/** Each s.6.3(1) item in words, for bases and cards. */
export const PHIPA_CIRCUMSTANCE_TEXT: Record<PhipaCircumstance, string> = {
  knowingly_unauthorized:
    'used or disclosed without authority by someone who knew or ought to have known it',
  stolen: 'stolen',
  further_use: 'further used or disclosed without authority after the first loss or misuse',
  pattern: 'part of a pattern of similar losses or unauthorized uses or disclosures',
  college_notice: 'the practice must notify a College about an employee or agent over it',
  agent_college_notice: 'a College would have to be notified were the agent one of its members',
  significant: 'significant (sensitivity, volume, number of people or of custodians involved)',
};

/** The longest `notes` text accepted, so a pasted log does not end up in every card. */
export const NOTES_MAX = 10_000;

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string, input: unknown, path?: PropertyKey[]): never {
  ctx.issues.push({ code: 'custom', message, input, ...(path ? { path } : {}) });
  return z.NEVER as never;
}

// `.optional()` before `.transform`: zod 4 refuses an absent key whose schema is not optional
// even when the transform would give it a value.
const blank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function countProblem(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value < 0) return 'must not be negative';
    if (!Number.isInteger(value)) return 'must be a whole number of people';
    return 'is too large';
  }
  if (typeof value === 'string' && /^\s*-\s*\d/.test(value)) return 'must not be negative';
  return `must be a whole number of people, not ${JSON.stringify(value)}`;
}

/** A count of people: required (0 when nobody), whole, not negative. */
export const count = z
  .unknown()
  .optional()
  .transform((value, ctx): number => {
    if (blank(value)) return fail(ctx, 'is required (enter 0 if nobody)', value);
    return wholeNumber(value) ?? fail(ctx, countProblem(value), value);
  });

/** A yes/no answer: a boolean, or `true`/`false` as text (what Input.Toggle submits). */
export const yesNo = z
  .unknown()
  .optional()
  .transform((value, ctx): boolean => {
    if (typeof value === 'boolean') return value;
    if (blank(value)) return fail(ctx, 'is required: answer true or false', value);
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (text === 'true') return true;
    if (text === 'false') return false;
    return fail(ctx, `must be true or false, not ${JSON.stringify(value)}`, value);
  });

/**
 * The discovery time: ISO-8601 with a zone, a real calendar date, in a plausible year. HIPAA
 * counts from the first day the breach is known (or by reasonable diligence would have been).
 */
export const instant = z
  .unknown()
  .optional()
  .transform((value, ctx): string => {
    if (blank(value)) return fail(ctx, 'is required: when the breach was discovered', value);
    const ms = typeof value === 'string' ? parseInstant(value) : null;
    if (ms === null) {
      return fail(
        ctx,
        'must be an ISO-8601 date-time with its zone, e.g. 2026-03-14T09:30:00-04:00 or 2026-03-14T13:30:00Z',
        value,
      );
    }
    const year = utcYear(ms);
    if (year < 2000 || year > 2999)
      return fail(ctx, `is in the year ${year}: check the year`, value);
    return isoOf(ms);
  });

const PAIR = /^([A-Za-z]{2})\s*[:=\s]\s*(\S+)$/;

/** `"CA 120, NY: 8; TX=3"` → entries; a part that is not `<code> <count>` is a problem. */
function pairsOf(text: string, ctx: Ctx): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const part of text.split(/[,;\n]/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const match = PAIR.exec(trimmed);
    if (!match) {
      fail(ctx, `"${trimmed}" is not "<state code> <count>", e.g. "CA 120, NY 8"`, text);
      continue;
    }
    entries.push([match[1] as string, match[2]]);
  }
  return entries;
}

/**
 * US individuals per state of residence: an object (tab API) or `CA 120, NY 8` text (a card's
 * Input.Text). Codes are folded to upper case; the result is sorted by code.
 */
export const byState = z
  .unknown()
  .optional()
  .transform((value, ctx): Partial<Record<UsState, number>> => {
    if (blank(value)) return {};
    let entries: [string, unknown][];
    if (typeof value === 'string') entries = pairsOf(value, ctx);
    else if (typeof value === 'object' && !Array.isArray(value)) {
      entries = Object.entries(value as Record<string, unknown>);
    } else {
      return fail(ctx, 'must map state codes to counts, e.g. {"CA": 120, "NY": 8}', value);
    }
    const seen = new Map<UsState, string>();
    const result: Partial<Record<UsState, number>> = {};
    for (const [key, raw] of entries) {
      const code = usStateCode(key);
      if (code === null) {
        fail(ctx, `"${key}" is not a US state or territory code`, key, [key]);
        continue;
      }
      const earlier = seen.get(code);
      if (earlier !== undefined) {
        fail(ctx, `is listed twice ("${earlier}" and "${key}")`, key, [code]);
        continue;
      }
      seen.set(code, key);
      const n = wholeNumber(raw);
      if (n === null) {
        fail(ctx, blank(raw) ? 'needs a count' : countProblem(raw), raw, [key]);
        continue;
      }
      result[code] = n;
    }
    const sorted = Object.keys(result).sort() as UsState[];
    return Object.fromEntries(sorted.map((code) => [code, result[code]]));
  });

/** The s.6.3 items: an array, or comma-separated text (a multi-select Input.ChoiceSet). */
export const circumstances = z
  .unknown()
  .optional()
  .transform((value, ctx): PhipaCircumstance[] => {
    if (blank(value)) return [];
    const items: unknown[] =
      typeof value === 'string' ? value.split(/[,;]/).filter((item) => item.trim() !== '') : [];
    if (Array.isArray(value)) items.push(...(value as unknown[]));
    else if (typeof value !== 'string') {
      return fail(ctx, `must be a list of: ${PHIPA_CIRCUMSTANCES.join(', ')}`, value);
    }
    const chosen = new Set<PhipaCircumstance>();
    items.forEach((item, index) => {
      const text = typeof item === 'string' ? item.trim().toLowerCase() : '';
      const known = PHIPA_CIRCUMSTANCES.find((c) => c === text);
      if (known) chosen.add(known);
      else {
        const message = `${JSON.stringify(item)} is not one of ${PHIPA_CIRCUMSTANCES.join(', ')}`;
        fail(ctx, message, item, [index]);
      }
    });
    return PHIPA_CIRCUMSTANCES.filter((c) => chosen.has(c));
  });

/** Free text, optional, trimmed, bounded. */
export const notes = z
  .unknown()
  .optional()
  .transform((value, ctx): string => {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') return fail(ctx, 'must be text', value);
    const text = value.trim();
    if (text.length > NOTES_MAX) {
      return fail(ctx, `is too long (${text.length} characters; at most ${NOTES_MAX})`, value);
    }
    return text;
  });
