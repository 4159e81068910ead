import { digitsOf } from './checksums.js';
import { type DetectOptions, detectPhi } from './detect.js';
import { normaliseWord } from './lexicon.js';
import { MASK_LABELS } from './mask-tokens.js';
import { type PhiSpan, type PhiType } from './types.js';

/**
 * The value → token memory of one card (or any unit of text shown together): the same value gets
 * the same token in every field, distinct values of a type get distinct tokens. A type with one
 * value reads `[NAME]`; with several, `[NAME 1]`, `[NAME 2]`… (when {@link prepare} saw them all
 * first) — a value first met after a bare `[NAME]` was issued becomes `[NAME 2]`, so tokens
 * already shown never change. Health card tokens keep the last three digits: `[HEALTH CARD …890]`.
 */
export class MaskSession {
  /** type → value key → token */
  private readonly tokens = new Map<PhiType, Map<string, string>>();
  private readonly issued = new Map<string, number>();
  private readonly expected = new Map<string, Set<string>>();

  /** Registers the values of `spans` in `text` so numbering can account for all of them. */
  prepare(text: string, spans: readonly PhiSpan[]): void {
    for (const s of spans) {
      const value = text.slice(s.start, s.end);
      this.expect(s.type, value, valueKey(s.type, value));
    }
  }

  /** The token for `value` of `type`, the same one every time within this session. */
  token(type: PhiType, value: string): string {
    return this.tokenFor(type, value, valueKey(type, value));
  }

  /** {@link prepare} for one value whose key is known. */
  expect(type: PhiType, value: string, key: string): void {
    const group = groupOf(type, value);
    let keys = this.expected.get(group);
    if (!keys) this.expected.set(group, (keys = new Set()));
    keys.add(key);
  }

  /** {@link token} for a value whose key is known. */
  tokenFor(type: PhiType, value: string, key: string): string {
    let byKey = this.tokens.get(type);
    if (!byKey) this.tokens.set(type, (byKey = new Map()));
    const known = byKey.get(key);
    if (known) return known;
    const group = groupOf(type, value);
    const n = (this.issued.get(group) ?? 0) + 1;
    this.issued.set(group, n);
    const numbered = n > 1 || (this.expected.get(group)?.size ?? 0) > 1;
    const detail = type === 'ontario_health_card' ? ` …${lastDigits(value)}` : '';
    const token = `[${MASK_LABELS[type]}${numbered ? ` ${n}` : ''}${detail}]`;
    byKey.set(key, token);
    return token;
  }
}

function lastDigits(value: string): string {
  return digitsOf(value).slice(-3).padStart(3, '0');
}

/** Tokens are numbered within a group: the type, and for health cards their last 3 digits. */
function groupOf(type: PhiType, value: string): string {
  return type === 'ontario_health_card' ? `${type} ${lastDigits(value)}` : type;
}

// "First Last" in ASCII letters: already its own key once lower-cased.
const SIMPLE_NAME = /^[A-Za-z]{2,} [A-Za-z]{2,}$/;

/** What makes two spellings the same value: "Osei, Anna" = "Anna Osei" = "ANNA  OSEI". */
export function valueKey(type: PhiType, value: string): string {
  switch (type) {
    case 'ontario_health_card':
    case 'sin':
    case 'us_ssn':
      return digitsOf(value);
    case 'phone':
      return digitsOf(value).slice(-10);
    case 'mrn':
      return value.replace(NOT_ALNUM, '').toUpperCase();
    case 'person_name':
      return nameKey(value);
    default:
      return normaliseWord(value).replace(NOT_KEY, ' ').trim();
  }
}

const NOT_ALNUM = /[^A-Za-z0-9]+/g;
const NOT_KEY = /[^a-z0-9@]+/g;
const NAME_SEPARATORS = /[\s_]+/;
const INITIAL = /^\p{Lu}\.?$/u;

/** "Last, First M." → "first last": order restored, initials dropped, case and accents folded. */
function nameKey(value: string): string {
  if (SIMPLE_NAME.test(value)) return value.toLowerCase();
  const comma = value.indexOf(',');
  const ordered = comma < 0 ? value : `${value.slice(comma + 1)} ${value.slice(0, comma)}`;
  let key = '';
  for (const w of ordered.split(NAME_SEPARATORS)) {
    if (w.length === 0 || INITIAL.test(w)) continue;
    key += (key ? ' ' : '') + normaliseWord(w);
  }
  return key;
}

/**
 * Replaces each span of `text` with its token from `session` (a new session when omitted).
 * Spans may come in any order; overlapping ones after the first are ignored.
 */
export function maskPhi(
  text: string,
  spans: readonly PhiSpan[],
  session = new MaskSession(),
): string {
  return maskSpans(text, spans, session, false);
}

function isSorted(spans: readonly PhiSpan[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.end) return false;
  return true;
}

/** Masks `spans`, first registering their values with the session when `prepare` is set. */
function maskSpans(
  text: string,
  spans: readonly PhiSpan[],
  session: MaskSession,
  prepare: boolean,
): string {
  if (spans.length === 0) return text;
  const sorted = isSorted(spans)
    ? spans
    : spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhiSpan[] = [];
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos || s.end <= s.start) continue;
    kept.push(s);
    pos = s.end;
  }
  const values = kept.map((s) => text.slice(s.start, s.end));
  const keys = kept.map((s, i) => valueKey(s.type, values[i]!));
  if (prepare) kept.forEach((s, i) => session.expect(s.type, values[i]!, keys[i]!));
  let out = '';
  pos = 0;
  kept.forEach((s, i) => {
    out += text.slice(pos, s.start) + session.tokenFor(s.type, values[i]!, keys[i]!);
    pos = s.end;
  });
  return out + text.slice(pos);
}

const MAX_PASSES = 4;

/**
 * Detects and masks PHI in `text`, then checks the masked text and repeats until nothing is left
 * to find, so `redactPhi(redactPhi(x)) === redactPhi(x)` holds by construction and mask tokens
 * are never re-masked. The check costs a second detection pass over the (shorter) masked text;
 * `maskPhi(text, detectPhi(text, options))` is the single-pass path.
 */
export function redactPhi(
  text: string,
  options: DetectOptions,
  session = new MaskSession(),
): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const spans = detectPhi(current, options);
    if (spans.length === 0) return current;
    current = maskSpans(current, spans, session, pass === 0);
  }
  return current;
}

/**
 * Redacts several fields of one card with one session, numbering tokens with every field's
 * values known first (so two names read `[NAME 1]` and `[NAME 2]` everywhere).
 */
export function redactFields(
  fields: readonly string[],
  options: DetectOptions,
  session = new MaskSession(),
): string[] {
  const found = fields.map((f) => detectPhi(f, options));
  fields.forEach((f, i) => session.prepare(f, found[i]!));
  return fields.map((f, i) => redactPhi(maskPhi(f, found[i]!, session), options, session));
}
