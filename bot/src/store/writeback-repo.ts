import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { IncidentChange } from '../../../core/incidents/index.js';
import type { Store } from './database.js';
import type { SentinelWritebacksTable } from './schema.js';

export type WritebackStatus = SentinelWritebacksTable['status'];

/** A Teams action waiting to be applied to (or applied to, or given up on) a Sentinel incident. */
export interface WritebackItem {
  id: string;
  seq: number;
  dedupeKey: string;
  incidentName: string;
  armId: string;
  change: IncidentChange;
  /** The incident comment; null for the default one naming the actor. */
  comment: string | null;
  actor: string;
  status: WritebackStatus;
  attempts: number;
  nextAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface WritebackInput {
  /** The same key enqueued twice is one write-back: callers derive it from the action. */
  dedupeKey: string;
  incidentName: string;
  armId: string;
  change: IncidentChange;
  comment: string | null;
  /** The Teams user who acted (display name, and UPN when known). */
  actor: string;
}

const TABLE = 'sentinel_writebacks';

/**
 * The durable queue of Sentinel write-backs. A row stays `pending` until ARM took the change and
 * the comment; a taken row is leased, not removed, so a worker that dies mid-call leaves it to be
 * retried after the lease. One incident's rows are taken one at a time, in enqueue order, so a
 * close never lands before the acknowledgement queued ahead of it.
 */
export class WritebackRepository {
  constructor(private readonly store: Store) {}

  /** Queues a write-back due now; a dedupe key already queued (in any state) is a no-op. */
  async enqueue(input: WritebackInput, now: Date): Promise<{ id: string; created: boolean }> {
    const at = now.toISOString();
    return this.store.withWriteLock(TABLE, async (trx) => {
      const existing = await trx
        .selectFrom(TABLE)
        .select('id')
        .where('dedupe_key', '=', input.dedupeKey)
        .executeTakeFirst();
      if (existing) return { id: existing.id, created: false };
      const last = await trx
        .selectFrom(TABLE)
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const id = randomUUID();
      await trx
        .insertInto(TABLE)
        .values({
          id,
          seq: Number(last?.seq ?? 0) + 1,
          dedupe_key: input.dedupeKey,
          incident_name: input.incidentName,
          arm_id: input.armId,
          change: JSON.stringify(input.change),
          comment: input.comment,
          actor: input.actor,
          status: 'pending',
          attempts: 0,
          next_at: at,
          lease_until: null,
          last_error: null,
          created_at: at,
          done_at: null,
        })
        .execute();
      return { id, created: true };
    });
  }

  /**
   * Takes due rows for one worker until `leaseUntil`, so another instance does not take them
   * too, and a worker that dies mid-call has them retried after the lease. A row waits while an
   * earlier row of the same incident is still pending.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<WritebackItem[]> {
    const at = now.toISOString();
    return this.store.withWriteLock(TABLE, async (trx) => {
      const rows = await trx
        .selectFrom(`${TABLE} as w`)
        .selectAll('w')
        .where('w.status', '=', 'pending')
        .where('w.next_at', '<=', at)
        .where((eb) => eb.or([eb('w.lease_until', 'is', null), eb('w.lease_until', '<=', at)]))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom(`${TABLE} as earlier`)
                .select('earlier.id')
                .whereRef('earlier.arm_id', '=', 'w.arm_id')
                .where('earlier.status', '=', 'pending')
                .whereRef('earlier.seq', '<', 'w.seq'),
            ),
          ),
        )
        .orderBy('w.next_at')
        .orderBy('w.seq')
        .limit(limit)
        .execute();
      if (rows.length > 0) {
        await trx
          .updateTable(TABLE)
          .set({ lease_until: leaseUntil.toISOString() })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      }
      return rows.map((r) => toItem({ ...r, lease_until: leaseUntil.toISOString() }));
    });
  }

  /** ARM has the change and the comment. */
  async markDone(id: string, now: Date): Promise<void> {
    await this.store.db
      .updateTable(TABLE)
      .set({ status: 'done', done_at: now.toISOString(), lease_until: null, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  /** A failed try that may succeed later: the row is due again at `nextAt`. */
  async reschedule(id: string, attempts: number, nextAt: Date, error: string): Promise<void> {
    await this.store.db
      .updateTable(TABLE)
      .set({ attempts, next_at: nextAt.toISOString(), lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Gives up on a row: it stays visible in the dead-letter list with why. */
  async markDead(id: string, error: string, attempts: number): Promise<void> {
    await this.store.db
      .updateTable(TABLE)
      .set({ status: 'dead', last_error: error, attempts, lease_until: null })
      .where('id', '=', id)
      .execute();
  }

  /** What /readyz can show: write-backs waiting and write-backs given up on. */
  async health(): Promise<{ pending: number; dead: number }> {
    const rows = await this.store.db
      .selectFrom(TABLE)
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('status', 'in', ['pending', 'dead'])
      .groupBy('status')
      .execute();
    const count = (status: WritebackStatus) =>
      Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: count('pending'), dead: count('dead') };
  }

  /** Dead letters, newest first. */
  async listDead(limit: number): Promise<WritebackItem[]> {
    const rows = await this.store.db
      .selectFrom(TABLE)
      .selectAll()
      .where('status', '=', 'dead')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }

  async get(id: string): Promise<WritebackItem | null> {
    const row = await this.store.db
      .selectFrom(TABLE)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }
}

function toItem(row: Selectable<SentinelWritebacksTable>): WritebackItem {
  return {
    id: row.id,
    seq: Number(row.seq),
    dedupeKey: row.dedupe_key,
    incidentName: row.incident_name,
    armId: row.arm_id,
    change: JSON.parse(row.change) as IncidentChange,
    comment: row.comment,
    actor: row.actor,
    status: row.status,
    attempts: Number(row.attempts),
    nextAt: row.next_at,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}
