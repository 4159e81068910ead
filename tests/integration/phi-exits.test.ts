import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PhiGuard } from '../../bot/src/phi/guard.js';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
  type WireActivity,
} from '../fakes/bot-connector.js';
import {
  channel,
  groupChat,
  message,
  PEOPLE,
  personalChat,
  threadOf,
} from '../helpers/activities.js';
import { startTestService, type TestService } from '../helpers/service.js';

/**
 * PHI planted in everything a person or system can send in must not come out in a shared
 * place: cards and texts in group chats and channels, log lines, audit details, error answers.
 */
const PLANTED = {
  name: 'Priya Haddad',
  healthCard: '7828 477 484',
  healthCardDigits: '7828477484',
  sin: '046 454 286',
  dob: '1944-07-21',
  phone: '(289) 555-0171',
  email: 'priya.haddad@rogers.com',
};
const PHI_TEXT = `Patient ${PLANTED.name}, OHIP ${PLANTED.healthCard}, SIN ${PLANTED.sin}, DOB ${PLANTED.dob}, call ${PLANTED.phone} or ${PLANTED.email}`;
const RAW_VALUES = [
  PLANTED.name,
  PLANTED.healthCard,
  PLANTED.healthCardDigits,
  PLANTED.sin,
  PLANTED.dob,
  PLANTED.phone,
  PLANTED.email,
  'Haddad',
];

describe('PHI never leaves through a shared exit', () => {
  let connector: BotConnectorFake;
  let t: TestService;
  let logs = '';
  const guard = PhiGuard.create();

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    t = await startTestService({
      env: { LOG_LEVEL: 'debug' },
      overrides: { logDestination: destination },
    });

    const shared = [threadOf(channel()), groupChat()];
    for (const conversation of shared) {
      for (const text of [
        PLANTED.healthCardDigits,
        `${PLANTED.healthCardDigits} ${PHI_TEXT}`,
        `whoami ${PHI_TEXT}`,
        `help ${PHI_TEXT}`,
      ]) {
        const answer = await t.post(
          '/api/messages',
          message({ serviceUrl: connector.url, from: PEOPLE.owner, conversation, text }),
        );
        expect(answer.status).toBe(200);
      }
    }
    await t.post(
      '/api/messages',
      message({
        serviceUrl: connector.url,
        from: PEOPLE.owner,
        conversation: personalChat(),
        text: PLANTED.healthCardDigits,
      }),
    );
    await t.get(`/api/records/${PLANTED.healthCardDigits}/${encodeURIComponent(PLANTED.email)}`);
    await t.post('/api/dev/token', { aadObjectId: PHI_TEXT });
    await t.post('/api/dev/token', { aadObjectId: 42, note: PHI_TEXT });
    await t.get('/api/me', { authorization: `Bearer ${PHI_TEXT}` });
    await t.service.audit.append({
      actor: { id: 'job', name: 'Importer', kind: 'system' },
      roles: [],
      action: 'job.import',
      target: { type: 'file', id: 'f1' },
      dataClass: 'clinical',
      outcome: 'error',
      channel: 'job',
      requestId: null,
      details: { error: `row 7: ${PHI_TEXT}`, rows: 12, nested: { who: PLANTED.name } },
    });
    await t.service.audit.drain();
  });

  afterAll(async () => {
    await t?.dispose();
    await connector?.close();
  });

  const sharedOutput = (): string[] =>
    connector
      .sent()
      .filter((call) => !String(call.conversationId).startsWith('a:'))
      .map((call) => JSON.stringify(call.body));

  it('answers in channels and group chats with no planted PHI in any card or text', () => {
    const out = sharedOutput();
    expect(out.length).toBeGreaterThanOrEqual(8);
    for (const body of out) {
      for (const raw of RAW_VALUES) expect(body).not.toContain(raw);
      const activity = JSON.parse(body) as WireActivity;
      const shown = [activity.text ?? '', ...adaptiveCards(activity).map(cardText)].join('\n');
      expect(guard.spans(shown)).toEqual([]);
    }
    expect(out.join('\n')).toContain('[HEALTH CARD …484]');
  });

  it('still answers the person themselves in full in their personal chat', () => {
    const personal = connector
      .sent()
      .filter((call) => String(call.conversationId).startsWith('a:'));
    expect(personal.map((call) => JSON.stringify(call.body)).join('\n')).toContain(
      PLANTED.healthCardDigits,
    );
  });

  it('writes no planted PHI to the logs', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const raw of RAW_VALUES) expect(logs).not.toContain(raw);
    for (const line of logs.trim().split('\n')) expect(guard.spans(line)).toEqual([]);
  });

  it('keeps audit details free of PHI and the chain intact', async () => {
    const entries = await t.audit();
    const details = entries.map((e) => JSON.stringify(e.details)).join('\n');
    for (const raw of RAW_VALUES) expect(details).not.toContain(raw);
    const job = entries.find((e) => e.action === 'job.import');
    expect(job?.details).toMatchObject({ rows: 12, nested: { who: '[NAME]' } });
    expect(await t.service.audit.verify()).toMatchObject({ ok: true });
  });

  it('masks PHI quoted back in error answers', async () => {
    const notFound = await t.get(`/api/records/${PLANTED.healthCardDigits}`);
    expect(notFound.status).toBe(404);
    expect(notFound.text).not.toContain(PLANTED.healthCardDigits);
    expect(notFound.body.error.message).toContain('[HEALTH CARD …484]');
  });
});
