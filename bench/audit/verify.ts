import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import type { Store } from '../../bot/src/store/database.js';
import { eachEngine, openBenchStore } from '../lib/engines.js';
import { figure, seconds } from '../lib/figures.js';
import type { Benchmark, BenchEngine, Figure } from '../lib/types.js';
import { fillChain } from './fill.js';
import { profileVerify } from './profile.js';

const ENTRIES = Number(process.env.BENCH_VERIFY_ENTRIES ?? 1_000_000);
const RUNS = 2;
const PAGE_SIZE = 5000;
const TARGET = { op: '<=', value: 5 } as const;
const LABEL = `${(ENTRIES / 1e6).toLocaleString('en-US')}M`;
const METRICS = [`verify ${LABEL}`, 'verify rate', `fill ${LABEL}`];
const STAGES = [
  ['query', 'query + driver'],
  ['fromRow', 'fromRow (JSON.parse)'],
  ['canonicalJson', 'entryHashInput (canonicalJson)'],
  ['sha256', 'sha256'],
] as const;

async function timeVerify(trail: AuditTrail): Promise<number> {
  const start = performance.now();
  const result = await trail.verify(PAGE_SIZE);
  const spent = seconds(start);
  if (!result.ok || result.entries !== ENTRIES) {
    throw new Error(`verify: ${result.entries} entries, ok=${result.ok}, ${result.problem}`);
  }
  return spent;
}

/** Where a verify pass spends its time, one figure per stage. */
async function split(engine: BenchEngine, store: Store): Promise<Figure[]> {
  const p = await profileVerify(store, PAGE_SIZE);
  const total = STAGES.reduce((sum, [key]) => sum + p[key], 0);
  return STAGES.map(([key, name]) =>
    figure(
      engine,
      `verify split: ${name}`,
      p[key],
      's',
      undefined,
      `${Math.round((p[key] / total) * 100)}% of a ${total.toFixed(2)} s profiled pass`,
    ),
  );
}

async function measure(engine: BenchEngine): Promise<Figure[]> {
  const { store, dispose } = await openBenchStore(engine);
  try {
    const repo = new AuditRepository(store);
    const fill = await fillChain(repo, ENTRIES, engine);
    const trail = new AuditTrail(repo, () => new Date());
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await timeVerify(trail));
    const worst = Math.max(...runs);
    console.log(`  ${engine}: verify runs ${runs.map((s) => s.toFixed(2)).join(', ')} s`);
    const runsNote = `worst of ${RUNS} runs (${runs.map((s) => s.toFixed(2)).join(', ')} s)`;
    return [
      figure(
        engine,
        METRICS[0] as string,
        worst,
        's',
        TARGET,
        `AuditTrail.verify(${PAGE_SIZE}), ${runsNote}`,
      ),
      figure(engine, METRICS[1] as string, ENTRIES / worst, 'entries/s'),
      ...(await split(engine, store)),
      figure(
        engine,
        METRICS[2] as string,
        fill,
        's',
        undefined,
        'AuditRepository.append in batches of 10,000 (setup, not measured against a target)',
      ),
    ];
  } finally {
    await dispose();
  }
}

export const auditVerify: Benchmark = {
  name: 'audit-verify',
  description: `AuditTrail.verify over a chain of ${ENTRIES.toLocaleString('en-US')} entries`,
  run: () => eachEngine(METRICS, measure),
};
