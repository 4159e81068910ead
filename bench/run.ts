import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './lib/figures.js';
import { formatTable, writeReadme, writeResult } from './lib/report.js';
import { machineInfo } from './lib/machine.js';
import type { Benchmark, BenchResult } from './lib/types.js';
import { BENCHMARKS } from './registry.js';

/** `bench/results` in the source tree, found from `dist/bench/bench/run.js` or `bench/run.ts`. */
function resultsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = here.includes(`${path.sep}dist${path.sep}`)
    ? here.split(`${path.sep}dist${path.sep}`)[0]
    : path.dirname(here);
  return process.env.BENCH_RESULTS_DIR ?? path.join(root as string, 'bench', 'results');
}

class UsageError extends Error {}

function select(names: readonly string[]): Benchmark[] {
  if (names.length === 0) return [...BENCHMARKS];
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    const known = BENCHMARKS.map((b) => b.name).join(', ');
    throw new UsageError(`unknown benchmark ${unknown.join(', ')}; known: ${known}`);
  }
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--list')) {
    for (const b of BENCHMARKS) console.log(`${b.name}  ${b.description}`);
    return 0;
  }
  const chosen = select(argv);
  const machine = await machineInfo();
  const dir = resultsDir();
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    console.log(`▶ ${bench.name}: ${bench.description}`);
    const start = performance.now();
    const loadStart = os.loadavg()[0] ?? 0;
    const figures = await bench.run();
    const result: BenchResult = {
      name: bench.name,
      description: bench.description,
      date: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - start) / 1000),
      load: { start: round(loadStart), end: round(os.loadavg()[0] ?? 0) },
      machine,
      figures,
    };
    writeResult(dir, result);
    results.push(result);
  }
  writeReadme(dir);
  console.log(
    `\n${formatTable(results)}\n\nresults in ${path.relative(process.cwd(), dir) || '.'}`,
  );
  return results.some((r) => r.figures.some((f) => f.pass === false)) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  },
);
