import type { BenchEngine, Figure } from './types.js';

/** A figure with its pass/fail worked out from the target, if it has one. */
export function figure(f: Omit<Figure, 'pass'> & { value: number }): Figure {
  const out: Figure = { ...f, value: round(f.value) };
  if (f.target) {
    out.pass = f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
  }
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
