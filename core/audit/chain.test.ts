import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RecordClass, Role } from '../access/matrix.js';
import { canonicalJson, type Json } from './canonical.js';
import { ChainVerifier, EMPTY_HEAD, linkEntries, type VerifyResult } from './chain.js';
import {
  AUDIT_CHANNELS,
  AUDIT_OUTCOMES,
  type AuditDraft,
  type AuditEntry,
  GENESIS_HASH,
} from './entry.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON values as `JSON.parse` gives them (so `-0` has become `0`), with any UTF-16 strings. */
const jsonValue = fc
  .jsonValue({ stringUnit: 'binary', maxDepth: 4 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Json);

/** A deep copy of a JSON value with every object's keys in a seeded random order. */
function shuffleKeys(value: Json, seed: number): Json {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v).map(([k, x]): [string, Json] => [k, walk(x)]);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries) as Json;
  };
  return walk(value);
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1, y: 2 }, gone: undefined })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":1}}',
    );
    expect(canonicalJson({ '10': 1, '9': 2, a: 3 })).toBe('{"10":1,"9":2,"a":3}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('orders keys by UTF-16 code units', () => {
    const keys = ['\ufb01', '😀', 'é', 'z', 'Z'];
    const text = canonicalJson(Object.fromEntries(keys.map((k) => [k, 0])));
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['Z', 'z', 'é', '😀', '\ufb01']);
  });

  it('writes -0 as 0, as JSON does', () => {
    expect(canonicalJson(-0)).toBe('0');
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p, also nested', (bad) => {
    expect(() => canonicalJson(bad)).toThrow(TypeError);
    expect(() => canonicalJson({ ok: 1, deep: [{ bad }] })).toThrow(/finite/);
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('parses back to the same value', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});

const ROLE_SETS: Role[][] = [
  [],
  ['PracticeOwner'],
  ['ClinicalUser', 'BusinessUser'],
  ['SystemUser'],
];
const CLASSES: (RecordClass | null)[] = ['clinical', 'business', 'unclassified', null];

const draft = (i: number): AuditDraft => ({
  actor: { id: `aad-${i % 3}`, name: `User ${i % 3}`, kind: i % 5 === 0 ? 'system' : 'user' },
  roles: ROLE_SETS[i % ROLE_SETS.length]!,
  action: i % 2 ? 'incident.ack' : 'incident.read',
  target: { type: 'incident', id: String(40 + i) },
  dataClass: CLASSES[i % CLASSES.length]!,
  outcome: AUDIT_OUTCOMES[i % AUDIT_OUTCOMES.length]!,
  channel: AUDIT_CHANNELS[i % AUDIT_CHANNELS.length]!,
  requestId: i % 4 === 0 ? null : `req-${i}`,
  details: { n: i, note: 'ok', nested: { b: 2, a: [1, 'x'] } },
});

function chain(length: number): AuditEntry[] {
  const drafts = Array.from({ length }, (_, i) => ({
    draft: draft(i),
    ts: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  }));
  return linkEntries(sha256, EMPTY_HEAD, drafts);
}

function verify(entries: readonly AuditEntry[], pageSizes: readonly number[] = []): VerifyResult {
  const verifier = new ChainVerifier(sha256);
  let at = 0;
  for (const size of pageSizes) {
    verifier.feed(entries.slice(at, at + size));
    at += size;
  }
  verifier.feed(entries.slice(at));
  return verifier.result();
}

const flipHex = (hex: string): string => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

/** One way to change each field of an entry; every one must break the chain at that entry. */
const TAMPER: Record<string, (e: AuditEntry) => AuditEntry> = {
  seq: (e) => ({ ...e, seq: e.seq + 1000 }),
  ts: (e) => ({ ...e, ts: '2030-01-01T00:00:00.000Z' }),
  'actor.id': (e) => ({ ...e, actor: { ...e.actor, id: 'intruder' } }),
  'actor.name': (e) => ({ ...e, actor: { ...e.actor, name: 'Someone Else' } }),
  'actor.kind': (e) => ({
    ...e,
    actor: { ...e.actor, kind: e.actor.kind === 'user' ? 'system' : 'user' },
  }),
  roles: (e) => ({ ...e, roles: e.roles.length > 0 ? e.roles.slice(1) : ['PracticeOwner'] }),
  action: (e) => ({ ...e, action: 'incident.close' }),
  'target.type': (e) => ({ ...e, target: { ...e.target, type: 'report' } }),
  'target.id': (e) => ({ ...e, target: { ...e.target, id: '999' } }),
  dataClass: (e) => ({ ...e, dataClass: e.dataClass === 'system' ? 'personal' : 'system' }),
  outcome: (e) => ({ ...e, outcome: e.outcome === 'allowed' ? 'denied' : 'allowed' }),
  channel: (e) => ({ ...e, channel: e.channel === 'tab' ? 'bot' : 'tab' }),
  requestId: (e) => ({ ...e, requestId: e.requestId === null ? 'forged' : null }),
  details: (e) => ({ ...e, details: { ...e.details, note: 'edited' } }),
  prevHash: (e) => ({ ...e, prevHash: flipHex(e.prevHash) }),
  hash: (e) => ({ ...e, hash: flipHex(e.hash) }),
};

describe('linkEntries', () => {
  it('starts at seq 1 from the genesis hash and hashes sha256(prevHash ‖ canonical JSON)', () => {
    const [first, second] = chain(2);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    const { hash, ...unhashed } = first!;
    expect(hash).toBe(sha256(GENESIS_HASH + canonicalJson(unhashed)));
    expect(second).toMatchObject({ seq: 2, prevHash: hash });
  });

  it('continues a chain from its head', () => {
    const firstPart = chain(3);
    const last = firstPart[2]!;
    const more = linkEntries(sha256, { seq: last.seq, hash: last.hash }, [
      { draft: draft(7), ts: '2025-02-01T00:00:00.000Z' },
    ]);
    expect(more[0]).toMatchObject({ seq: 4, prevHash: last.hash });
    expect(verify([...firstPart, ...more])).toMatchObject({ ok: true, entries: 4 });
  });
});

describe('ChainVerifier', () => {
  it('accepts an empty chain', () => {
    expect(verify([])).toEqual({
      ok: true,
      entries: 0,
      head: GENESIS_HASH,
      firstBrokenSeq: null,
      problem: null,
    });
  });

  it('accepts a linked chain and reports its head', () => {
    const entries = chain(25);
    expect(verify(entries)).toEqual({
      ok: true,
      entries: 25,
      head: entries[24]!.hash,
      firstBrokenSeq: null,
      problem: null,
    });
  });

  it('accepts details whose keys came back from the store in another order', () => {
    const entries = chain(3).map((e) => ({
      ...e,
      details: shuffleKeys(e.details, 7) as AuditEntry['details'],
    }));
    entries[1] = { ...entries[1]!, details: { nested: { a: [1, 'x'], b: 2 }, note: 'ok', n: 1 } };
    expect(verify(entries).ok).toBe(true);
  });

  it('gives the same result page by page as all at once, intact or tampered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        (length, pageSizes, tamperAt) => {
          const entries = chain(length);
          if (tamperAt !== undefined && length > 0) {
            const i = tamperAt % length;
            entries[i] = TAMPER.details!(entries[i]!);
          }
          expect(verify(entries, pageSizes)).toEqual(verify(entries));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the seq of the entry whose field was changed', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 20 })
          .chain((length) => fc.tuple(fc.constant(length), fc.nat({ max: length - 1 }))),
        fc.constantFrom(...Object.keys(TAMPER)),
        ([length, index], field) => {
          const entries = chain(length);
          const seq = entries[index]!.seq;
          entries[index] = TAMPER[field]!(entries[index]!);
          const result = verify(entries);
          expect(result.ok).toBe(false);
          expect(result.firstBrokenSeq).toBe(seq);
          expect(result.entries).toBe(index);
          expect(result.problem).toEqual(expect.any(String));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the seq of a removed entry', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 20 })
          .chain((length) => fc.tuple(fc.constant(length), fc.nat({ max: length - 2 }))),
        ([length, index]) => {
          const entries = chain(length);
          const [removed] = entries.splice(index, 1);
          const result = verify(entries);
          expect(result).toMatchObject({ ok: false, firstBrokenSeq: removed!.seq });
          expect(result.problem).toMatch(/missing/);
        },
      ),
    );
  });

  it('catches a rewritten entry whose hash was recomputed at the next link', () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, action: 'incident.close' };
    const { hash: _old, ...unhashed } = forged;
    entries[1] = { ...forged, hash: sha256(forged.prevHash + canonicalJson(unhashed)) };
    expect(verify(entries)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('catches a replayed entry', () => {
    const entries = chain(4);
    entries.splice(2, 0, entries[1]!);
    expect(verify(entries)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('stays broken when more pages arrive', () => {
    const entries = chain(6);
    entries[1] = TAMPER.ts!(entries[1]!);
    const verifier = new ChainVerifier(sha256);
    expect(verifier.feed(entries.slice(0, 3))).toBe(false);
    expect(verifier.feed(entries.slice(3))).toBe(false);
    expect(verifier.result()).toMatchObject({ ok: false, firstBrokenSeq: 2, entries: 1 });
  });
});
