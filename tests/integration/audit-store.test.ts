import { afterEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { AuditDraft } from '../../core/audit/index.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

const draft = (i: number, actor = 'u1'): AuditDraft => ({
  actor: { id: actor, name: `User ${actor}`, kind: 'user' },
  roles: ['ClinicalUser'],
  action: 'incident.read',
  target: { type: 'incident', id: String(i) },
  dataClass: 'clinical',
  outcome: 'allowed',
  channel: 'tab',
  requestId: `r-${i}`,
  details: { n: i, note: 'ok', nested: { b: 2, a: [1, 'x'] } },
});

describe.each(ENGINES)('audit trail on $name', (engine) => {
  let t: TestStore;
  afterEach(async () => t?.dispose());

  it('keeps one unbroken chain under concurrent appends from several instances', async () => {
    t = await engine.create();
    const trails = [t.store, t.reopen(), t.reopen()].map(
      (store) => new AuditTrail(new AuditRepository(store), () => new Date()),
    );
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        trails[i % trails.length]!.append(draft(i, `u${i % 7}`)),
      ),
    );
    const result = await trails[0]!.verify();
    expect(result).toMatchObject({ ok: true, entries: 300, firstBrokenSeq: null });
    const seqs = (await new AuditRepository(t.store).page(0, 1000)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('names the first tampered seq: changed content, deleted row, rewritten hash', async () => {
    t = await engine.create();
    const trail = new AuditTrail(new AuditRepository(t.store), () => new Date());
    for (let i = 0; i < 20; i += 1) await trail.append(draft(i));
    expect((await trail.verify()).ok).toBe(true);

    await sql`update audit_log set details = ${'{"n":99}'} where seq = 12`.execute(t.store.db);
    expect(await trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 12, entries: 11 });

    await sql`update audit_log set actor_name = 'Someone else' where seq = 7`.execute(t.store.db);
    expect((await trail.verify()).firstBrokenSeq).toBe(7);

    await sql`delete from audit_log where seq = 3`.execute(t.store.db);
    expect((await trail.verify()).firstBrokenSeq).toBe(3);
  });

  it('an entry read back is byte-for-byte what was hashed', async () => {
    t = await engine.create();
    const trail = new AuditTrail(
      new AuditRepository(t.store),
      () => new Date('2026-12-04T10:00:00.123Z'),
    );
    const written = await trail.append(draft(1));
    const [read] = await new AuditRepository(t.store).page(0, 10);
    expect(read).toEqual(written);
    expect(read?.ts).toBe('2026-12-04T10:00:00.123Z');
  });
});
