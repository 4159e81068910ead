import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../bot/src/paths.js';
import { signBody } from '../../bot/src/sentinel/webhook-signature.js';
import { IncidentEventsRepository } from '../../bot/src/store/incident-events-repo.js';
import { PEOPLE } from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';

const FIXTURES = path.join(packageRoot(), 'samples', 'sentinel');
const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, body: fs.readFileSync(path.join(FIXTURES, f), 'utf8') }));
const SECRET = 'a-webhook-secret-of-at-least-32-bytes-long';
const now = () => Math.floor(Date.now() / 1000);

describe.each(ENGINES)('Sentinel push intake on $name', (engine) => {
  let t: TestService;
  const post = (body: string, headers: Record<string, string> = signBody(SECRET, body, now())) =>
    t.post('/api/sentinel/incidents', body, { 'content-type': 'application/json', ...headers });
  const stored = () => new IncidentEventsRepository(t.service.store).count();

  beforeAll(async () => {
    t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: SECRET } });
  });
  afterAll(async () => t?.dispose());

  it('accepts every fixture with 202 only once it is stored, and audits it', async () => {
    for (const [i, { body }] of fixtures.entries()) {
      const answer = await post(body);
      const number = (JSON.parse(body) as { object: { properties: { incidentNumber: number } } })
        .object.properties.incidentNumber;
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ accepted: true, incidentNumber: number, duplicate: false });
      expect(await stored()).toBe(i + 1);
    }
    const ingests = (await t.audit('incident.ingest')).filter((e) => e.outcome === 'allowed');
    expect(ingests).toHaveLength(fixtures.length);
    expect(ingests.every((e) => e.channel === 'webhook')).toBe(true);
  });

  it('treats a replayed event and the same incident version as duplicates, storing nothing', async () => {
    const before = await stored();
    const again = await post(fixtures[0]!.body);
    expect(again.body).toMatchObject({ duplicate: true });
    const withoutEventId = JSON.parse(fixtures[1]!.body) as Record<string, unknown>;
    delete withoutEventId.eventUniqueId;
    expect((await post(JSON.stringify(withoutEventId))).body).toMatchObject({ duplicate: true });
    expect(await stored()).toBe(before);
  });

  it('takes a bearer token of the system identity, and refuses a person', async () => {
    const token = async (aadObjectId: string) =>
      ((await t.post('/api/dev/token', { aadObjectId })).body as { token: string }).token;
    const body = JSON.stringify({ ...JSON.parse(fixtures[2]!.body), eventUniqueId: 'bearer-1' });
    const system = await post(body, {
      authorization: `Bearer ${await token(PEOPLE.automation.aadObjectId)}`,
    });
    expect(system.status).toBe(202);
    const person = await post(body, {
      authorization: `Bearer ${await token(PEOPLE.clinician.aadObjectId)}`,
    });
    expect(person.status).toBe(403);
    expect(person.body.error.code).toBe('forbidden');
  });

  it('answers 401 to a bad, stale, future or missing signature, and audits each', async () => {
    const body = fixtures[3]!.body;
    const cases = [
      { 'X-Cockpit-Timestamp': String(now()), 'X-Cockpit-Signature': `sha256=${'0'.repeat(64)}` },
      signBody(SECRET, body, now() - 301),
      signBody(SECRET, body, now() + 301),
      signBody('another-secret-that-is-long-enough-too', body, now()),
      {},
    ];
    for (const headers of cases) {
      const answer = await post(body, headers);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
    const denied = (await t.audit('auth.webhook')).filter((e) => e.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(cases.length);
  });

  it('answers 400 naming everything wrong, 413 over 1 MiB, and stays up', async () => {
    const bad = JSON.parse(fixtures[4]!.body) as {
      object: { properties: Record<string, unknown> };
    };
    delete bad.object.properties.title;
    bad.object.properties.severity = 'Catastrophic';
    const answer = await post(JSON.stringify(bad));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/title/);
    expect(answer.body.error.message).toMatch(/severity/);
    expect(answer.text).not.toMatch(/at .*\.js:\d+/);

    expect((await post('{"object":')).status).toBe(400);
    const huge = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) });
    expect((await post(huge)).status).toBe(413);
    expect((await t.get('/healthz')).status).toBe(200);
  });

  it('keeps every accepted event across a restart', async () => {
    const before = await stored();
    await t.restart();
    expect(await stored()).toBe(before);
  });
});

describe('cockpit replay', () => {
  it('signs and posts every fixture to a running webhook, as a Sentinel playbook would', async () => {
    const { runCli } = await import('../../bot/src/cli/main.js');
    const { PassThrough } = await import('node:stream');
    const t = await startTestService({ env: { SENTINEL_WEBHOOK_SECRET: SECRET } });
    try {
      let out = '';
      const stdout = new PassThrough();
      stdout.on('data', (d: Buffer) => (out += d.toString()));
      const url = `${t.url}/api/sentinel/incidents`;
      const env = { SENTINEL_WEBHOOK_SECRET: SECRET, DATA_DIR: t.config.dataDir };
      const code = await runCli(
        ['replay', FIXTURES, '--rate', '200', '--url', url],
        stdout,
        new PassThrough(),
        env,
      );
      expect(code).toBe(0);
      expect(out.trim().split('\n')).toHaveLength(fixtures.length);
      expect(out).toContain('01-account-compromise-impossible-travel.json: 202');
      expect(await new IncidentEventsRepository(t.service.store).count()).toBe(fixtures.length);
      const wrongSecret = {
        ...env,
        SENTINEL_WEBHOOK_SECRET: 'not-the-secret-the-service-was-given',
      };
      expect(
        await runCli(
          ['replay', FIXTURES, '--url', url],
          new PassThrough(),
          new PassThrough(),
          wrongSecret,
        ),
      ).toBe(1);
    } finally {
      await t.dispose();
    }
  });
});

describe.each(ENGINES)('processing accepted events into incidents on $name', (engine) => {
  it('classifies each fixture, applies the update, and ignores a stale version', async () => {
    const t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: SECRET } });
    try {
      for (const { body } of fixtures) {
        const answer = await t.post('/api/sentinel/incidents', body, {
          'content-type': 'application/json',
          ...signBody(SECRET, body, now()),
        });
        expect(answer.status).toBe(202);
      }
      await t.service.processor.drain();
      const stored = await t.service.incidents.list();
      const byTitle = new Map(stored.map((s) => [s.incident.number, s]));
      expect(stored).toHaveLength(fixtures.length - 1);
      const classes = stored
        .map((s) => [
          fixtures.findIndex((f) => f.body.includes(`"incidentNumber": ${s.incident.number}`)),
          s.dataClass,
        ])
        .sort();
      expect(classes.map(([, c]) => c)).toEqual([
        'clinical',
        'business',
        'clinical',
        'clinical',
        'business',
        'unclassified',
        'unclassified',
      ]);
      const first = JSON.parse(fixtures[0]!.body) as {
        object: { properties: { incidentNumber: number } };
      };
      const updated = byTitle.get(first.object.properties.incidentNumber);
      expect(updated?.incident.status).toBe('Active');
      expect(updated?.incident.owner?.userPrincipalName).toBeTruthy();

      // The first version again, as the poller might deliver it late: nothing goes back.
      const stale = JSON.parse(fixtures[0]!.body) as {
        eventUniqueId: string;
        object: { properties: Record<string, unknown> };
      };
      stale.eventUniqueId = 'late-poll';
      stale.object.properties.lastModifiedTimeUtc = '2020-01-01T00:00:00Z';
      const late = JSON.stringify(stale);
      await t.post('/api/sentinel/incidents', late, {
        'content-type': 'application/json',
        ...signBody(SECRET, late, now()),
      });
      await t.service.processor.drain();
      expect(
        (await t.service.incidents.byNumber(first.object.properties.incidentNumber))?.incident
          .status,
      ).toBe('Active');
      expect((await t.audit('incident.created')).length).toBe(fixtures.length - 1);
      expect((await t.audit('incident.updated')).length).toBe(1);
    } finally {
      await t.dispose();
    }
  });
});
