/**
 * The two tools under comparison behind one interface: the detector in core/phi (with the bot's
 * default name lexicon) and the npm package redact-pii as the baseline.
 */
import type { Span } from './corpus.js';
import { RedactPiiAdapter, type Redaction } from './metrics.js';
import { subject } from './subject.js';

export interface PhiTool {
  /** Short name used in figure names: `core/phi`, `redact-pii`. */
  name: string;
  /** Typed spans, for scoring. */
  spans(text: string): Span[];
  /** Every range the tool hides, typed or not (for coverage). */
  masked(text: string): ReadonlyArray<{ start: number; end: number }>;
  /** The production path, detect + mask: what the throughput benchmark times. */
  mask(text: string): string;
}

export function corePhiTool(): PhiTool {
  return {
    name: 'core/phi',
    spans: (text) => subject.detect(text),
    masked: (text) => subject.detect(text),
    mask: (text) => subject.mask(text),
  };
}

export interface RedactPiiTool extends PhiTool {
  adapter: RedactPiiAdapter;
}

export function redactPiiTool(): RedactPiiTool {
  const adapter = new RedactPiiAdapter();
  let lastText: string | null = null;
  let lastRedactions: Redaction[] = [];
  let lastSpans: Span[] = [];
  const adapt = (text: string): void => {
    if (text === lastText) return;
    const adapted = adapter.adapt(text);
    lastText = text;
    lastRedactions = adapted.redactions;
    lastSpans = adapted.spans;
  };
  return {
    name: 'redact-pii',
    adapter,
    spans: (text) => {
      adapt(text);
      return lastSpans;
    },
    masked: (text) => {
      adapt(text);
      return lastRedactions;
    },
    mask: (text) => adapter.redact(text),
  };
}
