import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ArmError, SentinelArmClient } from '../../bot/src/azure/sentinel-arm.js';
import type { IncidentChange } from '../../core/incidents/index.js';
import { commentIdFor, SentinelWriteback } from '../../bot/src/jobs/sentinel-writeback.js';
import { createLogger } from '../../bot/src/logger.js';
import type { Store } from '../../bot/src/store/database.js';
import { WritebackRepository } from '../../bot/src/store/writeback-repo.js';
import { type ArmFake, startArmFake } from '../fakes/arm.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

type Json = Record<string, unknown>;
const TOKEN = 'fake-arm-token-5f0c';
const SUBSCRIPTION = '0b3c9f1e-2d4a-4e6b-8c1d-7f9a0b1c2d3e';
const WORKSPACE_ID =
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-clinic-security` +
  '/providers/Microsoft.OperationalInsights/workspaces/law-clinic-canadacentral';
const incidentName = (n: number) => `7c1e2d3f-4a5b-4c6d-8e9f-${String(n).padStart(12, '0')}`;
/** As Sentinel spells it in payloads: `Incidents` with a capital I. */
const armId = (n: number) =>
  `${WORKSPACE_ID}/providers/Microsoft.SecurityInsights/Incidents/${incidentName(n)}`;
const ANA = {
  objectId: '5d7e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
  email: 'ana.ruiz@clinic.example',
  assignedTo: 'Ana Ruiz',
  userPrincipalName: 'ana.ruiz@clinic.example',
};

/** A Sentinel incident as ARM holds it, with the read-only fields a PUT must carry back. */
function incidentProperties(n: number): Json {
  return {
    title: 'Sign-in from an unfamiliar country to the EHR admin account',
    description: 'Multiple sign-ins from a new location within 10 minutes.',
    severity: 'Medium',
    status: 'New',
    owner: { objectId: null, email: null, assignedTo: null, userPrincipalName: null },
    labels: [{ labelName: 'EHR', labelType: 'User' }],
    incidentNumber: n,
    incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${armId(n)}`,
    providerName: 'Azure Sentinel',
    createdTimeUtc: '2026-11-20T13:40:00.000Z',
    firstActivityTimeUtc: '2026-11-20T13:30:00.000Z',
    lastActivityTimeUtc: '2026-11-20T13:38:00.000Z',
    lastModifiedTimeUtc: '2026-11-20T13:40:00.000Z',
    additionalData: { alertsCount: 2, alertProductNames: ['Azure Sentinel'], tactics: [] },
  };
}

/** No managed identity here: a credential that hands out the token the fake expects. */
function credentialFor(token = TOKEN): TokenCredential & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getToken: async (scopes): Promise<AccessToken> => {
      calls.push(String(scopes));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

const clientFor = (fake: ArmFake, credential: TokenCredential = credentialFor()) =>
  new SentinelArmClient({ baseUrl: fake.url, credential, sleep: async () => undefined });

const puts = (fake: ArmFake) =>
  fake.requests.filter((r) => r.method === 'PUT' && !r.url.includes('/comments/'));
const commentPuts = (fake: ArmFake) => fake.requests.filter((r) => r.url.includes('/comments/'));

describe('SentinelArmClient against the ARM fake', () => {
  let fake: ArmFake;
  beforeEach(async () => {
    fake = await startArmFake({ token: TOKEN });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('assigns, raises severity and acknowledges, sending the whole incident back with its etag', async () => {
    const credential = credentialFor();
    const etag = fake.seed(armId(1), incidentProperties(1));
    const next = await clientFor(fake, credential).updateIncident(armId(1), {
      status: 'Active',
      severity: 'High',
      owner: ANA,
    });

    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'PUT 200']);
    const [get, put] = fake.requests;
    expect(get!.url).toBe(
      `${WORKSPACE_ID}/providers/Microsoft.SecurityInsights/incidents/${incidentName(1)}?api-version=2024-09-01`,
    );
    expect(put!.url).toBe(get!.url);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(credential.calls).toEqual(['https://management.azure.com/.default']);
    expect(put!.ifMatch).toBe(etag);
    const sent = put!.body as Json & { properties: Json };
    expect(sent.etag).toBe(etag);
    expect(sent.properties).toEqual({
      ...incidentProperties(1),
      status: 'Active',
      severity: 'High',
      owner: ANA,
    });

    const stored = fake.incident(armId(1))!;
    expect(stored.body.properties).toMatchObject({
      status: 'Active',
      severity: 'High',
      owner: ANA,
    });
    expect(next).toBe(stored.etag);
    expect(next).not.toBe(etag);
    expect((await clientFor(fake).getIncident(armId(1))).etag).toBe(next);
  });

  it('closes with a classification, and explains a close Sentinel refuses', async () => {
    fake.seed(armId(2), incidentProperties(2));
    const client = clientFor(fake);
    const close: IncidentChange = {
      status: 'Closed',
      classification: 'FalsePositive',
      classificationReason: 'IncorrectAlertLogic',
      classificationComment: 'Travel approved by the practice owner.',
    };
    await client.updateIncident(armId(2), close);
    expect(fake.incident(armId(2))!.body.properties).toMatchObject(close);

    fake.seed(armId(3), incidentProperties(3));
    const refused = client.updateIncident(armId(3), { status: 'Closed' });
    await expect(refused).rejects.toBeInstanceOf(ArmError);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Classification is required when closing'),
    });
    await expect(
      client.updateIncident(armId(3), {
        classification: 'TruePositive',
        classificationReason: 'InaccurateData',
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('invalid') });
  });

  it('re-reads and re-applies after a concurrent change (412), keeping that change', async () => {
    fake.seed(armId(4), incidentProperties(4));
    fake.changeBeforeNextPut(armId(4), (p) => {
      p.labels = [...(p.labels as Json[]), { labelName: 'Escalated', labelType: 'User' }];
      p.description = 'Edited in the Sentinel portal.';
    });
    const next = await clientFor(fake).updateIncident(armId(4), { severity: 'High' });

    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'PUT 412',
      'GET 200',
      'PUT 200',
    ]);
    const [, first, , second] = fake.requests;
    expect(second!.ifMatch).not.toBe(first!.ifMatch);
    expect(second!.ifMatch).toBe((second!.body as Json).etag);
    const stored = fake.incident(armId(4))!;
    expect(stored.etag).toBe(next);
    expect(stored.body.properties).toMatchObject({
      severity: 'High',
      description: 'Edited in the Sentinel portal.',
      labels: [
        { labelName: 'EHR', labelType: 'User' },
        { labelName: 'Escalated', labelType: 'User' },
      ],
    });
  });

  it('gives up after five lost races with a 412 error', async () => {
    fake.seed(armId(5), incidentProperties(5));
    fake.changeBeforeNextPut(
      armId(5),
      (p) => void (p.description = `${String(p.description)}!`),
      9,
    );
    await expect(
      clientFor(fake).updateIncident(armId(5), { status: 'Active' }),
    ).rejects.toMatchObject({ status: 412, message: expect.stringContaining('5 times') });
    expect(puts(fake)).toHaveLength(5);
    expect(fake.incident(armId(5))!.body.properties.status).toBe('New');
  });

  it('sends nothing when the change is already in place', async () => {
    fake.seed(armId(6), { ...incidentProperties(6), status: 'Active', owner: ANA });
    await clientFor(fake).updateIncident(armId(6), { status: 'Active', owner: ANA });
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('adds a comment under our own id, so doing it twice leaves one comment', async () => {
    fake.seed(armId(7), incidentProperties(7));
    const client = clientFor(fake);
    const id = commentIdFor('row-1');
    await client.addComment(armId(7), id, 'Acknowledged in Teams by Ana Ruiz.');
    await client.addComment(armId(7), id, 'Acknowledged in Teams by Ana Ruiz.');
    expect(fake.comments(armId(7))).toEqual([
      expect.objectContaining({ id, message: 'Acknowledged in Teams by Ana Ruiz.' }),
    ]);
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 201', 'PUT 200']);
    expect(fake.requests[0]!.url).toBe(
      `${WORKSPACE_ID}/providers/Microsoft.SecurityInsights/incidents/${incidentName(7)}/comments/${id}?api-version=2024-09-01`,
    );
    expect(fake.requests[0]!.body).toEqual({
      properties: { message: 'Acknowledged in Teams by Ana Ruiz.' },
    });
    await expect(client.addComment(armId(7), '../x', 'hi')).rejects.toMatchObject({ status: 400 });
  });

  it('reports throttling and server errors with their Retry-After, without retrying itself', async () => {
    fake.seed(armId(8), incidentProperties(8));
    const client = clientFor(fake);
    fake.failNext(429, { retryAfterSeconds: 7 });
    await expect(client.updateIncident(armId(8), { status: 'Active' })).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 7,
      code: 'TooManyRequests',
    });
    fake.failNext(503);
    await expect(client.addComment(armId(8), 'c1', 'hello')).rejects.toMatchObject({
      status: 503,
      retryAfterSeconds: null,
    });
    expect(fake.requests).toHaveLength(2);
  });

  it('refuses anything but a Sentinel incident id before asking for a token', async () => {
    const credential = credentialFor();
    const client = clientFor(fake, credential);
    const good = armId(9);
    const bad = [
      '',
      `${good}/../../../../../subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleAssignments/x`,
      good.replace('/resourceGroups/rg-clinic-security/', '/resourceGroups/../'),
      good.replace('rg-clinic-security', 'rg..up'),
      `${good}?api-version=2020-01-01`,
      `${good}#x`,
      `${good}/comments/x`,
      `https://evil.example${good}`,
      `//evil.example${good}`,
      good.replace(SUBSCRIPTION, 'not-a-subscription'),
      good.replace('Microsoft.SecurityInsights/Incidents', 'Microsoft.Storage/storageAccounts'),
      good.replace(incidentName(9), 'a%2F..%2Fb'),
      good.replace(incidentName(9), 'a b'),
      `${good}\n`,
    ];
    for (const id of bad) {
      await expect(client.updateIncident(id, { status: 'Active' })).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('not a Sentinel incident ARM id'),
      });
      await expect(client.addComment(id, 'c1', 'hi')).rejects.toBeInstanceOf(ArmError);
      await expect(client.getIncident(id)).rejects.toBeInstanceOf(ArmError);
    }
    expect(credential.calls).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
    // Case differs from ARM's canonical spelling: still the same incident.
    fake.seed(good, incidentProperties(9));
    await client.getIncident(good.toLowerCase().replace('/subscriptions/', '/SUBSCRIPTIONS/'));
    expect(fake.requests).toHaveLength(1);
  });

  it('sends the token only to its base URL: no plain-http host, no redirect followed', async () => {
    const credential = credentialFor();
    expect(() => new SentinelArmClient({ baseUrl: 'http://arm.example', credential })).toThrow(
      /must use https/,
    );
    const elsewhere: (string | undefined)[] = [];
    const other = http.createServer((req, res) => {
      elsewhere.push(req.headers.authorization);
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      fake.seed(armId(10), incidentProperties(10));
      fake.failNext(307, { headers: { location: `${otherUrl}/collect` } });
      const error = await clientFor(fake, credential)
        .getIncident(armId(10))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArmError);
      expect((error as ArmError).status).toBe(307);
      expect((error as ArmError).message).not.toContain(TOKEN);
      expect(elsewhere).toHaveLength(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('reports a refused token as 401 without quoting it', async () => {
    fake.seed(armId(11), incidentProperties(11));
    const error = await clientFor(fake, credentialFor('stale-token-abc'))
      .getIncident(armId(11))
      .then(
        () => null,
        (e: unknown) => e as ArmError,
      );
    expect(error).toMatchObject({ status: 401, code: 'AuthenticationFailed' });
    expect(error!.message).not.toContain('stale-token-abc');
  });
});

describe.each(ENGINES)('Sentinel write-back queue and worker on $name', (engine) => {
  let ts: TestStore;
  let fake: ArmFake;
  let virtual: number;
  let logLines: string[];
  const clock = () => new Date(virtual);
  const START = Date.parse('2026-11-25T09:00:00.000Z');

  const workerOn = (
    store: Store,
    overrides: Partial<ConstructorParameters<typeof SentinelWriteback>[0]> = {},
  ) => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
    return new SentinelWriteback({
      repo: new WritebackRepository(store),
      client: clientFor(fake),
      clock,
      random: () => 0.5,
      logger: createLogger('debug', stream),
      leaseMs: 60_000,
      ...overrides,
    });
  };

  const enqueue = (store: Store, n: number, change: IncidentChange, key = `ack:${n}`) =>
    new WritebackRepository(store).enqueue(
      {
        dedupeKey: key,
        incidentName: incidentName(n),
        armId: armId(n),
        change,
        comment: null,
        actor: 'Ana Ruiz (ana.ruiz@clinic.example)',
      },
      clock(),
    );

  beforeAll(async () => {
    fake = await startArmFake({ token: TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    virtual = START;
    logLines = [];
    fake.requests.length = 0;
    ts = await engine.create();
  });
  afterEach(async () => {
    await ts.dispose();
    expect(logLines.join('')).not.toContain(TOKEN);
  });

  it('keeps a queued write-back across a restart and applies it once, with one comment', async () => {
    fake.seed(armId(21), incidentProperties(21));
    const first = await enqueue(ts.store, 21, { status: 'Active', owner: ANA });
    const again = await enqueue(ts.store, 21, { status: 'Active', owner: ANA });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await new WritebackRepository(ts.store).health()).toEqual({ pending: 1, dead: 0 });

    // The process that queued it is gone; a new one opens the same store.
    const restarted = ts.reopen();
    const result = await workerOn(restarted).tick();
    expect(result).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(fake.incident(armId(21))!.body.properties).toMatchObject({
      status: 'Active',
      owner: ANA,
    });
    const comments = fake.comments(armId(21));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(commentIdFor(first.id));
    expect(comments[0]!.message).toContain('Ana Ruiz (ana.ruiz@clinic.example)');
    expect(comments[0]!.message).toContain('status Active');
    const repo = new WritebackRepository(restarted);
    expect(await repo.health()).toEqual({ pending: 0, dead: 0 });
    expect(await repo.get(first.id)).toMatchObject({ status: 'done', attempts: 0 });
    expect(await workerOn(restarted).tick()).toEqual({ done: 0, retried: 0, dead: 0 });
  });

  it('retries a 503 with backoff and then succeeds', async () => {
    fake.seed(armId(22), incidentProperties(22));
    const { id } = await enqueue(ts.store, 22, { severity: 'High' });
    const worker = workerOn(ts.store);
    fake.failNext(503);
    expect(await worker.tick()).toEqual({ done: 0, retried: 1, dead: 0 });
    const repo = new WritebackRepository(ts.store);
    const row = await repo.get(id);
    // First retry: 5 s backoff, jittered to ¾ of it by random() = 0.5.
    expect(row).toMatchObject({ status: 'pending', attempts: 1, leaseUntil: null });
    expect(row!.nextAt).toBe(new Date(START + 3_750).toISOString());
    expect(row!.lastError).toContain('HTTP 503');
    expect(await worker.tick()).toEqual({ done: 0, retried: 0, dead: 0 });

    virtual = START + 3_750;
    expect(await worker.tick()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(fake.incident(armId(22))!.body.properties.severity).toBe('High');
    expect(fake.comments(armId(22))).toHaveLength(1);
    expect(await repo.get(id)).toMatchObject({ status: 'done', lastError: null });
  });

  it('waits what a 429 Retry-After says before trying again', async () => {
    fake.seed(armId(23), incidentProperties(23));
    const { id } = await enqueue(ts.store, 23, { status: 'Active' });
    const worker = workerOn(ts.store);
    fake.failNext(429, { retryAfterSeconds: 30 });
    expect(await worker.tick()).toEqual({ done: 0, retried: 1, dead: 0 });
    expect((await new WritebackRepository(ts.store).get(id))!.nextAt).toBe(
      new Date(START + 30_000).toISOString(),
    );
    const seen = fake.requests.length;
    virtual = START + 29_999;
    expect(await worker.tick()).toEqual({ done: 0, retried: 0, dead: 0 });
    expect(fake.requests).toHaveLength(seen);
    virtual = START + 30_000;
    expect(await worker.tick()).toEqual({ done: 1, retried: 0, dead: 0 });
  });

  it('dead-letters a missing incident (404) and a forged ARM id, visibly', async () => {
    await enqueue(ts.store, 24, { status: 'Active' });
    const repo = new WritebackRepository(ts.store);
    await repo.enqueue(
      {
        dedupeKey: 'forged',
        incidentName: 'x',
        armId: `${armId(25)}/../../../../../providers/Microsoft.Authorization/roleAssignments/x`,
        change: { status: 'Active' },
        comment: 'hi',
        actor: 'Mallory',
      },
      clock(),
    );
    expect(await workerOn(ts.store).tick()).toEqual({ done: 0, retried: 0, dead: 2 });
    expect(await repo.health()).toEqual({ pending: 0, dead: 2 });
    const dead = await repo.listDead(10);
    expect(dead.map((d) => d.dedupeKey)).toEqual(['forged', 'ack:24']);
    expect(dead[0]!.lastError).toContain('not a Sentinel incident ARM id');
    expect(dead[1]).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead[1]!.lastError).toMatch(/HTTP 404 NotFound/);
    // The forged id never reached the network.
    expect(fake.requests).toHaveLength(1);
    expect(logLines.join('')).toContain('dead-lettered');
  });

  it('does not add a second comment when the process dies between the calls and markDone', async () => {
    fake.seed(armId(26), incidentProperties(26));
    const { id } = await enqueue(ts.store, 26, { status: 'Active', owner: ANA });
    class DyingRepository extends WritebackRepository {
      override async markDone(): Promise<void> {
        throw new Error('process killed');
      }
    }
    const dying = workerOn(ts.store, { repo: new DyingRepository(ts.store) });
    await expect(dying.tick()).rejects.toThrow('process killed');
    expect(puts(fake)).toHaveLength(1);
    expect(fake.comments(armId(26))).toHaveLength(1);

    // A new process on the same store: the row is leased until the dead one's lease ends.
    const restarted = ts.reopen();
    const worker = workerOn(restarted);
    expect(await worker.tick()).toEqual({ done: 0, retried: 0, dead: 0 });
    virtual = START + 60_000;
    expect(await worker.tick()).toEqual({ done: 1, retried: 0, dead: 0 });

    expect(puts(fake)).toHaveLength(1); // the change was in place: nothing sent again
    expect(commentPuts(fake)).toHaveLength(2); // the same comment id, rewritten
    expect(fake.comments(armId(26))).toHaveLength(1);
    expect(await new WritebackRepository(restarted).get(id)).toMatchObject({ status: 'done' });
  });

  it("applies one incident's write-backs in order, even when the first must wait", async () => {
    fake.seed(armId(27), incidentProperties(27));
    await enqueue(ts.store, 27, { status: 'Active', owner: ANA }, 'ack:27');
    await enqueue(
      ts.store,
      27,
      {
        status: 'Closed',
        classification: 'TruePositive',
        classificationReason: 'SuspiciousActivity',
      },
      'close:27',
    );
    const worker = workerOn(ts.store);
    fake.failNext(503);
    // The acknowledgement failed; the close waits behind it instead of going first.
    expect(await worker.tick()).toEqual({ done: 0, retried: 1, dead: 0 });
    expect(puts(fake)).toHaveLength(0);
    virtual = START + 3_750;
    expect(await worker.tick()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(await worker.tick()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(puts(fake).map((r) => (r.body as { properties: Json }).properties.status)).toEqual([
      'Active',
      'Closed',
    ]);
    expect(fake.incident(armId(27))!.body.properties).toMatchObject({
      status: 'Closed',
      owner: ANA,
      classification: 'TruePositive',
    });
    expect(fake.comments(armId(27))).toHaveLength(2);
  });

  it('lets two instances share the queue without applying any write-back twice', async () => {
    const incidents = [31, 32, 33, 34, 35, 36];
    for (const n of incidents) {
      fake.seed(armId(n), incidentProperties(n));
      await enqueue(ts.store, n, { severity: 'Low' });
    }
    const other = ts.reopen();
    const a = workerOn(ts.store, { batchSize: 2 });
    const b = workerOn(other, { batchSize: 2 });
    const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick(), a.tick()]);
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(6);
    for (const n of incidents) {
      expect(puts(fake).filter((r) => r.url.includes(incidentName(n)))).toHaveLength(1);
      expect(fake.comments(armId(n))).toHaveLength(1);
    }
    expect(await new WritebackRepository(other).health()).toEqual({ pending: 0, dead: 0 });
  });
});
