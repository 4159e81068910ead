import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PLAYBOOKS, RESPONSE_PHASES, type ResponsePhase } from '../../core/playbooks/index.js';
import {
  adaptiveCards,
  type BotConnectorFake,
  cardText,
  startBotConnectorFake,
  teamsLimits,
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

const INCIDENT = 1004; // DLP: Ontario health card numbers shared externally (clinical)

/**
 * A whole incident driven from chat, from `respond` to `close`, against the fake Bot Connector
 * enforcing Teams' limits: each step answers with the live card, every other copy of the card
 * is edited in place (never a second card), every step is audited, and the tab API shows the
 * same record with ISO-8601 deadlines.
 */
describe.each(ENGINES)('incident response from chat on $name', (engine) => {
  let connector: BotConnectorFake;
  let limits: ReturnType<typeof teamsLimits>;
  let t: TestService;
  const chats = { owner: personalChat(), clinician: personalChat(), business: personalChat() };
  const security = channel();
  let playbookId = '';

  const say = (from: Person, text: string, conversation: TeamsConversation) =>
    sayTo(t, connector, from, text, conversation);

  async function click(from: Person, verb: string, data: Record<string, unknown>) {
    const invoke = cardAction({
      serviceUrl: connector.url,
      from,
      conversation: chats.clinician,
      verb,
      data: { incident: INCIDENT, ...data },
    });
    const answer = await t.post('/api/messages', invoke);
    expect(answer.status).toBe(200);
    return JSON.stringify(answer.body);
  }

  const tasks = (phase: ResponsePhase, required = true) =>
    PLAYBOOKS[playbookId]!.phases[phase].filter((task) => !required || task.required);

  /** The owner's copy of the card: sent once, then only edited in place. */
  function ownerCopies() {
    const sends = connector
      .sent(chats.owner.id)
      // Cards the outbox sent, not the answers to the owner's own commands.
      .filter((c) => c.operation === 'send')
      .filter((c) => cardText(adaptiveCards(c.activity)[0] ?? {}).includes(`#${INCIDENT} `));
    const updates = connector
      .updates(chats.owner.id)
      .filter((c) => c.activityId === sends[0]?.responseId);
    return {
      sends,
      updates,
      latest: cardText(adaptiveCards((updates.at(-1) ?? sends[0])!.activity)[0]),
    };
  }

  async function token(person: Person): Promise<string> {
    const issued = await t.post('/api/dev/token', { aadObjectId: person.aadObjectId });
    return `Bearer ${issued.body.token}`;
  }

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    limits = teamsLimits();
    connector.gates.push(limits);
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

  it('starts the response with respond: the playbook card answers, and every copy shows the phase', async () => {
    const answer = await say(PEOPLE.clinician, `respond #${INCIDENT}`, chats.clinician);
    const detail = await t.get(`/api/incidents/${INCIDENT}`, {
      authorization: await token(PEOPLE.clinician),
    });
    expect(detail.status).toBe(200);
    playbookId = detail.body.playbook.id;
    expect(PLAYBOOKS[playbookId]).toBeDefined();
    expect(answer).toContain(PLAYBOOKS[playbookId]!.title);
    expect(answer).toContain('Detection');
    await settle(t);
    const { sends, updates, latest } = ownerCopies();
    expect(sends).toHaveLength(1);
    expect(updates.length).toBeGreaterThan(0);
    expect(latest).toContain(PLAYBOOKS[playbookId]!.title);
    expect((await t.audit('incident.respond')).map((e) => e.actor.name)).toEqual([
      PEOPLE.clinician.name,
    ]);
    expect(await say(PEOPLE.clinician, `respond ${INCIDENT}`, chats.clinician)).toMatch(
      /already runs/,
    );
  });

  it('refuses advance while a required task is open, naming what is open', async () => {
    const open = tasks('detection');
    expect(open.length).toBeGreaterThan(0);
    const answer = await say(PEOPLE.clinician, `advance ${INCIDENT}`, chats.clinician);
    expect(answer).toMatch(/Cannot advance from detection/);
    for (const task of open) expect(answer).toContain(task.title);
    const refusals = (await t.audit('playbook.advance')).filter((e) => e.outcome === 'error');
    expect(refusals).toHaveLength(1);
  });

  it('lets only a full user override a gate, with a reason on the timeline', async () => {
    expect(
      await say(PEOPLE.clinician, `advance ${INCIDENT} override no time`, chats.clinician),
    ).toMatch(/Only someone with full access/);
    const denied = (await t.audit('playbook.override')).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.actor.name)).toEqual([PEOPLE.clinician.name]);
    expect(
      await say(PEOPLE.business, `done ${INCIDENT} ${tasks('detection')[0]!.id}`, chats.business),
    ).toMatch(/Not allowed/);
    const owner = await say(
      PEOPLE.owner,
      `advance ${INCIDENT} override alert confirmed by phone with the clinic`,
      chats.owner,
    );
    expect(owner).toContain('Analysis');
    const api = await t.get(`/api/incidents/${INCIDENT}`, {
      authorization: await token(PEOPLE.owner),
    });
    const override = api.body.timeline.find((e: { kind: string }) => e.kind === 'override');
    expect(override).toMatchObject({ by: PEOPLE.owner.name, phase: 'detection' });
    expect(override.text).toContain('alert confirmed by phone with the clinic');
    expect(api.body.playbook.phases[0]).toMatchObject({ phase: 'detection', status: 'overridden' });
  });

  it('opens the breach track from analysis and computes every deadline', async () => {
    for (const task of tasks('analysis', false)) {
      const answer = await say(
        PEOPLE.clinician,
        `done ${INCIDENT} ${task.id} checked`,
        chats.clinician,
      );
      expect(answer).not.toMatch(/not valid|Not allowed|no response/);
    }
    const form = await say(PEOPLE.clinician, `breach ${INCIDENT}`, chats.clinician);
    expect(form).toContain(`#${INCIDENT} · Breach assessment`);
    const bad = await click(PEOPLE.clinician, 'breach.assess', {
      discoveredAt: 'yesterday',
      phiInvolved: 'true',
      usIndividuals: '0',
      ontarioIndividuals: '-3',
      canadaIndividuals: '0',
      hipaaLowProbability: 'false',
      pipedaRealRisk: 'false',
      cardholderData: 'false',
    });
    expect(bad).toMatch(/discoveredAt/);
    expect(bad).toMatch(/ontarioIndividuals/);
    const discovered = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const saved = await click(PEOPLE.clinician, 'breach.assess', {
      discoveredAt: discovered,
      phiInvolved: 'true',
      usIndividuals: '0',
      usByState: '',
      ontarioIndividuals: '42',
      canadaIndividuals: '42',
      hipaaLowProbability: 'false',
      phipaCircumstances: 'knowingly_unauthorized',
      pipedaRealRisk: 'false',
      cardholderData: 'false',
      notes: 'health card numbers emailed to a personal account',
    });
    expect(saved).toContain('PHIPA s.12(2)');
    const api = await t.get(`/api/incidents/${INCIDENT}`, {
      authorization: await token(PEOPLE.clinician),
    });
    const due = new Date(Date.parse(discovered) + 72 * 3_600_000).toISOString();
    const byRule = Object.fromEntries(
      api.body.breach.obligations.map((o: { rule: string; dueAt: string }) => [o.rule, o]),
    );
    expect(byRule['PHIPA s.12(2)']).toMatchObject({
      party: 'individuals',
      dueAt: due,
      status: 'pending',
    });
    expect(byRule['PHIPA s.12(3), O. Reg. 329/04 s.6.3']).toMatchObject({
      party: 'ipc',
      dueAt: due,
    });
    expect(byRule['O. Reg. 329/04 s.6.4'].dueAt).toMatch(/-03-01T|-02-2\dT/);
    expect(api.body.breach.discoveredAt).toBe(discovered);

    const logged = await say(PEOPLE.clinician, `notified ${INCIDENT} ipc`, chats.clinician);
    expect(logged).toMatch(/ipc/i);
    const after = await t.get(`/api/incidents/${INCIDENT}`, {
      authorization: await token(PEOPLE.clinician),
    });
    const ipc = after.body.breach.obligations.find((o: { rule: string }) =>
      o.rule.startsWith('PHIPA s.12(3)'),
    );
    expect(ipc.status).toBe('done');
    expect(ipc.notifiedAt).not.toBeNull();
    expect((await t.audit('breach.assess')).map((e) => e.outcome)).toEqual(['error', 'allowed']);
    expect((await t.audit('breach.notified')).map((e) => e.outcome)).toEqual(['allowed']);
  });

  it('refuses to close as TruePositive before lessons learned, then closes after every phase', async () => {
    expect(await say(PEOPLE.clinician, `close ${INCIDENT} TruePositive`, chats.clinician)).toMatch(
      /Cannot close as TruePositive from analysis/,
    );
    await say(PEOPLE.clinician, `advance ${INCIDENT}`, chats.clinician);
    for (const phase of RESPONSE_PHASES.slice(2)) {
      for (const task of tasks(phase)) {
        await click(PEOPLE.clinician, 'playbook.done', { task: task.id, note: 'done' });
      }
      if (phase !== 'lessons_learned') {
        expect(await click(PEOPLE.clinician, 'playbook.advance', {})).not.toMatch(/Cannot/);
      }
    }
    await say(
      PEOPLE.clinician,
      `note ${INCIDENT} reviewed with the practice owner`,
      chats.clinician,
    );
    const closed = await say(
      PEOPLE.clinician,
      `close ${INCIDENT} TruePositive SuspiciousActivity staff retrained`,
      chats.clinician,
    );
    expect(closed).toMatch(/Closed/);
    await settle(t);
    const { sends, latest } = ownerCopies();
    expect(sends).toHaveLength(1);
    expect(latest).toMatch(/Closed/);
    expect(limits.refused).toEqual([]);

    const api = await t.get(`/api/incidents/${INCIDENT}`, {
      authorization: await token(PEOPLE.owner),
    });
    expect(api.body).toMatchObject({ status: 'Closed', phase: 'closed' });
    expect(api.body.closure).toMatchObject({
      classification: 'TruePositive',
      reason: 'SuspiciousActivity',
    });
    expect(api.body.timings.toClose).toEqual(expect.any(Number));
    expect(Date.parse(api.body.retainUntil)).toBeGreaterThan(Date.now() + 5 * 365 * 86_400_000);
    const kinds = api.body.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('received');
    expect(kinds).toEqual(
      expect.arrayContaining([
        'start',
        'override',
        'task',
        'advance',
        'note',
        'close',
        'breach.assessed',
        'breach.notified',
      ]),
    );
    expect((await t.audit('incident.close')).map((e) => e.outcome)).toEqual(['error', 'allowed']);
    expect((await t.audit('playbook.done')).length).toBeGreaterThan(3);
  });

  it('exports the breach and post-incident reports and the draft letters to full users only', async () => {
    const owner = await token(PEOPLE.owner);
    const clinician = await t.get(`/api/incidents/${INCIDENT}/reports/breach`, {
      authorization: await token(PEOPLE.clinician),
    });
    expect(clinician.status).toBe(403);

    const report = await t.get(`/api/incidents/${INCIDENT}/reports/breach?format=md`, {
      authorization: owner,
    });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain(`incident-${INCIDENT}-breach`);
    expect(report.text).toContain('PHIPA s.12(2)');
    const pdf = await fetch(`${t.url}/api/incidents/${INCIDENT}/reports/post-incident?format=pdf`, {
      headers: { authorization: owner },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const letters = await t.get(`/api/incidents/${INCIDENT}/letters`, { authorization: owner });
    const kinds = letters.body.items.map((l: { kind: string }) => l.kind);
    expect(kinds).toEqual(expect.arrayContaining(['phipa-individual', 'ipc']));
    const notice = await t.get(`/api/incidents/${INCIDENT}/letters/phipa-individual`, {
      authorization: owner,
    });
    expect(notice.text).toMatch(/Information and Privacy Commissioner of Ontario/);
    expect(notice.text).not.toContain('health card numbers emailed');
    const bad = await t.get(`/api/incidents/${INCIDENT}/letters/telegram`, {
      authorization: owner,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/hipaa-individual/);
    const exports = (await t.audit('incident.export')).map((e) => e.details.document);
    expect(exports).toEqual(
      expect.arrayContaining(['report.breach', 'report.post-incident', 'letter.phipa-individual']),
    );
  });
});
