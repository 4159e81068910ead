import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import { eachEngine, openBenchStore } from '../lib/engines.js';
import { figure, percentile } from '../lib/figures.js';
import type { Benchmark, BenchEngine, Figure } from '../lib/types.js';
import { makeDraft } from './drafts.js';

const TARGET = { op: '>=', value: 5000 } as const;
const CONCURRENCY = Number(process.env.BENCH_APPEND_CONCURRENCY ?? 64);
const SECONDS = Number(process.env.BENCH_APPEND_SECONDS ?? 5);
const METRICS: readonly [string, string, string] = [
  'append, sequential',
  `append, ${CONCURRENCY} concurrent`,
  'append latency p99',
];

interface Run {
  entries: number;
  perSecond: number;
  latencies: number[];
}

/** `workers` callers each awaiting one append after another until the time is up. */
async function appendFor(trail: AuditTrail, workers: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await trail.append(makeDraft(next++));
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { entries: latencies.length, perSecond: latencies.length / elapsed, latencies };
}

async function measure(engine: BenchEngine): Promise<Figure[]> {
  const { store, dispose } = await openBenchStore(engine);
  try {
    const trail = new AuditTrail(new AuditRepository(store), () => new Date());
    await appendFor(trail, CONCURRENCY, 0.5);
    const sequential = await appendFor(trail, 1, SECONDS);
    const concurrent = await appendFor(trail, CONCURRENCY, SECONDS);
    const check = await trail.verify();
    if (!check.ok) throw new Error(`chain broken after the append benchmark: ${check.problem}`);
    console.log(
      `  ${engine}: ${sequential.entries} sequential, ${concurrent.entries} concurrent entries; ` +
        `chain of ${check.entries} verified`,
    );
    const seqP50 = percentile(sequential.latencies, 50).toFixed(2);
    const p50 = percentile(concurrent.latencies, 50).toFixed(2);
    return [
      figure({
        engine,
        metric: METRICS[0],
        value: sequential.perSecond,
        unit: 'entries/s',
        note: `one awaited append at a time (a commit each), p50 ${seqP50} ms`,
      }),
      figure({
        engine,
        metric: METRICS[1],
        value: concurrent.perSecond,
        unit: 'entries/s',
        target: TARGET,
      }),
      figure({
        engine,
        metric: METRICS[2],
        value: percentile(concurrent.latencies, 99),
        unit: 'ms',
        note: `${CONCURRENCY} concurrent appenders, p50 ${p50} ms`,
      }),
    ];
  } finally {
    await dispose();
  }
}

export const auditAppend: Benchmark = {
  name: 'audit-append',
  description:
    `AuditTrail.append (group commit): ${SECONDS} s sequential, ` +
    `then ${SECONDS} s with ${CONCURRENCY} concurrent appenders`,
  run: () => eachEngine(METRICS, measure),
};
