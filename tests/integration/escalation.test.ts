import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  type ConnectorCall,
  startBotConnectorFake,
} from '../fakes/bot-connector.js';
import {
  botAdded,
  channel,
  message,
  PEOPLE,
  personalChat,
  threadOf,
} from '../helpers/activities.js';
import { EscalationRepository } from '../../bot/src/store/escalation-repo.js';
import { ENGINES } from '../helpers/engines.js';
import { incidentBody } from '../helpers/incident-bodies.js';
import { startTestService, type TestService } from '../helpers/service.js';
import {
  postIncident,
  readSample,
  sampleFiles,
  settle,
  WEBHOOK_SECRET,
} from '../helpers/pipeline.js';

const files = sampleFiles().slice(0, 7);
const MINUTE = 60_000;

/**
 * Fixtures 01–07: #1001, #1003, #1005 High; #1002, #1004 Medium; #1006 Low; #1007 Informational.
 * #1005 is acknowledged straight away, through the store.
 */
describe.each(ENGINES)('escalation of unacknowledged incidents on $name', (engine) => {
  let connector: BotConnectorFake;
  let t: TestService;
  /** The service's clock runs with real time, shifted by `offset` (time travel). */
  let offset = 0;
  const clock = (): Date => new Date(Date.now() + offset);
  const ownerChat = personalChat();
  const securityChannel = channel();
  const ownerInstall = botAdded({
    serviceUrl: 'http://placeholder',
    from: PEOPLE.owner,
    conversation: ownerChat,
  });

  const escalatedAt = async (n: number) => (await t.service.incidents.byNumber(n))?.escalatedAt;
  /** The @mention messages in the owner's chat (plain messages, not cards). */
  const mentions = (): ConnectorCall[] =>
    connector
      .sent(ownerChat.id)
      .filter((c) => c.operation === 'send' && adaptiveCards(c.activity).length === 0)
      .filter((c) => typeof c.activity?.text === 'string' && c.activity.text.includes('<at>'));
  const mentionsOf = (n: number) => mentions().filter((c) => c.activity?.text?.includes(`#${n} `));
  const escalatedCards = (conversationId: string, n: number) =>
    [...connector.sent(conversationId), ...connector.updates(conversationId)]
      .flatMap((c) => adaptiveCards(c.activity).map(cardText))
      .filter((text) => text.includes(`#${n} `) && text.includes('ESCALATED'));

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    t = await startTestService({
      engine,
      env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET },
      overrides: { clock },
    });
    await t.post('/api/messages', { ...ownerInstall, serviceUrl: connector.url });
    await t.post(
      '/api/messages',
      botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: securityChannel }),
    );
    await t.post(
      '/api/messages',
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: threadOf(securityChannel),
        text: 'subscribe clinical',
      }),
    );
    for (const file of files) {
      expect((await postIncident(t, readSample(file), clock().getTime())).status).toBe(202);
    }
    await settle(t);
    await t.service.store.db
      .updateTable('incidents')
      .set({ acknowledged_at: clock().toISOString(), acknowledged_by: PEOPLE.owner.aadObjectId })
      .where('number', '=', 1005)
      .execute();
  });
  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
  });

  it('escalates nothing before the first threshold', async () => {
    offset = 14 * MINUTE;
    expect(await t.service.escalation.tick()).toBe(0);
    for (const n of [1001, 1002, 1003, 1004, 1005, 1006, 1007])
      expect(await escalatedAt(n)).toBeNull();
  });

  it('escalates unacknowledged High incidents at 15 minutes, once, with the badge and an @mention', async () => {
    offset = 15 * MINUTE + 1_000;
    expect(await t.service.escalation.tick()).toBe(2);
    expect(await escalatedAt(1001)).not.toBeNull();
    expect(await escalatedAt(1003)).not.toBeNull();
    // Acknowledged: never escalated. Medium: not yet at 15 minutes.
    expect(await escalatedAt(1005)).toBeNull();
    expect(await escalatedAt(1002)).toBeNull();
    expect(await escalatedAt(1004)).toBeNull();
    await settle(t);

    // The badge on every copy: the owner's chat and, for a clinical one, the channel.
    expect(escalatedCards(ownerChat.id, 1001)).toHaveLength(1);
    expect(escalatedCards(ownerChat.id, 1003)).toHaveLength(1);
    const clinical = (await t.service.incidents.byNumber(1003))?.dataClass;
    expect(clinical).toBe('clinical');
    expect(escalatedCards(securityChannel.id, 1003)).toHaveLength(1);
    expect(connector.updates(securityChannel.id).length).toBeGreaterThan(0);
    expect(escalatedCards(ownerChat.id, 1005)).toHaveLength(0);

    // One @mention message per escalated incident, mentioning the owner by Teams id.
    expect(mentions()).toHaveLength(2);
    const [mention] = mentionsOf(1001);
    const at = `<at>${PEOPLE.owner.name}</at>`;
    expect(mention?.activity?.text).toBe(
      `${at} #1001 (High) has not been acknowledged for 15 minutes.`,
    );
    expect(mention?.activity?.entities).toEqual([
      {
        type: 'mention',
        text: at,
        mentioned: { id: ownerInstall.from.id, name: PEOPLE.owner.name },
      },
    ]);
    expect(
      connector.sent(securityChannel.id).filter((c) => c.activity?.text?.includes('<at>')),
    ).toEqual([]);

    const audit = await t.audit('incident.escalated');
    expect(audit.map((e) => e.target.id).sort()).toEqual(['1001', '1003']);
    expect(audit.every((e) => e.channel === 'job' && e.actor.kind === 'system')).toBe(true);

    // A second tick (or a second instance) escalates nothing again.
    const calls = connector.calls.length;
    expect(await t.service.escalation.tick()).toBe(0);
    await settle(t);
    expect(connector.calls.length).toBe(calls);
  });

  it('escalates after a restart when due, from the stored times, and never twice', async () => {
    offset = 59 * MINUTE;
    await t.restart();
    expect(await t.service.escalation.tick()).toBe(0);
    expect(await escalatedAt(1002)).toBeNull();

    // Due while the service is down: the restarted job's first tick escalates on its own.
    await t.service.close();
    offset = 60 * MINUTE + 1_000;
    await t.restart();
    for (let i = 0; i < 100 && !(await escalatedAt(1004)); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await escalatedAt(1002)).not.toBeNull();
    expect(await escalatedAt(1004)).not.toBeNull();
    await settle(t);
    expect(mentionsOf(1002)).toHaveLength(1);
    expect(mentionsOf(1002)[0]?.activity?.text).toContain(
      '(Medium) has not been acknowledged for 1 hour',
    );
    expect(escalatedCards(securityChannel.id, 1004)).toHaveLength(1);

    await t.restart();
    expect(await t.service.escalation.tick()).toBe(0);
    await settle(t);
    for (const n of [1001, 1002, 1003, 1004]) expect(mentionsOf(n)).toHaveLength(1);
    expect((await t.audit('incident.escalated')).length).toBe(4);
  });

  it('escalates Low at 4 hours, and never an Informational or an acknowledged one', async () => {
    offset = 4 * 60 * MINUTE + 1_000;
    // Two ticks racing (as two instances would): one escalation between them.
    const counts = await Promise.all([t.service.escalation.tick(), t.service.escalation.tick()]);
    expect(counts[0] + counts[1]).toBe(1);
    expect(await escalatedAt(1006)).not.toBeNull();
    await settle(t);
    expect(mentionsOf(1006)[0]?.activity?.text).toContain(
      '(Low) has not been acknowledged for 4 hours',
    );

    offset = 365 * 24 * 60 * MINUTE;
    expect(await t.service.escalation.tick()).toBe(0);
    expect(await escalatedAt(1007)).toBeNull();
    expect(await escalatedAt(1005)).toBeNull();
    await settle(t);
    expect(mentions()).toHaveLength(5);
  });

  it('announces an escalation a crash cut off after marking it, once, after the restart', async () => {
    expect((await postIncident(t, incidentBody(1090), clock().getTime())).status).toBe(202);
    await settle(t);
    offset += 15 * MINUTE + 1_000;
    // The crash: the incident is marked escalated, and the process dies before the @mention.
    await t.service.escalation.stop();
    const name = (await t.service.incidents.byNumber(1090))?.incident.name as string;
    expect(await new EscalationRepository(t.service.store).markEscalated(name, clock())).toBe(true);
    await t.service.close();

    // The restarted job's first tick finds the announcement still owed and makes it.
    await t.restart();
    for (let i = 0; i < 100 && mentionsOf(1090).length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await settle(t);
    }
    expect(mentionsOf(1090)).toHaveLength(1);
    expect(mentionsOf(1090)[0]?.activity?.text).toBe(
      `<at>${PEOPLE.owner.name}</at> #1090 (High) has not been acknowledged for 15 minutes.`,
    );
    expect(escalatedCards(ownerChat.id, 1090)).toHaveLength(1);

    // Ticks racing and another restart announce nothing again.
    await Promise.all([t.service.escalation.tick(), t.service.escalation.tick()]);
    await t.restart();
    await t.service.escalation.tick();
    await settle(t);
    expect(mentionsOf(1090)).toHaveLength(1);
    const audit = (await t.audit('incident.escalated')).filter((e) => e.target.id === '1090');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ ownersNotified: 1, thresholdMinutes: 15 });
    expect((await t.service.audit.verify()).ok).toBe(true);
  });

  it('sends no @mention for an owed announcement once the incident is acknowledged', async () => {
    expect((await postIncident(t, incidentBody(1091), clock().getTime())).status).toBe(202);
    await settle(t);
    offset += 15 * MINUTE + 1_000;
    await t.service.escalation.stop();
    const name = (await t.service.incidents.byNumber(1091))?.incident.name as string;
    await new EscalationRepository(t.service.store).markEscalated(name, clock());
    // Acknowledged while the process was down.
    await t.service.incidents.acknowledge(1091, PEOPLE.owner.aadObjectId, clock());
    await t.restart();
    await t.service.escalation.tick();
    await settle(t);
    expect(mentionsOf(1091)).toHaveLength(0);
    const audit = (await t.audit('incident.escalated')).filter((e) => e.target.id === '1091');
    expect(audit.map((e) => e.details.ownersNotified)).toEqual([0]);
  });
});
