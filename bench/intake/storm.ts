import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
  teamsLimits,
} from '../../tests/fakes/bot-connector.js';
import {
  botAdded,
  channel,
  message,
  PEOPLE,
  personalChat,
  threadOf,
} from '../../tests/helpers/activities.js';
import { eachEngine } from '../lib/engines.js';
import { figure } from '../lib/figures.js';
import { IncidentFactory } from '../lib/incident-factory.js';
import type { Benchmark, BenchEngine, Figure } from '../lib/types.js';
import { signedHeaders, startServiceChild } from './common.js';

/**
 * An alert storm (issue 4): 3,000 distinct incidents in one minute, each routed to one channel
 * and to the owner's personal chat, through the real service in a child process and a fake Bot
 * Connector that enforces Teams' limits (any call over a window is refused with 429 and counted
 * as a violation). Measured here, on this process's clock: violations, incidents never shown,
 * the first card after the first 202, and the longest time from an incident's 202 until it is
 * shown in a conversation (its own card or a digest line).
 */
const TOTAL = Number(process.env.BENCH_STORM_N ?? 3_000);
const SECONDS = Number(process.env.BENCH_STORM_SECONDS ?? 60);
const SETTLE_MS = 90_000;
const METRICS = [
  'storm: limit violations',
  'storm: incidents lost',
  'storm: first card',
  'storm: slowest incident shown',
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When each incident number was first shown in each conversation, from the connector's calls. */
function firstShown(connector: BotConnectorFake): Map<string, Map<number, number>> {
  const shown = new Map<string, Map<number, number>>();
  for (const call of connector.calls) {
    if (call.operation !== 'send' || call.status >= 300) continue;
    const seen = shown.get(call.conversationId) ?? new Map<number, number>();
    shown.set(call.conversationId, seen);
    for (const content of adaptiveCards(call.activity)) {
      for (const m of cardText(content).matchAll(/^#(\d+) · /gm)) {
        const n = Number(m[1]);
        if (!seen.has(n)) seen.set(n, call.at);
      }
    }
  }
  return shown;
}

async function measure(engine: BenchEngine): Promise<Figure[]> {
  const connector = await startBotConnectorFake();
  const limits = teamsLimits();
  const { child, dispose } = await startServiceChild(engine);
  try {
    const owner = personalChat();
    const room = channel();
    const post = async (activity: unknown) => {
      const answer = await fetch(`${child.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await answer.arrayBuffer();
    };
    for (const conversation of [owner, room]) {
      await post(botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation }));
    }
    await post(
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: threadOf(room),
        text: 'subscribe personal business clinical system',
      }),
    );
    await sleep(3_000);
    connector.reset();
    connector.gates.push(limits);

    const factory = new IncidentFactory(500_000, undefined, true);
    const accepted = new Map<number, number>();
    const spacing = (SECONDS * 1000) / TOTAL;
    const start = performance.timeOrigin + performance.now();
    let non202 = 0;
    for (let i = 0; i < TOTAL; i += 1) {
      const wait = start + i * spacing - (performance.timeOrigin + performance.now());
      if (wait > 0) await sleep(wait);
      const { number, body } = factory.next();
      const response = await fetch(`${child.url}/api/sentinel/incidents`, {
        method: 'POST',
        headers: signedHeaders(body),
        body,
      });
      await response.arrayBuffer();
      if (response.status === 202) accepted.set(number, Date.now());
      else non202 += 1;
    }
    const postedIn = (performance.timeOrigin + performance.now() - start) / 1000;
    const expected = accepted.size * 2;
    const count = () => [...firstShown(connector).values()].reduce((n, m) => n + m.size, 0);
    const deadline = Date.now() + SETTLE_MS;
    while (count() < expected && Date.now() < deadline) await sleep(500);

    const shown = firstShown(connector);
    let lost = 0;
    let slowest = 0;
    for (const conversation of [owner.id, room.id]) {
      const seen = shown.get(conversation) ?? new Map<number, number>();
      for (const [n, at] of accepted) {
        const when = seen.get(n);
        if (when === undefined) lost += 1;
        else slowest = Math.max(slowest, when - at);
      }
    }
    const firstAccepted = Math.min(...accepted.values());
    const firstCard = Math.min(
      ...[...shown.values()].flatMap((m) => [...m.values()]).filter((at) => at >= firstAccepted),
    );
    const calls = (id: string) =>
      connector.calls.filter((c) => c.conversationId === id && c.operation === 'send').length;
    console.log(
      `  ${engine}: ${accepted.size}/${TOTAL} accepted in ${postedIn.toFixed(1)} s (${non202} non-202); ` +
        `violations ${limits.refused.length}, lost ${lost}, first card ${firstCard - firstAccepted} ms, ` +
        `slowest ${slowest} ms; sends: owner ${calls(owner.id)}, channel ${calls(room.id)}`,
    );
    const note =
      `${accepted.size} incidents posted over ${postedIn.toFixed(1)} s to a channel and the owner's chat ` +
      `(${non202} non-202); ${calls(owner.id)} cards or digests to the owner, ${calls(room.id)} to the channel`;
    return [
      figure({
        engine,
        metric: METRICS[0],
        value: limits.refused.length,
        unit: 'calls',
        target: { op: '<=', value: 0 },
        note,
      }),
      figure({
        engine,
        metric: METRICS[1],
        value: lost,
        unit: 'incidents',
        target: { op: '<=', value: 0 },
        note: `incident × conversation pairs never shown within ${SETTLE_MS / 1000} s of the last post`,
      }),
      figure({
        engine,
        metric: METRICS[2],
        value: firstCard - firstAccepted,
        unit: 'ms',
        target: { op: '<=', value: 1_000 },
      }),
      figure({
        engine,
        metric: METRICS[3],
        value: slowest,
        unit: 'ms',
        target: { op: '<=', value: 60_000 },
        note: "from an incident's 202 to its own card or a digest line in each conversation",
      }),
    ];
  } finally {
    await dispose();
    await connector.close();
  }
}

export const storm: Benchmark = {
  name: 'storm',
  description: `${TOTAL} distinct incidents in ${SECONDS} s to one channel and the owner's chat, Teams' limits enforced`,
  run: () => eachEngine(METRICS, measure),
};
