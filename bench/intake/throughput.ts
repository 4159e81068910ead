import autocannon from 'autocannon';
import { eachEngine } from '../lib/engines.js';
import { figure, percentile, round } from '../lib/figures.js';
import type { Benchmark, BenchEngine, Figure } from '../lib/types.js';
import { IncidentFactory } from '../lib/incident-factory.js';
import { signedHeaders, startChild, startServiceChild } from './common.js';

/**
 * Sentinel webhook intake under load (issue 4). The service runs in a child process (local mode,
 * LOG_LEVEL silent, HMAC secret set, its own DATA_DIR or PostgreSQL schema); autocannon drives it
 * from this process with a distinct, signed incident per request. The ceiling is a bare express
 * endpoint, also in a child process, that only parses the JSON of the same bodies.
 */
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_INTAKE_CONNECTIONS ?? 32);
const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 1000);
const PATH = '/api/sentinel/incidents';
const METRICS = [
  `intake at ${RATE}/s offered: achieved`,
  `intake at ${RATE}/s offered: p99 time-to-202`,
  `intake at ${RATE}/s offered: p99 time-to-202 after the first second`,
  'intake max: rate',
  'intake max: p99 time-to-202',
  'intake max: ratio to bare express JSON',
] as const;

/**
 * How autocannon offers a rate: each connection may send its share of the second's requests
 * (rate / connections) back to back, each as soon as the previous answer came, then waits for
 * the next second. So each second opens with a closed loop at every connection, and time-to-202
 * is about connections / what the server sustains while the share lasts. The connections are
 * opened as the run starts: a Node server busy with the first ones accepts one new connection
 * per turn of its event loop, and the first request on a late one waits for that.
 */
const PACING_NOTE =
  "autocannon sends each connection's share of a second back to back, so every second opens with a closed loop at all connections";

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  /** p99 of the requests sent after the first second (every connection open by then). */
  steadyP99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** One autocannon run: `rate` null = as fast as `connections` closed loops go. */
async function drive(
  url: string,
  factory: IncidentFactory,
  options: { seconds: number; connections: number; rate: number | null },
): Promise<Load> {
  const start = performance.now();
  const steady: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${PATH}`,
        method: 'POST',
        connections: options.connections,
        duration: options.seconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [
          {
            method: 'POST',
            path: PATH,
            setupRequest: (request) => {
              const { body } = factory.next();
              return { ...request, body, headers: signedHeaders(body) };
            },
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      const sentAt = performance.now() - responseTime - start;
      if (sentAt >= 1000) steady.push(responseTime);
    });
  });
  const total = result['2xx'] + result.non2xx;
  steady.sort((a, b) => a - b);
  return {
    perSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    steadyP99: percentile(steady, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    total,
  };
}

const describe = (load: Load): string =>
  `${load.total} responses, p50 ${load.p50} ms, p99 ${load.p99} ms, ` +
  `non-2xx ${load.non2xx}, errors ${load.errors}`;

/**
 * The bare express endpoint, measured once per benchmark run and shared by both engines: flat
 * out (the ceiling for the ratio) and under the same fixed-rate load as the service (what the
 * load itself costs in time-to-202, whatever the server does).
 */
let ceiling: Promise<{ max: Load; fixed: Load }> | null = null;
function bareCeiling(): Promise<{ max: Load; fixed: Load }> {
  ceiling ??= (async () => {
    const bare = await startChild('bare-child.js', { ...process.env });
    try {
      const factory = new IncidentFactory(1);
      await drive(bare.url, factory, { seconds: 2, connections: CONNECTIONS, rate: null });
      const max = await drive(bare.url, factory, {
        seconds: SECONDS,
        connections: CONNECTIONS,
        rate: null,
      });
      console.log(`  bare express JSON: ${Math.round(max.perSecond)} req/s; ${describe(max)}`);
      const fixed = await drive(bare.url, factory, {
        seconds: SECONDS,
        connections: 64,
        rate: RATE,
      });
      console.log(`  bare express JSON at ${RATE}/s offered: ${describe(fixed)}`);
      return { max, fixed };
    } finally {
      await bare.stop();
    }
  })();
  return ceiling;
}

async function measure(engine: BenchEngine): Promise<Figure[]> {
  const bare = await bareCeiling();
  const { child, dispose } = await startServiceChild(engine);
  try {
    const factory = new IncidentFactory(100_000);
    // Warm-up: JIT, connection pools, first pages of the store.
    await drive(child.url, factory, { seconds: 2, connections: 8, rate: 200 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const fixed = await drive(child.url, factory, {
      seconds: SECONDS,
      connections: 64,
      rate: RATE,
    });
    console.log(
      `  ${engine} at ${RATE}/s offered: ${Math.round(fixed.perSecond)}/s; ${describe(fixed)}`,
    );
    // Let the processor catch up on what the fixed-rate run left behind before the max run.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const max = await drive(child.url, factory, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      rate: null,
    });
    console.log(
      `  ${engine} max (${CONNECTIONS} connections): ${Math.round(max.perSecond)}/s; ${describe(max)}`,
    );
    const where = `service in a child process (pid ${child.pid}), autocannon in the bench process`;
    return [
      figure({
        engine,
        metric: METRICS[0],
        value: fixed.perSecond,
        unit: 'incidents/s',
        target: { op: '>=', value: RATE * 0.98 },
        note: `${SECONDS} s at ${RATE}/s offered, 64 connections; non-2xx ${fixed.non2xx}, errors ${fixed.errors}; ${where}`,
      }),
      figure({
        engine,
        metric: METRICS[1],
        value: fixed.p99,
        unit: 'ms',
        target: { op: '<=', value: 50 },
        note: `p50 ${fixed.p50} ms; ${PACING_NOTE}; the bare express endpoint under the same load: p99 ${bare.fixed.p99} ms (p50 ${bare.fixed.p50} ms)`,
      }),
      figure({
        engine,
        metric: METRICS[2],
        value: fixed.steadyP99,
        unit: 'ms',
        note: `every connection open by then (a busy Node server accepts one new connection per turn of its event loop); the bare express endpoint: ${round(bare.fixed.steadyP99)} ms`,
      }),
      figure({
        engine,
        metric: METRICS[3],
        value: max.perSecond,
        unit: 'incidents/s',
        target: { op: '>=', value: RATE },
        note: `${SECONDS} s, ${CONNECTIONS} connections, 2xx only; non-2xx ${max.non2xx}, errors ${max.errors}`,
      }),
      figure({
        engine,
        metric: METRICS[4],
        value: max.p99,
        unit: 'ms',
        note: `p50 ${max.p50} ms at ${CONNECTIONS} connections (closed loop: latency grows with queueing)`,
      }),
      figure({
        engine,
        metric: METRICS[5],
        value: max.perSecond / bare.max.perSecond,
        unit: 'ratio',
        target: { op: '>=', value: 0.5 },
        note: `bare express.json() endpoint, same signed bodies, ${CONNECTIONS} connections: ${Math.round(bare.max.perSecond)} req/s, p99 ${bare.max.p99} ms`,
      }),
    ];
  } finally {
    await dispose();
  }
}

export const intakeThroughput: Benchmark = {
  name: 'intake-throughput',
  description:
    `POST /api/sentinel/incidents with autocannon (service in a child process): ${SECONDS} s at ` +
    `${RATE}/s offered, then ${SECONDS} s flat out with ${CONNECTIONS} connections, against a ` +
    'bare express JSON endpoint on the same signed bodies and the same loads',
  run: () => eachEngine(METRICS, measure),
};
