import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { runCli } from '../../bot/src/cli/main.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

async function cli(args: string[], env: Record<string, string>) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await runCli(args, out, err, env);
  return { code, stdout, stderr };
}

describe.each(ENGINES)('cockpit CLI on $name', (engine) => {
  let t: TestStore;
  afterEach(async () => t?.dispose());

  const envOf = (s: TestStore): Record<string, string> => ({
    DATA_DIR: s.dataDir,
    ...(s.databaseUrl ? { DATABASE_URL: s.databaseUrl } : {}),
  });

  it('audit-verify exits 0 on an intact chain and 1 naming the first broken seq', async () => {
    t = await engine.create();
    const trail = new AuditTrail(new AuditRepository(t.store), () => new Date());
    for (let i = 1; i <= 5; i += 1) {
      await trail.append({
        actor: { id: 'u1', name: 'Casey', kind: 'user' },
        roles: ['ClinicalUser'],
        action: 'command.whoami',
        target: { type: 'conversation', id: `c${i}` },
        dataClass: null,
        outcome: 'allowed',
        channel: 'bot',
        requestId: null,
        details: {},
      });
    }
    const ok = await cli(['audit-verify'], envOf(t));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, entries: 5, firstBrokenSeq: null });

    await sql`update audit_log set target_id = 'forged' where seq = 4`.execute(t.store.db);
    const broken = await cli(['audit-verify'], envOf(t));
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    expect(broken.stderr).toContain('BROKEN at seq 4');

    const exported = await cli(['audit-export'], envOf(t));
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    const csv = await cli(['audit-export', '--format', 'csv'], envOf(t));
    expect(csv.stdout.split('\n')[0]).toMatch(/^seq,ts,actorId/);
  });

  it('migrate says the store is up to date once migrated', async () => {
    t = await engine.create();
    const r = await cli(['migrate'], envOf(t));
    expect(r).toMatchObject({ code: 0, stdout: 'Store is up to date.\n' });
  });
});

describe('cockpit CLI usage', () => {
  it('exits 2 on bad usage and on commands that are not built yet', async () => {
    expect((await cli([], {})).code).toBe(2);
    expect((await cli(['frobnicate'], {})).stderr).toContain('Unknown command "frobnicate"');
    const later = await cli(['report', 'daily'], {});
    expect(later.code).toBe(2);
    expect(later.stderr).toContain('compliance reports');
    expect((await cli(['audit-export', '--format', 'xml'], {})).code).toBe(2);
    expect((await cli(['audit-verify'], { PORT: 'nope' })).code).toBe(2);
  });
});
