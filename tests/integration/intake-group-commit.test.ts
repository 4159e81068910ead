import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseTrigger } from '../../core/incidents/index.js';
import { Store } from '../../bot/src/store/database.js';
import {
  type AcceptedEvent,
  IncidentEventsRepository,
} from '../../bot/src/store/incident-events-repo.js';
import { ENGINES } from '../helpers/engines.js';
import { incidentBody } from '../helpers/incident-bodies.js';
import { postIncident, WEBHOOK_SECRET } from '../helpers/pipeline.js';
import { startTestService, type TestService } from '../helpers/service.js';

/** What the webhook would store for a body. */
function eventOf(body: string): AcceptedEvent {
  const parsed = parseTrigger(JSON.parse(body));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const { event } = parsed;
  return {
    source: 'webhook',
    eventUniqueId: event.eventUniqueId,
    versionKey: event.versionKey,
    eventType: event.eventType,
    incidentName: event.incident.name,
    incidentNumber: event.incident.number,
    payload: body,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Intake group commit (SPEC §2): requests that arrive together are stored in one transaction
 * with their audit entries. Each still gets its 202 only once its row is durable, nothing is
 * stored twice (within a batch, against stored rows, across instances), and nothing is lost.
 */
describe.each(ENGINES)('Sentinel intake group commit on $name', (engine) => {
  let t: TestService;
  const stored = () => new IncidentEventsRepository(t.service.store).count();

  beforeAll(async () => {
    t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET } });
  });
  afterAll(async () => t?.dispose());

  it('stores a burst of concurrent requests, each once with its audit entry, and the chain holds', async () => {
    const before = await stored();
    const numbers = Array.from({ length: 150 }, (_, i) => 5000 + i);
    const answers = await Promise.all(numbers.map((n) => postIncident(t, incidentBody(n))));
    expect(answers.map((a) => a.status)).toEqual(numbers.map(() => 202));
    expect(answers.map((a) => a.body)).toEqual(
      numbers.map((n) => ({ accepted: true, incidentNumber: n, duplicate: false })),
    );
    expect(await stored()).toBe(before + numbers.length);
    const ingests = (await t.audit('incident.ingest')).filter((e) => e.outcome === 'allowed');
    const burst = ingests.filter((e) => Number(e.target.id) >= 5000);
    expect(burst.map((e) => Number(e.target.id)).sort()).toEqual(numbers);
    expect(new Set(burst.map((e) => e.details.eventId)).size).toBe(numbers.length);
    expect((await t.service.audit.verify()).ok).toBe(true);

    await t.service.processor.drain();
    expect((await t.service.incidents.byNumbers(numbers)).length).toBe(numbers.length);
  });

  it('stores the same event posted many times at once once: one answer says new, the rest duplicate', async () => {
    const before = await stored();
    const body = incidentBody(5200);
    const answers = await Promise.all(Array.from({ length: 20 }, () => postIncident(t, body)));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    // The same incident version under different event ids is one version too.
    const versions = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postIncident(t, incidentBody(5201, { eventId: `another-id-${i}` })),
      ),
    );
    expect(versions.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(await stored()).toBe(before + 2);
  });

  it('answers 202 only once the event is stored: never while the store cannot commit', async () => {
    const before = await stored();
    const other = Store.open({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => (taken = resolve));
    // Another writer holds the audit chain's lock (SQLite: the database's write lock).
    const holder = other.transaction(async (trx) => {
      await other.lockWithin(trx, 'audit_log');
      taken();
      await held;
    });
    try {
      await lockTaken;
      const answer = postIncident(t, incidentBody(5300));
      const first = await Promise.race([answer.then(() => 'answered'), sleep(500)]);
      expect(first).toBeUndefined();
      release();
      await holder;
      expect((await answer).status).toBe(202);
      expect(await stored()).toBe(before + 1);
    } finally {
      release();
      await holder.catch(() => undefined);
      await other.close();
    }
  });
});

describe.each(ENGINES)('the intake log on $name', (engine) => {
  it('stores an event repeated within one batch once, the repeat naming the stored row', async () => {
    const s = await engine.create();
    try {
      const repo = new IncidentEventsRepository(s.store);
      const at = new Date();
      const a = eventOf(incidentBody(6001));
      const b = eventOf(incidentBody(6002));
      const results = await repo.acceptMany([
        { event: a, receivedAt: at },
        // The same event id, another version: a replay of the event.
        {
          event: {
            ...eventOf(incidentBody(6001, { modified: '2026-12-01T00:00:00Z' })),
            eventUniqueId: a.eventUniqueId,
          },
          receivedAt: at,
        },
        { event: b, receivedAt: at },
        // Another event id, the same incident version.
        { event: { ...b, eventUniqueId: 'a-different-event-id' }, receivedAt: at },
      ]);
      expect(results.map((r) => r.duplicate)).toEqual([false, true, false, true]);
      expect(results[1]?.id).toBe(results[0]?.id);
      expect(results[3]?.id).toBe(results[2]?.id);
      expect(await repo.count()).toBe(2);
      // Against stored rows, in a later batch.
      const again = await repo.acceptMany([
        { event: b, receivedAt: at },
        { event: eventOf(incidentBody(6003)), receivedAt: at },
      ]);
      expect(again.map((r) => r.duplicate)).toEqual([true, false]);
      expect(again[0]?.id).toBe(results[2]?.id);
      expect(await repo.count()).toBe(3);
    } finally {
      await s.dispose();
    }
  });

  it('stores each event once when two instances accept overlapping batches at the same time', async () => {
    const s = await engine.create();
    try {
      const instances = [s.store, s.reopen()].map((store) => new IncidentEventsRepository(store));
      const events = Array.from({ length: 60 }, (_, i) => eventOf(incidentBody(7000 + i)));
      const at = new Date();
      // Instance A takes 0–39, B takes 20–59 in reverse: 20 events arrive at both.
      const [fromA, fromB] = await Promise.all([
        instances[0]!.acceptMany(events.slice(0, 40).map((event) => ({ event, receivedAt: at }))),
        instances[1]!.acceptMany(
          events
            .slice(20)
            .reverse()
            .map((event) => ({ event, receivedAt: at })),
        ),
      ]);
      expect(await instances[0]!.count()).toBe(60);
      const byVersion = new Map<string, { duplicate: boolean; id: string }[]>();
      const note = (list: typeof events, results: typeof fromA) =>
        list.forEach((e, i) =>
          byVersion.set(e.versionKey, [...(byVersion.get(e.versionKey) ?? []), results[i]!]),
        );
      note(events.slice(0, 40), fromA);
      note(events.slice(20).reverse(), fromB);
      for (const results of byVersion.values()) {
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
      }
    } finally {
      await s.dispose();
    }
  });

  it('stores nothing of a batch whose audit entries cannot be written: one transaction', async () => {
    const s = await engine.create();
    try {
      const repo = new IncidentEventsRepository(s.store);
      const items = [6101, 6102].map((n) => ({
        event: eventOf(incidentBody(n)),
        receivedAt: new Date(),
      }));
      await expect(
        repo.acceptMany(items, async () => {
          throw new Error('the audit trail is unavailable');
        }),
      ).rejects.toThrow('unavailable');
      expect(await repo.count()).toBe(0);
      expect((await repo.acceptMany(items)).map((r) => r.duplicate)).toEqual([false, false]);
    } finally {
      await s.dispose();
    }
  });
});
