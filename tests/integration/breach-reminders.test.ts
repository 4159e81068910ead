import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
} from '../fakes/bot-connector.js';
import { botAdded, PEOPLE, personalChat } from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';
import {
  postIncident,
  readSample,
  sampleFiles,
  settle,
  WEBHOOK_SECRET,
} from '../helpers/pipeline.js';

const HOUR = 3_600_000;
const INCIDENT = 1004;

/**
 * Breach deadlines (SPEC §4): reminders before each deadline and escalation after it, to the
 * practice owners, from timers kept in the store — once each, across restarts, and never for an
 * obligation already met.
 */
describe.each(ENGINES)('breach reminders on $name', (engine) => {
  let connector: BotConnectorFake;
  let t: TestService;
  let offset = 0;
  const clock = (): Date => new Date(Date.now() + offset);
  const ownerChat = personalChat();
  let discoveredAt = '';

  const messages = () =>
    connector
      .sent(ownerChat.id)
      .filter((c) => c.operation === 'send' && adaptiveCards(c.activity).length === 0)
      .map((c) => ({ text: String(c.activity?.text ?? ''), entities: c.activity?.entities }))
      .filter((m) => m.text.includes(`Breach #${INCIDENT}`));

  async function act(verb: string, data: Record<string, unknown>) {
    const issued = await t.post('/api/dev/token', { aadObjectId: PEOPLE.owner.aadObjectId });
    const answer = await t.post(
      `/api/incidents/${INCIDENT}/actions`,
      { verb, data },
      { authorization: `Bearer ${issued.body.token}` },
    );
    expect(answer.status).toBe(200);
    return answer.body;
  }

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    t = await startTestService({
      engine,
      env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET },
      overrides: { clock },
    });
    await t.post(
      '/api/messages',
      botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: ownerChat }),
    );
    const file = sampleFiles().find((f) => f.startsWith('04-')) as string;
    expect((await postIncident(t, readSample(file), clock().getTime())).status).toBe(202);
    await settle(t);
    await act('incident.respond', {});
    discoveredAt = clock().toISOString();
    await act('breach.assess', {
      discoveredAt,
      phiInvolved: true,
      usIndividuals: 0,
      ontarioIndividuals: 12,
      canadaIndividuals: 12,
      hipaaLowProbability: false,
      phipaCircumstances: ['knowingly_unauthorized'],
      pipedaRealRisk: false,
      cardholderData: false,
    });
    await settle(t);
  });
  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
  });

  it('reminds nobody before the first reminder point', async () => {
    offset = 35 * HOUR;
    expect(await t.service.breachReminders.tick()).toBe(0);
  });

  it('reminds the owners at half time, once per obligation, and refreshes the card', async () => {
    offset = 37 * HOUR;
    const before = connector.updates(ownerChat.id).length;
    expect(await t.service.breachReminders.tick()).toBe(2);
    expect(await t.service.breachReminders.tick()).toBe(0);
    await settle(t);
    const texts = messages().map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts.some((m) => m.includes('notify individuals') && m.includes('PHIPA s.12(2)'))).toBe(
      true,
    );
    expect(texts.some((m) => m.includes('notify ipc'))).toBe(true);
    expect(texts.every((m) => m.includes('50% of the time'))).toBe(true);
    const updates = connector.updates(ownerChat.id).slice(before);
    expect(updates.some((u) => /due soon/i.test(cardText(adaptiveCards(u.activity)[0])))).toBe(
      true,
    );
    expect((await t.audit('breach.reminded')).length).toBe(2);
  });

  it('after a restart and a notice logged, escalates only what is still owed, with an @mention', async () => {
    await act('breach.notified', { party: 'ipc', method: 'IPC online form' });
    await t.restart();
    offset = 74 * HOUR;
    expect(await t.service.breachReminders.tick()).toBe(1);
    await t.restart();
    expect(await t.service.breachReminders.tick()).toBe(0);
    await settle(t);
    const late = messages().filter((m) => m.text.includes('past the deadline'));
    expect(late).toHaveLength(1);
    expect(late[0]!.text).toContain('notify individuals');
    expect(late[0]!.text).toContain(`<at>${PEOPLE.owner.name}</at>`);
    expect(late[0]!.entities).toEqual([expect.objectContaining({ type: 'mention' })]);
    expect((await t.audit('breach.escalated')).length).toBe(1);
  });
});
