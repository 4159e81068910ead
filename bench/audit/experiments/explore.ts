// Temporary exploration script (not registered): times verify variants on a persistent chain.
import { createHash, hash } from 'node:crypto';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { ChainVerifier, entryHashInput, type AuditEntry } from '../../../core/audit/index.js';
import { AuditTrail } from '../../../bot/src/services/audit-trail.js';
import { AuditRepository, fromRow, sha256Hex } from '../../../bot/src/store/audit-repo.js';
import { Store } from '../../../bot/src/store/database.js';
import { pgServerUrl } from '../../lib/engines.js';
import { fillChain } from '../fill.js';
import { fastCanonicalJson, fastEntryHashInput, rowHashInput } from './fast-hash-input.js';

const N = Number(process.env.N ?? 1_000_000);
const engine = process.argv[2] ?? 'sqlite';
const only = process.argv.slice(3);

async function open(): Promise<Store> {
  if (engine === 'sqlite') return Store.open({ databaseUrl: null, dataDir: '/tmp/bench-exp-sqlite' });
  const url = new URL(pgServerUrl());
  url.searchParams.set('options', '-c search_path=bench_exp');
  const admin = Store.open({ databaseUrl: pgServerUrl(), dataDir: '/tmp' });
  await sql`create schema if not exists bench_exp`.execute(admin.db);
  await admin.close();
  return Store.open({ databaseUrl: url.toString(), dataDir: '/tmp' });
}

const sha1 = (t: string): string => hash('sha256', t, 'hex');

async function walk<T>(
  fetch: (after: number) => Promise<T[]>,
  check: (row: T, prev: string) => string,
  seqOf: (row: T) => number,
  prefetch = false,
): Promise<number> {
  let prev = '0'.repeat(64);
  let count = 0;
  let after = 0;
  let next = fetch(after);
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    after = seqOf(page[page.length - 1] as T);
    if (prefetch) next = fetch(after);
    for (const row of page) {
      prev = check(row, prev);
      count += 1;
    }
    if (!prefetch) next = fetch(after);
  }
  await next;
  return count;
}

async function main(): Promise<void> {
  const store = await open();
  await store.migrate();
  const repo = new AuditRepository(store);
  const head = await repo.head();
  if (head.seq < N) await fillChain(repo, N - head.seq, engine);
  const trail = new AuditTrail(repo, () => new Date());
  const rawPage = (size: number) => (after: number) =>
    store.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(size).execute();
  type Row = Awaited<ReturnType<ReturnType<typeof rawPage>>>[number];
  const checkRow = (sha: (t: string) => string) => (r: Row, prev: string): string => {
    if (r.prev_hash !== prev || sha(r.prev_hash + rowHashInput(r)) !== r.hash) throw new Error(`bad ${r.seq}`);
    return r.hash;
  };
  const checkEntry = (input: (e: AuditEntry) => string, sha: (t: string) => string) =>
    (e: AuditEntry, prev: string): string => {
      if (e.prevHash !== prev || sha(e.prevHash + input(e)) !== e.hash) throw new Error(`bad ${e.seq}`);
      return e.hash;
    };
  const variants: Record<string, () => Promise<unknown>> = {
    baseline5k: () => trail.verify(5000),
    baseline20k: () => trail.verify(20000),
    baseline1k: () => trail.verify(1000),
    fastCanon: async () => {
      const v = new ChainVerifier(sha256Hex);
      let after = 0;
      for (;;) {
        const page = await repo.page(after, 5000);
        if (page.length === 0 || !v.feed(page)) break;
        after = (page[page.length - 1] as AuditEntry).seq;
      }
      return v.result();
    },
    entryFastInput: () => walk((a) => repo.page(a, 5000), checkEntry(fastEntryHashInput, sha256Hex), (e) => e.seq),
    entryFastInputHash: () => walk((a) => repo.page(a, 5000), checkEntry(fastEntryHashInput, sha1), (e) => e.seq),
    entryFastInputHashPrefetch: () =>
      walk((a) => repo.page(a, 5000), checkEntry(fastEntryHashInput, sha1), (e) => e.seq, true),
    entryOrigInputHash: () => walk((a) => repo.page(a, 5000), checkEntry(entryHashInput, sha1), (e) => e.seq),
    rowInput: () => walk(rawPage(5000), checkRow(sha256Hex), (r) => Number(r.seq)),
    rowInputHash: () => walk(rawPage(5000), checkRow(sha1), (r) => Number(r.seq)),
    rowInputHashPrefetch: () => walk(rawPage(5000), checkRow(sha1), (r) => Number(r.seq), true),
    rowInputHash20k: () => walk(rawPage(20000), checkRow(sha1), (r) => Number(r.seq)),
    rowInputHash20kPrefetch: () => walk(rawPage(20000), checkRow(sha1), (r) => Number(r.seq), true),
    queryOnly: () => walk(rawPage(5000), () => '', (r) => Number(r.seq)),
    queryOnly20k: () => walk(rawPage(20000), () => '', (r) => Number(r.seq)),
    queryFromRow: () => walk((a) => repo.page(a, 5000), () => '', (e) => e.seq),
    hashOnlyCreateHash: async () => { for (let i = 0; i < N; i++) createHash('sha256').update('x'.repeat(64) + i + '{"action":"incident.view","actor":{"id":"aad-00000001","kind":"user","name":"User 1"},"channel":"tab","dataClass":"business","details":{"attempt":1,"phase":"containment","severity":"High","taskId":"t-1"},"outcome":"allowed","prevHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","requestId":"req-0000000001","roles":["ClinicalUser"],"seq":1,"target":{"id":"INC-100001","type":"incident"},"ts":"2025-01-01T00:00:00.250Z"}').digest('hex'); },
    hashOnlyOneShot: async () => { for (let i = 0; i < N; i++) hash('sha256', 'x'.repeat(64) + i + '{"action":"incident.view","actor":{"id":"aad-00000001","kind":"user","name":"User 1"},"channel":"tab","dataClass":"business","details":{"attempt":1,"phase":"containment","severity":"High","taskId":"t-1"},"outcome":"allowed","prevHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","requestId":"req-0000000001","roles":["ClinicalUser"],"seq":1,"target":{"id":"INC-100001","type":"incident"},"ts":"2025-01-01T00:00:00.250Z"}', 'hex'); },
  };
  if (engine === 'sqlite') {
    const file = path.join('/tmp/bench-exp-sqlite', 'cockpit.db');
    const db = new SqliteDatabase(file, { readonly: true });
    const bySeq = db.prepare('select * from audit_log where seq > ? order by seq limit ?');
    const byRowid = db.prepare('select * from audit_log where rowid > ? order by rowid limit ?');
    variants.sqliteRawSeq = async () => walk(async (a) => bySeq.all(a, 5000) as Row[], () => '', (r) => Number(r.seq));
    variants.sqliteRawRowid = async () => { let a = 0; for (;;) { const rows = byRowid.all(a, 5000) as { seq: number }[]; if (!rows.length) break; a += rows.length; } };
    variants.sqliteExplain = async () => console.log(db.prepare('explain query plan select * from audit_log where seq > ? order by seq limit ?').all(0, 5));
  }
  // correctness of the fast encoders against the originals, on the first page
  const page = await repo.page(0, 5000);
  const raws = await rawPage(5000)(0);
  page.forEach((e, i) => {
    if (fastEntryHashInput(e) !== entryHashInput(e)) throw new Error('fastEntryHashInput differs');
    if (rowHashInput(raws[i] as Row) !== entryHashInput(e)) throw new Error('rowHashInput differs');
    if (fastCanonicalJson(e) !== JSON.stringify(JSON.parse(fastCanonicalJson(e)))) throw new Error('x');
  });
  for (const [name, run] of Object.entries(variants)) {
    if (only.length && !only.includes(name)) continue;
    const t = performance.now();
    await run();
    console.log(`${engine} ${name.padEnd(28)} ${((performance.now() - t) / 1000).toFixed(2)} s`);
  }
  await store.close();
}

await main();
