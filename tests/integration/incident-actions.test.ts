import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
} from '../fakes/bot-connector.js';
import {
  cardAction,
  channel,
  PEOPLE,
  type Person,
  personalChat,
  type TeamsConversation,
  threadOf,
} from '../helpers/activities.js';
import { installBot, say as sayTo } from '../helpers/chat.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';
import {
  postIncident,
  readSample,
  sampleFiles,
  settle,
  WEBHOOK_SECRET,
} from '../helpers/pipeline.js';

/** Acting on incidents from chat and from card buttons, for each role. */
describe.each(ENGINES)('incident actions on $name', (engine) => {
  let connector: BotConnectorFake;
  let t: TestService;
  const chats = { owner: personalChat(), clinician: personalChat(), business: personalChat() };
  const security = channel();

  const say = (from: Person, text: string, conversation: TeamsConversation) =>
    sayTo(t, connector, from, text, conversation);

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    t = await startTestService({ engine, env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    await installBot(t, connector, [
      [PEOPLE.owner, chats.owner],
      [PEOPLE.clinician, chats.clinician],
      [PEOPLE.business, chats.business],
      [PEOPLE.owner, security],
    ]);
    await say(PEOPLE.owner, 'subscribe clinical', threadOf(security));
    for (const file of sampleFiles().slice(0, 7)) await postIncident(t, readSample(file));
    await settle(t);
  });
  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
  });

  it('lists only what each role may see', async () => {
    expect(await say(PEOPLE.business, 'incidents all', chats.business)).toMatch(
      /Incidents \(all\): 2/,
    );
    expect(await say(PEOPLE.clinician, 'incidents', chats.clinician)).toMatch(
      /Incidents \(open\): 5/,
    );
    expect(await say(PEOPLE.owner, 'incidents', chats.owner)).toMatch(/Incidents \(open\): 7/);
  });

  it('lets a clinician acknowledge a clinical incident; every copy of its card is updated', async () => {
    const before = connector.updates().length;
    const answer = await say(PEOPLE.clinician, 'ack #1001', chats.clinician);
    expect(answer).toContain('Acknowledged by: Casey Clinician');
    await settle(t);
    const updated = connector
      .updates()
      .slice(before)
      .map((u) => u.conversationId);
    expect(updated.sort()).toEqual([chats.owner.id, security.id].sort());
    expect((await t.audit('incident.ack')).map((e) => e.actor.name)).toEqual(['Casey Clinician']);
  });

  it('refuses a business user on a clinical incident, saying why, and audits it', async () => {
    expect(await say(PEOPLE.business, 'ack 1003', chats.business)).toMatch(
      /Not allowed: .*BusinessUser.*none on clinical/,
    );
    const denied = (await t.audit('access.act')).filter((e) => e.outcome === 'denied');
    expect(denied.some((e) => e.actor.id === PEOPLE.business.aadObjectId)).toBe(true);
  });

  it('answers a card button within the invoke with the refreshed card', async () => {
    const invoke = cardAction({
      serviceUrl: connector.url,
      from: PEOPLE.business,
      conversation: chats.business,
      verb: 'incident.severity',
      data: { incident: 1002, severity: 'low' },
    });
    const answer = await t.post('/api/messages', invoke);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('#1002 · Low');
    const bad = await t.post(
      '/api/messages',
      cardAction({
        serviceUrl: connector.url,
        from: PEOPLE.business,
        conversation: chats.business,
        verb: 'incident.severity',
        data: { incident: 1002, severity: 'dire' },
      }),
    );
    expect(JSON.stringify(bad.body)).toMatch(/not a severity/);
  });

  it('sends Details to the clicker personal chat, unmasked for a clinician, audited as a reveal', async () => {
    const invoke = cardAction({
      serviceUrl: connector.url,
      from: PEOPLE.clinician,
      conversation: threadOf(security),
      verb: 'incident.details',
      data: { incident: 1004 },
    });
    const answer = await t.post('/api/messages', invoke);
    expect(JSON.stringify(answer.body)).toMatch(/full details are in your personal chat/);
    await settle(t);
    const details = connector
      .sent(chats.clinician.id)
      .map((c) => cardText(adaptiveCards(c.activity)[0]));
    expect(details.some((text) => text.includes('#1004'))).toBe(true);
    const reveals = (await t.audit('access.reveal_phi')).filter(
      (e) => e.actor.id === PEOPLE.clinician.aadObjectId,
    );
    expect(reveals.length).toBeGreaterThan(0);
  });

  it('lets the owner classify an unclassified incident, which then reaches the clinical channel', async () => {
    const before = connector.sent(security.id).length;
    expect(await say(PEOPLE.clinician, 'classify 1006 clinical', chats.clinician)).toMatch(
      /no incident|Not allowed/i,
    );
    expect(await say(PEOPLE.owner, 'classify 1006 clinical', chats.owner)).toContain(
      'Data class: clinical',
    );
    await settle(t);
    const added = connector
      .sent(security.id)
      .slice(before)
      .map((c) => cardText(adaptiveCards(c.activity)[0]));
    expect(added.some((text) => text.includes('#1006'))).toBe(true);
  });
});
