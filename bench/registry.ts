import { auditAppend } from './audit/append.js';
import { auditVerify } from './audit/verify.js';
import { cardLatency } from './intake/card-latency.js';
import { storm } from './intake/storm.js';
import { intakeThroughput } from './intake/throughput.js';
import type { Benchmark } from './lib/types.js';
import { phiQuality } from './phi/quality.js';
import { phiThroughput } from './phi/throughput.js';

/** Every benchmark `run.js` knows, in the order a full run takes them. Add new ones here. */
export const BENCHMARKS: readonly Benchmark[] = [
  auditAppend,
  auditVerify,
  phiQuality,
  phiThroughput,
  intakeThroughput,
  cardLatency,
  storm,
];
