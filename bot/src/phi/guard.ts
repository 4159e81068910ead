import { z } from 'zod';
import {
  type CustomPattern,
  type DetectOptions,
  detectPhi,
  MaskSession,
  PHI_TYPES,
  type PhiSpan,
  maskPhi,
} from '../../../core/phi/index.js';
import { defaultNameLexicon } from './lexicon.js';
import { readJsonFile } from '../json-file.js';

/**
 * Every exit of text to a shared place goes through here: cards in conversations with more than
 * one member, log lines, audit details, error messages. One detector configuration for all.
 */
export class PhiGuard {
  constructor(readonly options: DetectOptions) {}

  static create(patterns: readonly CustomPattern[] = []): PhiGuard {
    return new PhiGuard({ lexicon: defaultNameLexicon(), patterns });
  }

  spans(text: string): PhiSpan[] {
    return detectPhi(text, this.options);
  }

  /**
   * Text with PHI masked (`[NAME]`, `[HEALTH CARD …890]`…). One pass of detect and mask: mask
   * tokens are never detected, so masked text stays as it is (a property test holds this).
   */
  redact(text: string, session?: MaskSession): string {
    return maskPhi(text, detectPhi(text, this.options), session);
  }

  /**
   * Any JSON value with every string masked, one session for the whole value so a name reads
   * the same token in every field. Keys, numbers and booleans are kept; strings listed in
   * `keep` (card element types, verbs, schema) are structure, not content.
   */
  /**
   * Masks several texts shown together (the fields of one card or one log object) with one
   * session. A value detected in one field is masked wherever it appears in the others too: a
   * name recognised by its context in the title ("Patient Priya Haddad") is masked in a field
   * where it stands alone.
   */
  redactTogether(fields: readonly string[]): string[] {
    const found = fields.map((field) => detectPhi(field, this.options));
    const known = new Map<string, PhiSpan['type']>();
    fields.forEach((field, i) => {
      for (const span of found[i] ?? []) {
        const value = field.slice(span.start, span.end);
        if (value.trim().length >= 3) known.set(value, span.type);
      }
    });
    const spans = fields.map((field, i) => withOccurrences(field, found[i] ?? [], known));
    const session = new MaskSession();
    fields.forEach((field, i) => session.prepare(field, spans[i] ?? []));
    return fields.map((field, i) => maskPhi(field, spans[i] ?? [], session));
  }

  redactJson<T>(value: T, keep: ReadonlySet<string> = STRUCTURE_KEYS): T {
    const strings: string[] = [];
    collect(value, keep, strings);
    if (strings.length === 0) return value;
    const masked = this.redactTogether(strings);
    let i = 0;
    return rebuild(value, keep, () => masked[i++] as string) as T;
  }
}

/** Adaptive Card and audit keys whose string values are structure, never content. */
export const STRUCTURE_KEYS: ReadonlySet<string> = new Set([
  'type',
  '$schema',
  'version',
  'verb',
  'contentType',
  'style',
  'weight',
  'size',
  'color',
  'spacing',
  'width',
  'horizontalAlignment',
  'id',
  'url',
]);

/** `spans` plus every other occurrence of an already known value, where nothing covers it. */
function withOccurrences(
  text: string,
  spans: readonly PhiSpan[],
  known: ReadonlyMap<string, PhiSpan['type']>,
): PhiSpan[] {
  if (known.size === 0) return [...spans];
  const out = [...spans];
  const covered = (start: number, end: number): boolean =>
    out.some((s) => s.start < end && start < s.end);
  for (const [value, type] of known) {
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      const end = at + value.length;
      const bounded =
        !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[end] ?? '');
      if (bounded && !covered(at, end)) out.push({ start: at, end, type });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function collect(value: unknown, keep: ReadonlySet<string>, out: string[], key?: string): void {
  if (typeof value === 'string') {
    if (key === undefined || !keep.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, keep, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, keep, out, k);
  }
}

function rebuild(
  value: unknown,
  keep: ReadonlySet<string>,
  next: () => string,
  key?: string,
): unknown {
  if (typeof value === 'string') return key === undefined || !keep.has(key) ? next() : value;
  if (Array.isArray(value)) return value.map((item) => rebuild(item, keep, next));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = rebuild(v, keep, next, k);
    return out;
  }
  return value;
}

const patternsFileSchema = z.object({
  patterns: z.array(
    z
      .object({
        type: z.enum(PHI_TYPES as [string, ...string[]]),
        pattern: z.string().min(1),
        flags: z
          .string()
          .regex(/^[imsu]*$/, 'flags may only be i, m, s, u')
          .optional(),
        group: z.number().int().min(1).optional(),
      })
      .strict(),
  ),
});

/** Reads `PHI_PATTERNS_FILE`; the error names the file and every wrong entry. */
export function loadPhiPatterns(file: string): CustomPattern[] {
  const { patterns } = readJsonFile('PHI_PATTERNS_FILE', file, patternsFileSchema);
  return patterns.map((p, i) => {
    try {
      return {
        type: p.type as CustomPattern['type'],
        pattern: new RegExp(p.pattern, `${p.flags ?? ''}g`),
        group: p.group,
      };
    } catch (error) {
      throw new Error(
        `PHI_PATTERNS_FILE ${file}: patterns.${i}.pattern is not a valid regular expression (${(error as Error).message})`,
      );
    }
  });
}
