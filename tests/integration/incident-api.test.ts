import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PLAYBOOKS } from '../../core/playbooks/index.js';
import { PEOPLE, type Person } from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';
import {
  postIncident,
  readSample,
  sampleFiles,
  settle,
  WEBHOOK_SECRET,
} from '../helpers/pipeline.js';

/** The tab's incident API (SPEC §9): the same services as chat, for every role. */
describe.each(ENGINES)('incident API on $name', (engine) => {
  let t: TestService;
  const tokens = new Map<string, string>();

  async function as(person: Person): Promise<Record<string, string>> {
    if (!tokens.has(person.aadObjectId)) {
      const issued = await t.post('/api/dev/token', { aadObjectId: person.aadObjectId });
      tokens.set(person.aadObjectId, `Bearer ${issued.body.token}`);
    }
    return { authorization: tokens.get(person.aadObjectId)! };
  }

  const act = async (person: Person, n: number, verb: string, data: Record<string, unknown> = {}) =>
    t.post(`/api/incidents/${n}/actions`, { verb, data }, await as(person));

  beforeAll(async () => {
    t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    for (const file of sampleFiles().slice(0, 7)) await postIncident(t, readSample(file));
    await settle(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('needs a bearer token on every incident route', async () => {
    expect((await t.get('/api/incidents')).status).toBe(401);
    expect((await t.get('/api/incidents/1001')).status).toBe(401);
    expect((await t.post('/api/incidents/1001/actions', { verb: 'incident.ack' })).status).toBe(
      401,
    );
  });

  it('lists only what each role may see, with the phase', async () => {
    const owner = await t.get('/api/incidents?status=all', await as(PEOPLE.owner));
    expect(owner.status).toBe(200);
    expect(owner.body.items).toHaveLength(7);
    expect(owner.body.items[0]).toMatchObject({
      number: expect.any(Number),
      severity: expect.any(String),
      dataClass: expect.any(String),
      phase: null,
      receivedAt: expect.any(String),
    });
    const business = await t.get('/api/incidents?status=all', await as(PEOPLE.business));
    expect(business.body.items.map((i: { dataClass: string }) => i.dataClass).sort()).toEqual([
      'business',
      'business',
    ]);
    expect((await t.get('/api/incidents', await as(PEOPLE.automation))).body.items).toEqual([]);
    const bad = await t.get('/api/incidents?status=someday', await as(PEOPLE.owner));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/open, closed or all/);
  });

  it('answers 403 for an incident of a class the caller may not read, and audits it', async () => {
    const answer = await t.get('/api/incidents/1001', await as(PEOPLE.business));
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('forbidden');
    const denied = (await t.audit('access.read')).filter(
      (e) => e.outcome === 'denied' && e.actor.id === PEOPLE.business.aadObjectId,
    );
    expect(denied.length).toBeGreaterThan(0);
  });

  it('runs card verbs: 200 with the updated incident, 400 bad data, 409 gate, 403 denied', async () => {
    const unknown = await act(PEOPLE.business, 1002, 'incident.explode');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/verb: must be one of .*incident\.respond/);

    const started = await act(PEOPLE.business, 1002, 'incident.respond', { playbook: 'phishing' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ number: 1002, phase: 'detection' });
    expect(started.body.playbook.id).toBe('phishing');
    expect(started.body.timings).toMatchObject({ toAcknowledge: null });

    const gate = await act(PEOPLE.business, 1002, 'playbook.advance');
    expect(gate.status).toBe(409);
    expect(gate.body.error.code).toBe('refused');
    const open = PLAYBOOKS.phishing!.phases.detection.filter((task) => task.required);
    for (const task of open) expect(gate.body.error.message).toContain(task.title);

    const badTask = await act(PEOPLE.business, 1002, 'playbook.done', { task: 'no-such-task' });
    expect(badTask.status).toBe(400);

    const override = await act(PEOPLE.business, 1002, 'playbook.advance', {
      override: 'user reported it themselves',
    });
    expect(override.status).toBe(403);

    const clinician = await act(PEOPLE.clinician, 1002, 'incident.note', { text: 'saw it too' });
    expect(clinician.status).toBe(403);

    const byOwner = await act(PEOPLE.owner, 1002, 'playbook.advance', {
      override: 'user reported it themselves',
    });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.phase).toBe('analysis');

    const fp = await act(PEOPLE.business, 1002, 'incident.close', {
      classification: 'FalsePositive',
      reason: 'IncorrectAlertLogic',
    });
    expect(fp.status).toBe(200);
    expect(fp.body).toMatchObject({ phase: 'closed', status: 'Closed' });
    const again = await act(PEOPLE.business, 1002, 'playbook.done', {
      task: open[0]!.id,
    });
    expect(again.status).toBe(409);
    const closedList = await t.get('/api/incidents?status=closed', await as(PEOPLE.business));
    expect(closedList.body.items.map((i: { number: number }) => i.number)).toEqual([1002]);
  });

  it('refuses a breach notice before an assessment and a bad assessment naming each field', async () => {
    await act(PEOPLE.owner, 1005, 'incident.respond');
    const early = await act(PEOPLE.owner, 1005, 'breach.notified', { party: 'opc' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/no breach assessment yet/);
    const bad = await act(PEOPLE.owner, 1005, 'breach.assess', {
      discoveredAt: 'soon',
      usIndividuals: 'many',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/usIndividuals/);
    expect(bad.body.error.message).toMatch(/discoveredAt/);
  });

  it('records a signed not-reportable decision only when nothing is owed, full users only', async () => {
    const discoveredAt = new Date(Date.now() - 3_600_000).toISOString();
    const none = {
      discoveredAt,
      phiInvolved: false,
      usIndividuals: 0,
      ontarioIndividuals: 0,
      canadaIndividuals: 0,
      hipaaLowProbability: false,
      pipedaRealRisk: false,
      cardholderData: false,
    };
    const saved = await act(PEOPLE.owner, 1005, 'breach.assess', none);
    expect(saved.status).toBe(200);
    expect(saved.body.breach.obligations).toEqual([]);
    const byBusiness = await act(PEOPLE.business, 1005, 'breach.assess', {
      decision: 'not_reportable',
      reasoning: 'Only encrypted billing data; key never exposed.',
    });
    expect(byBusiness.status).toBe(403);
    const short = await act(PEOPLE.owner, 1005, 'breach.assess', {
      decision: 'not_reportable',
      reasoning: 'n/a',
    });
    expect(short.status).toBe(400);
    const signed = await act(PEOPLE.owner, 1005, 'breach.assess', {
      decision: 'not_reportable',
      reasoning:
        'Only encrypted billing data; the key was never exposed (verified in Key Vault logs).',
    });
    expect(signed.status).toBe(200);
    expect(signed.body.breach.decision).toMatchObject({
      signedOffBy: { id: PEOPLE.owner.aadObjectId, name: PEOPLE.owner.name },
    });
    const kinds = signed.body.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('breach.not_reportable');
  });

  it('keeps both of two steps taken at the same moment (neither overwrites the other)', async () => {
    const started = await act(PEOPLE.owner, 1003, 'incident.respond');
    const [first, second] = started.body.playbook.phases[0].tasks as { id: string }[];
    const answers = await Promise.all([
      act(PEOPLE.owner, 1003, 'playbook.done', { task: first!.id, note: 'one' }),
      act(PEOPLE.clinician, 1003, 'playbook.done', { task: second!.id, note: 'two' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const after = await t.get('/api/incidents/1003', await as(PEOPLE.owner));
    const done = after.body.playbook.phases[0].tasks.filter((task: { done: boolean }) => task.done);
    expect(done.map((task: { id: string }) => task.id).sort()).toEqual(
      [first!.id, second!.id].sort(),
    );
    const steps = after.body.timeline.filter((e: { kind: string }) => e.kind === 'task');
    expect(steps.map((e: { by: string }) => e.by).sort()).toEqual(
      [PEOPLE.owner.name, PEOPLE.clinician.name].sort(),
    );
  });
});
