import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenCredential } from '@azure/core-auth';
import { type ArmFake, startArmFake } from '../fakes/arm.js';
import { type BotConnectorFake, startBotConnectorFake } from '../fakes/bot-connector.js';
import { botAdded, message, PEOPLE, personalChat } from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { postIncident, readSample, settle, WEBHOOK_SECRET } from '../helpers/pipeline.js';
import { startTestService, type TestService } from '../helpers/service.js';

const TOKEN = 'arm-token-for-tests';
const credential: TokenCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

interface Sample {
  eventUniqueId: string;
  object: { id: string; properties: Record<string, unknown> };
}

/** Teams changes reach Sentinel, and Sentinel versions that have not caught up do not undo them. */
describe.each(ENGINES)('write-back to Sentinel on $name', (engine) => {
  let arm: ArmFake;
  let connector: BotConnectorFake;
  let t: TestService;
  const chat = personalChat();
  const sample = JSON.parse(readSample('01-account-compromise-impossible-travel.json')) as Sample;
  const armId = sample.object.id;
  const number = Number(sample.object.properties.incidentNumber);

  /** A later Sentinel version of the incident with these properties changed. */
  const version = (n: number, change: Record<string, unknown>): string => {
    const next = structuredClone(sample);
    next.eventUniqueId = `${sample.eventUniqueId}-v${n}`;
    next.object.properties = {
      ...next.object.properties,
      ...change,
      lastModifiedTimeUtc: new Date(Date.parse('2026-11-20T14:00:00Z') + n * 60_000).toISOString(),
    };
    return JSON.stringify(next);
  };
  const say = async (text: string) => {
    await t.post(
      '/api/messages',
      message({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: chat, text }),
    );
  };
  const shown = async () => (await t.service.incidents.byNumber(number))!.incident;
  const puts = () =>
    arm.requests.filter((r) => r.method === 'PUT' && !r.url.includes('/comments/'));
  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(check()).toBe(true);
  };

  beforeAll(async () => {
    arm = await startArmFake({ token: TOKEN });
    arm.seed(armId, { ...sample.object.properties });
    connector = await startBotConnectorFake();
    t = await startTestService({
      engine,
      env: {
        SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET,
        SENTINEL_WRITEBACK: '1',
        ARM_ENDPOINT: arm.url,
      },
      overrides: { armCredential: credential },
    });
    await t.post(
      '/api/messages',
      botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: chat }),
    );
    expect((await postIncident(t, JSON.stringify(sample))).status).toBe(202);
    await settle(t);
  });
  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
    await arm?.close();
  });

  it('acknowledging sets the Sentinel incident Active with If-Match and a comment naming the person', async () => {
    await say(`ack ${number}`);
    await waitFor(() => arm.comments(armId).length === 1);
    expect(arm.incident(armId)?.body.properties.status).toBe('Active');
    const [put] = puts();
    expect(put?.ifMatch).toMatch(/^"[^"]+"$/);
    expect(put?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(arm.comments(armId)[0]?.message).toContain(PEOPLE.owner.name);
    expect((await shown()).status).toBe('Active');
  });

  it('a severity change is written back too', async () => {
    await say(`severity ${number} medium`);
    await waitFor(() => arm.incident(armId)?.body.properties.severity === 'Medium');
    await waitFor(() => arm.comments(armId).length === 2);
    expect((await t.get('/readyz')).body.writeback).toEqual({ pending: 0, dead: 0 });
  });

  it('a Sentinel version that has not caught up keeps the Teams changes', async () => {
    expect(
      (await postIncident(t, version(1, { title: 'Impossible travel (2 alerts)' }))).status,
    ).toBe(202);
    await settle(t);
    const incident = await shown();
    expect(incident.title).toBe('Impossible travel (2 alerts)');
    expect(incident).toMatchObject({ status: 'Active', severity: 'Medium' });
  });

  it('once Sentinel shows the change, and after someone changes it in Sentinel, Sentinel is the truth', async () => {
    expect(
      (await postIncident(t, version(2, { status: 'Active', severity: 'Medium' }))).status,
    ).toBe(202);
    await settle(t);
    expect(await shown()).toMatchObject({ status: 'Active', severity: 'Medium' });
    expect((await postIncident(t, version(3, { status: 'Active', severity: 'Low' }))).status).toBe(
      202,
    );
    await settle(t);
    expect((await shown()).severity).toBe('Low');
  });

  it('keeps a data class set in Teams until Sentinel labels the incident differently', async () => {
    await say(`classify ${number} business`);
    expect((await t.service.incidents.byNumber(number))?.dataClass).toBe('business');
    expect((await postIncident(t, version(4, { description: 'One more alert' }))).status).toBe(202);
    await settle(t);
    expect((await t.service.incidents.byNumber(number))?.dataClass).toBe('business');
    const relabelled = version(5, {
      labels: [{ labelName: 'DataClass:System', labelType: 'User' }],
    });
    expect((await postIncident(t, relabelled)).status).toBe(202);
    await settle(t);
    expect((await t.service.incidents.byNumber(number))?.dataClass).toBe('system');
  });

  it('records the write-back in the audit trail of the action', async () => {
    const acks = await t.audit('incident.ack');
    expect(acks.at(-1)?.details).toMatchObject({ writeback: true });
  });

  it('closing writes the classification and a summary comment back to Sentinel', async () => {
    const comments = arm.comments(armId).length;
    await say(`respond ${number}`);
    await say(`close ${number} FalsePositive IncorrectAlertLogic the rule flags our VPN exit`);
    await waitFor(() => arm.incident(armId)?.body.properties.status === 'Closed');
    expect(arm.incident(armId)?.body.properties).toMatchObject({
      classification: 'FalsePositive',
      classificationReason: 'IncorrectAlertLogic',
    });
    await waitFor(() => arm.comments(armId).length === comments + 1);
    const comment = arm.comments(armId).at(-1)?.message ?? '';
    expect(comment).toContain('Closed as FalsePositive (IncorrectAlertLogic)');
    expect(comment).toContain('Summary: the rule flags our VPN exit');
    expect((await shown()).status).toBe('Closed');
    expect((await t.audit('incident.close')).at(-1)?.outcome).toBe('allowed');
  });
});
