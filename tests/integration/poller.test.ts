import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { DEFAULT_RULES } from '../../core/incidents/index.js';
import { packageRoot } from '../../bot/src/paths.js';
import { SentinelPoller, SENTINEL_POLL_LEASE } from '../../bot/src/sentinel/poller.js';
import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { IncidentProcessor } from '../../bot/src/services/incident-processor.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import type { Store } from '../../bot/src/store/database.js';
import { IncidentEventsRepository } from '../../bot/src/store/incident-events-repo.js';
import { IncidentsRepository } from '../../bot/src/store/incidents-repo.js';
import { PollerStateRepo } from '../../bot/src/store/poller-state-repo.js';
import { startLogAnalyticsFake, type LogAnalyticsFake } from '../fakes/log-analytics.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

type Json = Record<string, unknown>;
const WORKSPACE = '6f1d4c2a-9b3e-4f5a-8c7d-1e2f3a4b5c6d';
const TOKEN = 'fake-log-analytics-token';
const FIXTURES = path.join(packageRoot(), 'samples', 'sentinel');
const bodies = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as Json);

/** A fixture's SecurityIncident row, written at `timeGenerated`. */
function rowOf(body: Json, timeGenerated: string): Json {
  const object = body.object as Json;
  const p = object.properties as Json;
  return {
    TenantId: body.workspaceId,
    TimeGenerated: timeGenerated,
    IncidentName: object.name,
    IncidentNumber: p.incidentNumber,
    Title: p.title,
    Description: p.description,
    Severity: p.severity,
    Status: p.status,
    Classification: p.classification ?? '',
    Owner: p.owner ?? {},
    Labels: p.labels ?? [],
    AdditionalData: p.additionalData ?? {},
    IncidentUrl: p.incidentUrl,
    ProviderName: p.providerName,
    FirstActivityTime: p.firstActivityTimeUtc,
    LastActivityTime: p.lastActivityTimeUtc,
    LastModifiedTime: p.lastModifiedTimeUtc,
    CreatedTime: p.createdTimeUtc,
  };
}

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: TOKEN,
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

/**
 * The real client against the fake. Its bearer policy refuses plain http, so in this test
 * wiring only it is swapped for a policy that sets the same header (and plain http allowed). No retries: a failure the
 * fake is told to give reaches the poller.
 */
function clientFor(fake: LogAnalyticsFake): LogsQueryClient {
  const client = new LogsQueryClient(credential, {
    endpoint: fake.endpoint,
    retryOptions: { maxRetries: 0 },
    allowInsecureConnection: true,
  });
  client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  client.pipeline.addPolicy({
    name: 'testBearerPolicy',
    sendRequest: async (request, next) => {
      request.headers.set('authorization', `Bearer ${TOKEN}`);
      return next(request);
    },
  });
  return client;
}

describe.each(ENGINES)('Sentinel pull intake on $name', (engine) => {
  let t: TestStore;
  let fake: LogAnalyticsFake;
  let now = new Date('2026-11-25T00:00:00.000Z');
  const clock = () => now;
  const stores: Store[] = [];

  const wire = (store: Store, holder: string) => {
    const events = new IncidentEventsRepository(store);
    const incidents = new IncidentsRepository(store);
    const trail = new AuditTrail(new AuditRepository(store), clock);
    const processor = new IncidentProcessor({
      events,
      incidents,
      audit: trail,
      rules: DEFAULT_RULES,
      clock,
    });
    let accepted = 0;
    const state = new PollerStateRepo(store);
    const poller = new SentinelPoller({
      client: clientFor(fake),
      workspaceId: WORKSPACE,
      events,
      state,
      onAccepted: () => {
        accepted += 1;
      },
      clock,
      holder,
      intervalMs: 60_000,
    });
    return { events, incidents, processor, state, poller, accepted: () => accepted };
  };

  beforeAll(async () => {
    t = await engine.create();
    fake = await startLogAnalyticsFake();
  });
  afterEach(() => {
    fake.queries.length = 0;
  });
  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    await fake?.close();
    await t?.dispose();
  });

  it('stores each new row as a poller event, and the processor makes incidents of them', async () => {
    const a = wire(t.store, 'instance-a');
    const rows = bodies
      .slice(0, 7)
      .map((body, i) => rowOf(body, `2026-11-24T23:0${i}:00.1234567Z`));
    fake.setRows(rows);

    const first = await a.poller.tick();
    expect(first).toMatchObject({ leader: true, rows: 7, stored: 7, invalid: 0 });
    expect(a.accepted()).toBe(1);
    expect(fake.queries).toHaveLength(1);
    const [q] = fake.queries;
    expect(q!.workspaceId).toBe(WORKSPACE);
    expect(q!.authorization).toBe(`Bearer ${TOKEN}`);
    // No watermark yet: one day back, minus the overlap.
    expect(q!.query).toBe(
      'SecurityIncident | where TimeGenerated > datetime(2026-11-23T23:50:00.000Z) ' +
        '| summarize arg_max(TimeGenerated, *) by IncidentName | order by TimeGenerated asc ' +
        '| take 5000',
    );
    expect(q!.timespan).toBe('2026-11-23T23:50:00.000Z/2026-11-25T00:00:00.000Z');

    const pending = await a.events.pending(100);
    expect(pending).toHaveLength(7);
    const sources = await t.store.db
      .selectFrom('incident_events')
      .select(['source', 'event_unique_id', 'event_type'])
      .execute();
    expect(sources.every((r) => r.source === 'poller' && r.event_unique_id === null)).toBe(true);
    expect(sources.every((r) => r.event_type === 'Update')).toBe(true);

    const changes = await a.processor.drain();
    expect(changes.map((c) => c.change)).toEqual(Array(7).fill('created'));
    const stored = await a.incidents.byNumber(1001);
    expect(stored?.incident).toMatchObject({
      name: '3f6b1c2e-7a41-4d8e-9c35-0b2e8f4a6d17',
      severity: 'High',
      status: 'New',
      lastModifiedAt: '2026-11-20T13:42:10.517Z',
    });
    expect(stored?.versionKey).toMatch(
      /3f6b1c2e-7a41-4d8e-9c35-0b2e8f4a6d17\|2026-11-20T13:42:10.517Z$/,
    );
    expect(await a.state.getWatermark('sentinel-poll')).toBe('2026-11-24T23:06:00.123Z');
  });

  it('stores nothing new when the same rows come back in the overlap', async () => {
    const a = wire(t.store, 'instance-a');
    now = new Date('2026-11-25T00:01:00.000Z');
    const second = await a.poller.tick();
    // Rows within the overlap are read again; their versions are known, so nothing is stored.
    expect(second).toMatchObject({ leader: true, stored: 0 });
    expect(second.rows).toBeGreaterThan(0);
    expect(a.accepted()).toBe(0);
    expect(await a.events.count()).toBe(7);
    expect(await a.events.pending(100)).toHaveLength(0);
  });

  it('asks from the watermark minus the overlap, and advances it to the latest row', async () => {
    const a = wire(t.store, 'instance-a');
    now = new Date('2026-11-25T00:10:00.000Z');
    const rows = bodies
      .slice(0, 7)
      .map((body, i) => rowOf(body, `2026-11-24T23:0${i}:00.1234567Z`));
    // The update of incident 1001 (fixture 08) arrives.
    fake.setRows([...rows, rowOf(bodies[7]!, '2026-11-25T00:08:30.0000000Z')]);
    const result = await a.poller.tick();
    expect(fake.queries[0]!.query).toContain(
      'where TimeGenerated > datetime(2026-11-24T22:56:00.123Z)',
    );
    expect(fake.queries[0]!.timespan).toBe('2026-11-24T22:56:00.123Z/2026-11-25T00:10:00.000Z');
    expect(result).toMatchObject({
      leader: true,
      stored: 1,
      watermark: '2026-11-25T00:08:30.000Z',
    });
    expect(a.accepted()).toBe(1);
    expect(await a.state.getWatermark('sentinel-poll')).toBe('2026-11-25T00:08:30.000Z');
    const changes = await a.processor.drain();
    expect(changes).toEqual([{ incidentNumber: 1001, change: 'updated' }]);
    expect((await a.incidents.byNumber(1001))?.incident.status).toBe('Active');

    now = new Date('2026-11-25T00:11:00.000Z');
    await a.poller.tick();
    expect(fake.queries[1]!.query).toContain(
      'where TimeGenerated > datetime(2026-11-24T23:58:30.000Z)',
    );
  });

  it.each([429, 500])('keeps the watermark when the query fails with %i', async (status) => {
    const a = wire(t.store, 'instance-a');
    const before = await a.state.getWatermark('sentinel-poll');
    const count = await a.events.count();
    fake.setRows([rowOf(bodies[1]!, '2026-11-25T00:20:00.0000000Z')]);
    now = new Date('2026-11-25T00:21:00.000Z');
    fake.failNext(status);
    await expect(a.poller.tick()).rejects.toMatchObject({ statusCode: status });
    expect(await a.state.getWatermark('sentinel-poll')).toBe(before);
    expect(await a.events.count()).toBe(count);
    expect(a.accepted()).toBe(0);
    // The next tick asks from the same place again.
    await a.poller.tick();
    expect(fake.queries).toHaveLength(2);
    expect(fake.queries[1]!.query).toBe(fake.queries[0]!.query);
    expect(await a.state.getWatermark('sentinel-poll')).toBe('2026-11-25T00:20:00.000Z');
    // Put the watermark back, for the next case.
    if (before) await a.state.setWatermark('sentinel-poll', before, now);
  });

  it('lets one of two instances hold the lease and query; the other takes over when it lapses', async () => {
    const otherStore = t.reopen();
    stores.push(otherStore);
    const a = wire(t.store, 'instance-a');
    const b = wire(otherStore, 'instance-b');
    await t.store.db.deleteFrom('leases').execute();
    now = new Date('2026-11-25T01:00:00.000Z');

    const results = await Promise.all([
      a.poller.tick(),
      b.poller.tick(),
      a.poller.tick(),
      b.poller.tick(),
    ]);
    const leaders = results.filter((r) => r.leader).length;
    expect(leaders).toBe(2); // both ticks of the one holder
    expect(new Set(fake.queries.map((q) => q.workspaceId))).toEqual(new Set([WORKSPACE]));
    expect(fake.queries).toHaveLength(2);
    const holder = (await a.state.leaseHolder(SENTINEL_POLL_LEASE))!.holder;
    const [leader, follower] = holder === 'instance-a' ? [a, b] : [b, a];
    expect((await follower.poller.tick()).leader).toBe(false);
    expect(fake.queries).toHaveLength(2);

    // The holder stops (or dies): after three intervals the lease lapses and the other takes it.
    now = new Date(now.getTime() + 3 * 60_000 + 1);
    expect((await follower.poller.tick()).leader).toBe(true);
    expect((await leader.poller.tick()).leader).toBe(false);
    expect(fake.queries).toHaveLength(3);
  });

  it('renews only its own lease, and gives it up on stop', async () => {
    const state = new PollerStateRepo(t.store);
    await t.store.db.deleteFrom('leases').execute();
    const at = new Date('2026-11-25T02:00:00.000Z');
    expect(await state.acquireLease('x', 'one', at, 1000)).toBe(true);
    expect(await state.acquireLease('x', 'two', at, 1000)).toBe(false);
    expect(await state.renewLease('x', 'two', at, 1000)).toBe(false);
    expect(await state.renewLease('x', 'one', at, 5000)).toBe(true);
    expect(await state.leaseHolder('x')).toEqual({
      holder: 'one',
      expiresAt: '2026-11-25T02:00:05.000Z',
    });
    await state.releaseLease('x', 'two');
    expect((await state.leaseHolder('x'))?.holder).toBe('one');
    await state.releaseLease('x', 'one');
    expect(await state.acquireLease('x', 'two', at, 1000)).toBe(true);

    await t.store.db.deleteFrom('leases').execute();
    const a = wire(t.store, 'instance-a');
    a.poller.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await a.poller.stop();
    expect(await a.state.leaseHolder(SENTINEL_POLL_LEASE)).toBeNull();
  });
});
