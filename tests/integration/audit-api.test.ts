import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { PEOPLE } from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { startTestService, type TestService } from '../helpers/service.js';

describe.each(ENGINES)('audit API on $name', (engine) => {
  let t: TestService;
  const bearer = async (aadObjectId: string): Promise<Record<string, string>> => {
    const { body } = await t.post('/api/dev/token', { aadObjectId });
    return { authorization: `Bearer ${body.token as string}` };
  };

  beforeAll(async () => {
    t = await startTestService({ engine });
  });
  afterAll(async () => t?.dispose());

  it('lets the owner search the trail page by page, and filters by actor and action', async () => {
    const owner = await bearer(PEOPLE.owner.aadObjectId);
    await bearer(PEOPLE.clinician.aadObjectId);
    await bearer(PEOPLE.business.aadObjectId);
    const first = await t.get('/api/audit?limit=2', owner);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    const second = await t.get(`/api/audit?limit=2&cursor=${first.body.next as string}`, owner);
    expect(second.body.items[0].seq).toBe(3);

    const signIns = await t.get(
      `/api/audit?action=auth.dev_sign_in&actor=${PEOPLE.clinician.aadObjectId}`,
      owner,
    );
    expect(signIns.body.items).toHaveLength(1);
    expect(signIns.body.items[0]).toMatchObject({
      outcome: 'allowed',
      actor: { name: 'Casey Clinician' },
    });
    expect(signIns.body.next).toBeNull();
  });

  it('refuses a bad query with a message naming the parameter', async () => {
    const owner = await bearer(PEOPLE.owner.aadObjectId);
    const bad = await t.get('/api/audit?from=yesterday&limit=9999', owner);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from/);
    expect(bad.body.error.message).toMatch(/limit/);
  });

  it('denies everyone but the owner, and audits the denial', async () => {
    for (const person of [PEOPLE.clinician, PEOPLE.business]) {
      const headers = await bearer(person.aadObjectId);
      for (const path of ['/api/audit', '/api/audit/verify', '/api/audit/export']) {
        const denied = await t.get(path, headers);
        expect(denied.status).toBe(403);
        expect(denied.body.error.code).toBe('forbidden');
      }
    }
    const denials = (await t.audit('access.read')).filter((e) => e.outcome === 'denied');
    expect(denials.map((e) => e.actor.name)).toEqual(
      expect.arrayContaining(['Casey Clinician', 'Blake Business']),
    );
    expect(denials.every((e) => e.dataClass === 'system')).toBe(true);
  });

  it('verifies the chain, exports it, and reports tampering by seq', async () => {
    const owner = await bearer(PEOPLE.owner.aadObjectId);
    const verified = await t.get('/api/audit/verify', owner);
    expect(verified.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(verified.body.entries).toBeGreaterThan(5);

    const exported = await t.get('/api/audit/export?format=jsonl', owner);
    expect(exported.headers.get('content-type')).toMatch(/ndjson/);
    const lines = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));

    await t.service.audit.drain();
    await sql`update audit_log set action = 'tampered' where seq = 2`.execute(t.service.store.db);
    const broken = await t.get('/api/audit/verify', owner);
    expect(broken.body).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
