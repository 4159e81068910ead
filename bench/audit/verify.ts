import { availableParallelism } from 'node:os';
import type { VerifyResult } from '../../core/audit/index.js';
import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import { eachEngine, openBenchStore } from '../lib/engines.js';
import { figure, seconds } from '../lib/figures.js';
import type { Benchmark, BenchEngine, Figure } from '../lib/types.js';
import { fillChain } from './fill.js';

const ENTRIES = Number(process.env.BENCH_VERIFY_ENTRIES ?? 1_000_000);
const RUNS = 2;
const TARGET = { op: '<=', value: 5 } as const;
const LABEL = `${(ENTRIES / 1e6).toLocaleString('en-US')}M`;
const METRICS = {
  verify: `verify ${LABEL}`,
  rate: 'verify rate',
  fill: `fill ${LABEL}`,
};
type Draft = Omit<Figure, 'engine' | 'pass'> & { value: number };

async function timeVerify(verify: () => Promise<VerifyResult>): Promise<number> {
  const start = performance.now();
  const result = await verify();
  const spent = seconds(start);
  if (!result.ok || result.entries !== ENTRIES) {
    throw new Error(`verify: ${result.entries} entries, ok=${result.ok}, ${result.problem}`);
  }
  return spent;
}

async function repeat(run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i += 1) out.push(await run());
  return out;
}

function runsText(runs: readonly number[]): string {
  return `${runs.length} runs: ${runs.map((s) => s.toFixed(2)).join(', ')} s`;
}

async function measure(engine: BenchEngine): Promise<Figure[]> {
  const { store, dispose } = await openBenchStore(engine);
  try {
    const repo = new AuditRepository(store);
    const fill = await fillChain(repo, ENTRIES, engine);
    const trail = new AuditTrail(repo, () => new Date(), { verifyWorkers: availableParallelism() });
    const runs = await repeat(() => timeVerify(() => trail.verify()));
    console.log(`  ${engine}: verify ${runsText(runs)}`);
    const worst = Math.max(...runs);
    const drafts: Draft[] = [
      {
        metric: METRICS.verify,
        value: worst,
        unit: 's',
        target: TARGET,
        note: `AuditTrail.verify() with ${availableParallelism()} worker threads, worst of ${runsText(runs)}`,
      },
      { metric: METRICS.rate, value: ENTRIES / worst, unit: 'entries/s' },
      {
        metric: METRICS.fill,
        value: fill,
        unit: 's',
        note: 'AuditRepository.append in batches of 10,000; setup, not held to a target',
      },
    ];
    return drafts.map((d) => figure({ engine, ...d }));
  } finally {
    await dispose();
  }
}

export const auditVerify: Benchmark = {
  name: 'audit-verify',
  description: `AuditTrail.verify over a chain of ${ENTRIES.toLocaleString('en-US')} entries`,
  run: () => eachEngine(Object.values(METRICS), measure),
};
