import type { BenchEngine, Figure, Target } from './types.js';

/** A figure with its pass/fail worked out from the target, if it has one. */
export function figure(
  engine: BenchEngine | 'none',
  metric: string,
  value: number,
  unit: string,
  target?: Target,
  note?: string,
): Figure {
  const out: Figure = { engine, metric, value: round(value), unit };
  if (target) {
    out.target = target;
    out.pass = target.op === '>=' ? value >= target.value : value <= target.value;
  }
  if (note) out.note = note;
  return out;
}

export function skipped(engine: BenchEngine, metric: string, note: string): Figure {
  return { engine, metric, value: null, unit: '', note };
}

/** Three significant digits is plenty for a benchmark and keeps the results files small. */
export function round(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}

export function seconds(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}
