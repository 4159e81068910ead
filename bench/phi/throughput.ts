/**
 * PHI masking throughput on one core: the detect + mask path of core/phi and of redact-pii over
 * the text of the generated corpus, line by line (alerts are masked one description at a time),
 * in this process's main thread. MB = 10^6 bytes of UTF-8 input.
 */
import { figure } from '../lib/figures.js';
import type { Benchmark, Figure } from '../lib/types.js';
import { generateCorpus } from './generator.js';
import { corePhiTool, redactPiiTool, type PhiTool } from './tools.js';

const SEED = Number(process.env.BENCH_PHI_SEED ?? 7);
const LINES = Number(process.env.BENCH_PHI_LINES ?? 5000);
const MIN_ROUNDS = 5;
const MAX_ROUNDS = 41;
const MIN_SECONDS = Number(process.env.BENCH_PHI_SECONDS ?? 3);
const WARMUP_SECONDS = 1;
const ROUND_SECONDS = 0.25;
const TARGET = { op: '>=', value: 20 } as const;

interface Measured {
  mbPerSecond: number;
  /** MB/s of each round. */
  rates: number[];
  passes: number;
  masked: number;
}

/** One pass over every line; returns seconds and how many lines came back changed. */
function pass(tool: PhiTool, lines: readonly string[]): { seconds: number; masked: number } {
  let masked = 0;
  const start = performance.now();
  for (const line of lines) if (tool.mask(line) !== line) masked += 1;
  return { seconds: (performance.now() - start) / 1000, masked };
}

/**
 * Warm-up, then rounds of whole passes (as many passes per round as fill ROUND_SECONDS) until both
 * MIN_ROUNDS and MIN_SECONDS are reached; the median round.
 */
function measure(tool: PhiTool, lines: readonly string[], bytes: number): Measured {
  const warmStart = performance.now();
  let warmPasses = 0;
  do {
    pass(tool, lines);
    warmPasses += 1;
  } while ((performance.now() - warmStart) / 1000 < WARMUP_SECONDS);
  const perPass = (performance.now() - warmStart) / 1000 / warmPasses;
  const passes = Math.max(1, Math.ceil(ROUND_SECONDS / perPass));
  const rates: number[] = [];
  let total = 0;
  let masked = 0;
  while (rates.length < MIN_ROUNDS || (total < MIN_SECONDS && rates.length < MAX_ROUNDS)) {
    let seconds = 0;
    for (let i = 0; i < passes; i += 1) {
      const r = pass(tool, lines);
      seconds += r.seconds;
      masked = r.masked;
    }
    rates.push((bytes * passes) / 1e6 / seconds);
    total += seconds;
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { mbPerSecond: sorted[Math.floor(sorted.length / 2)] as number, rates, passes, masked };
}

async function run(): Promise<Figure[]> {
  const lines = generateCorpus({ seed: SEED, lines: LINES }).map((l) => l.text);
  const bytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l, 'utf8'), 0);
  const size = `${(bytes / 1e6).toFixed(2)} MB in ${lines.length} lines (seed ${SEED})`;
  console.log(`  corpus: ${size}`);
  const out: Figure[] = [];
  for (const tool of [corePhiTool(), redactPiiTool()]) {
    const m = measure(tool, lines, bytes);
    const isCore = tool.name === 'core/phi';
    const spread = `${Math.min(...m.rates).toFixed(1)}-${Math.max(...m.rates).toFixed(1)}`;
    const rounds = `median of ${m.rates.length} rounds of ${m.passes} passes (${spread} MB/s)`;
    console.log(
      `  ${tool.name}: ${m.mbPerSecond.toFixed(2)} MB/s, ${rounds}; ${m.masked} lines changed`,
    );
    out.push(
      figure({
        engine: 'none',
        metric: `mask throughput (${tool.name})`,
        value: m.mbPerSecond,
        unit: 'MB/s',
        ...(isCore ? { target: TARGET } : {}),
        note:
          `detect + mask, one line at a time, one core; ${rounds} over ${size}; ` +
          `${m.masked} lines changed`,
      }),
    );
  }
  return out;
}

export const phiThroughput: Benchmark = {
  name: 'phi-throughput',
  description: `PHI detect + mask throughput on one core, core/phi vs redact-pii, generated corpus (seed ${SEED}, ${LINES} lines)`,
  run,
};
