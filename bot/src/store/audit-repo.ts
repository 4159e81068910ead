import { hash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  type AuditDraft,
  type AuditEntry,
  canonicalJson,
  type ChainHead,
  type ChainLink,
  EMPTY_HEAD,
  linkEntries,
  linkHashInput,
} from '../../../core/audit/index.js';
import type { RecordClass, Role } from '../../../core/access/index.js';
import type { Store, StoreOptions } from './database.js';
import type { AuditLogTable, Database } from './schema.js';

/** One-shot SHA-256 (Node >= 20.12): no Hash object per entry. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  afterSeq?: number;
  limit: number;
}

/** Reads and appends audit rows. Nothing here updates or deletes an entry. */
export class AuditRepository {
  constructor(private readonly store: Store) {}

  /**
   * Appends drafts as the next links of the chain, in one transaction under the chain's write
   * lock, so concurrent appenders (connections, processes, instances) never fork it.
   */
  async append(drafts: readonly { draft: AuditDraft; ts: string }[]): Promise<AuditEntry[]> {
    return this.store.transaction((trx) => this.appendWithin(trx, drafts));
  }

  /**
   * As `append`, inside a transaction of `Store.transaction` that the caller commits: the entries
   * are stored with the caller's own writes or not at all. The chain lock is held from here to
   * that commit, so call it last in the transaction.
   */
  async appendWithin(
    trx: Kysely<Database>,
    drafts: readonly { draft: AuditDraft; ts: string }[],
  ): Promise<AuditEntry[]> {
    if (drafts.length === 0) return [];
    await this.store.lockWithin(trx, 'audit_log');
    const head = await readHead(trx);
    const entries = linkEntries(sha256Hex, head, drafts);
    for (let i = 0; i < entries.length; i += 500) {
      await trx
        .insertInto('audit_log')
        .values(entries.slice(i, i + 500).map(toRow))
        .execute();
    }
    return entries;
  }

  /** How to open another connection to the same store (for verification workers). */
  storeOptions(): StoreOptions {
    return this.store.options;
  }

  async head(): Promise<ChainHead> {
    return readHead(this.store.db);
  }

  /** Entries with seq > afterSeq, in seq order. */
  async page(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Links with seq > afterSeq, built from rows as stored: `roles` and `details` are hashed as
   * their stored text, so verification checks exactly what is on disk without re-encoding.
   */
  async linkPage(afterSeq: number, limit: number): Promise<ChainLink[]> {
    const rows = await this.store.rawRows(LINK_PAGE_SQL, [afterSeq, limit]);
    return rows.map(rowToLink);
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    let query = this.store.db.selectFrom('audit_log').selectAll();
    if (q.from) query = query.where('ts', '>=', q.from);
    if (q.to) query = query.where('ts', '<', q.to);
    if (q.actor) query = query.where('actor_id', '=', q.actor);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
    const rows = await query.orderBy('seq').limit(q.limit).execute();
    return rows.map(fromRow);
  }
}

async function readHead(db: Kysely<Database>): Promise<ChainHead> {
  const row = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : EMPTY_HEAD;
}

function toRow(entry: AuditEntry): AuditLogTable {
  return {
    seq: entry.seq,
    ts: entry.ts,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    actor_kind: entry.actor.kind,
    roles: canonicalJson([...entry.roles]),
    action: entry.action,
    target_type: entry.target.type,
    target_id: entry.target.id,
    data_class: entry.dataClass,
    outcome: entry.outcome,
    channel: entry.channel,
    request_id: entry.requestId,
    details: canonicalJson(entry.details),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** The columns a link needs, in a fixed order (the driver hands rows back as arrays). */
const LINK_PAGE_SQL =
  'select seq, ts, actor_id, actor_name, actor_kind, roles, action, target_type, target_id, ' +
  'data_class, outcome, channel, request_id, details, prev_hash, hash ' +
  'from audit_log where seq > $1 order by seq limit $2';

function rowToLink(r: unknown[]): ChainLink {
  const seq = Number(r[0]);
  const prevHash = r[14] as string;
  const input = linkHashInput(
    {
      seq,
      ts: r[1] as string,
      actor: { id: r[2] as string, name: r[3] as string, kind: r[4] as 'user' | 'system' },
      action: r[6] as string,
      target: { type: r[7] as string, id: r[8] as string },
      dataClass: r[9] as RecordClass | null,
      outcome: r[10] as AuditEntry['outcome'],
      channel: r[11] as AuditEntry['channel'],
      requestId: r[12] as string | null,
      prevHash,
    },
    r[5] as string,
    r[13] as string,
  );
  return { seq, prevHash, hash: r[15] as string, input };
}

/** A row back to an entry exactly as it was hashed (tampered rows then fail verification). */
export function fromRow(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(row.seq),
    ts: row.ts,
    actor: { id: row.actor_id, name: row.actor_name, kind: row.actor_kind },
    roles: JSON.parse(row.roles) as Role[],
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    dataClass: row.data_class as RecordClass | null,
    outcome: row.outcome as AuditEntry['outcome'],
    channel: row.channel as AuditEntry['channel'],
    requestId: row.request_id,
    details: JSON.parse(row.details) as AuditEntry['details'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
