import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RULES, parseTrigger } from '../../core/incidents/index.js';
import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { IncidentProcessor } from '../../bot/src/services/incident-processor.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import type { Store } from '../../bot/src/store/database.js';
import { IncidentEventsRepository } from '../../bot/src/store/incident-events-repo.js';
import { IncidentsRepository } from '../../bot/src/store/incidents-repo.js';
import { ENGINES } from '../helpers/engines.js';
import { incidentBody } from '../helpers/incident-bodies.js';

/** Stores bodies in the intake log as the webhook would, in one batch, in this order. */
async function accept(store: Store, bodies: readonly string[]): Promise<void> {
  await new IncidentEventsRepository(store).acceptMany(
    bodies.map((body) => {
      const parsed = parseTrigger(JSON.parse(body));
      if (!parsed.ok) throw new Error(parsed.problems.join('; '));
      const { event } = parsed;
      return {
        event: {
          source: 'webhook' as const,
          eventUniqueId: event.eventUniqueId,
          versionKey: event.versionKey,
          eventType: event.eventType,
          incidentName: event.incident.name,
          incidentNumber: event.incident.number,
          payload: body,
        },
        receivedAt: new Date(),
      };
    }),
  );
}

function processorOn(store: Store, afterRecord?: (numbers: readonly number[]) => Promise<unknown>) {
  const trail = new AuditTrail(new AuditRepository(store), () => new Date());
  return {
    trail,
    processor: new IncidentProcessor({
      events: new IncidentEventsRepository(store),
      incidents: new IncidentsRepository(store),
      audit: trail,
      rules: DEFAULT_RULES,
      clock: () => new Date(),
      afterRecord,
    }),
  };
}

/**
 * Processing the intake log in batches: one transaction records a batch's versions with their
 * audit entries, cards are queued, and only then are the events marked processed.
 */
describe.each(ENGINES)('processing accepted events in batches on $name', (engine) => {
  it('applies the versions of one incident in the order they came, even within one batch', async () => {
    const s = await engine.create();
    try {
      await accept(s.store, [
        incidentBody(8001, { modified: '2026-11-20T10:00:00Z', status: 'New' }),
        incidentBody(8001, { modified: '2026-11-20T11:00:00Z', status: 'Active' }),
        // A late copy of an older version (the poller's): it changes nothing.
        incidentBody(8001, { modified: '2026-11-20T09:00:00Z', status: 'New' }),
        incidentBody(8002, { modified: '2026-11-20T10:00:00Z' }),
      ]);
      const { processor, trail } = processorOn(s.store);
      const changes = await processor.drain();
      expect(changes.map((c) => `${c.incidentNumber} ${c.change}`)).toEqual([
        '8001 created',
        '8001 updated',
        '8001 stale',
        '8002 created',
      ]);
      const incident = await new IncidentsRepository(s.store).byNumber(8001);
      expect(incident?.incident.status).toBe('Active');
      expect(incident?.incident.lastModifiedAt).toBe('2026-11-20T11:00:00.000Z');
      const audit = await new AuditRepository(s.store).query({ limit: 100 });
      expect(audit.map((e) => `${e.target.id} ${e.action}`)).toEqual([
        '8001 incident.created',
        '8001 incident.updated',
        '8002 incident.created',
      ]);
      expect((await trail.verify()).ok).toBe(true);
      expect(await new IncidentEventsRepository(s.store).pending(10)).toEqual([]);
    } finally {
      await s.dispose();
    }
  });

  it('after a crash between recording and queueing the cards, queues them on restart, recording nothing twice', async () => {
    const s = await engine.create();
    try {
      const numbers = Array.from({ length: 250 }, (_, i) => 8100 + i);
      await accept(
        s.store,
        numbers.map((n) => incidentBody(n)),
      );
      // The first run records the first batch, then dies queueing its cards.
      const crashed = processorOn(s.store, async () => {
        throw new Error('the process died here');
      });
      await expect(crashed.processor.drain()).rejects.toThrow('died');

      const queued: number[] = [];
      const restarted = processorOn(s.reopen(), async (batch) => {
        queued.push(...batch);
      });
      await restarted.processor.drain();
      expect([...queued].sort()).toEqual(numbers);
      expect(new Set(queued).size).toBe(numbers.length);
      expect(await new IncidentEventsRepository(s.store).pending(10)).toEqual([]);
      const created = await new AuditRepository(s.store).query({
        action: 'incident.created',
        limit: 1000,
      });
      expect(created.map((e) => Number(e.target.id)).sort()).toEqual(numbers);
      expect((await restarted.trail.verify()).ok).toBe(true);
    } finally {
      await s.dispose();
    }
  });
});
