import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Store } from './database.js';
import type { Database, OutboxTable } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';

export type OutboxKind = OutboxTable['kind'];
export type OutboxStatus = OutboxTable['status'];

/** An outbound Teams call waiting in (or gone through) the outbox. */
export interface OutboxItem {
  id: string;
  conversationId: string;
  kind: OutboxKind;
  incidentNumber: number | null;
  dedupeKey: string;
  activity: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  activityId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Set when an alert storm folded this card into a digest: the digest's row id. */
  foldedInto: string | null;
  leasedUntil: string | null;
}

/** A conversation's queue: how many calls wait, and since when the oldest has waited. */
export interface Backlog {
  conversationId: string;
  pending: number;
  oldestCreatedAt: string;
}

/** Cards folded into one digest: the rows it stands for and the digest call itself. */
export interface Fold {
  rowIds: string[];
  digest: EnqueueInput;
}

export interface EnqueueInput {
  conversationId: string;
  kind: OutboxKind;
  incidentNumber: number | null;
  /** The same key enqueued twice is one call: callers derive it from what the call is about. */
  dedupeKey: string;
  activity: Record<string, unknown>;
}

/**
 * The durable outbox every outbound Teams call goes through, and the one live card of each
 * incident in each conversation. Rows stay `pending` until the call is known to have succeeded.
 */
export class OutboxRepository {
  constructor(private readonly store: Store) {}

  /** Queues a call due now; a dedupe key already queued (in any state) is a no-op. */
  async enqueue(input: EnqueueInput, now: Date): Promise<{ id: string; created: boolean }> {
    const at = now.toISOString();
    const result = await this.store.db
      .insertInto('outbox')
      .values(newRow(timeOrderedId(), input, at))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    const row = await this.store.db
      .selectFrom('outbox')
      .select('id')
      .where('dedupe_key', '=', input.dedupeKey)
      .executeTakeFirstOrThrow();
    return { id: row.id, created: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
  }

  /**
   * Queues calls due now, in this order, in one transaction (or inside `trx`, the caller's
   * transaction of `Store.transaction`, to commit with its writes). Dedupe keys already queued
   * are no-ops; returns how many calls were queued.
   */
  async enqueueMany(
    inputs: readonly EnqueueInput[],
    now: Date,
    trx?: Kysely<Database>,
  ): Promise<number> {
    if (inputs.length === 0) return 0;
    const at = now.toISOString();
    // Time-ordered ids: rows queued in the same millisecond are sent in the order given.
    const rows = inputs.map((input) => newRow(timeOrderedId(), input, at));
    const insert = async (db: Kysely<Database>): Promise<number> => {
      let created = 0;
      for (let i = 0; i < rows.length; i += 50) {
        const done = await db
          .insertInto('outbox')
          .values(rows.slice(i, i + 50))
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .execute();
        created += done.length;
      }
      return created;
    };
    return trx ? insert(trx) : this.store.transaction(insert);
  }

  /**
   * Takes due rows for one sender: they are leased until `leaseUntil`, so another instance does
   * not take them too, and a sender that dies mid-call has them retried after the lease.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxItem[]> {
    return this.store.withWriteLock('outbox', async (trx) => {
      // Pending rows due by `now`, soonest first (then oldest first).
      const rows = await trx
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now.toISOString())
        .where((eb) =>
          eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now.toISOString())]),
        )
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      if (rows.length > 0) {
        await trx
          .updateTable('outbox')
          .set({ leased_until: leaseUntil.toISOString() })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      }
      return rows.map(toItem);
    });
  }

  async markSent(id: string, activityId: string, now: Date): Promise<void> {
    await this.store.db
      .updateTable('outbox')
      .set({
        status: 'sent',
        activity_id: activityId,
        sent_at: now.toISOString(),
        last_error: null,
        leased_until: null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Moves a pending row's next attempt (a retry, or pacing when `error` is null). */
  async reschedule(
    id: string,
    attempts: number,
    nextAt: Date,
    error: string | null,
  ): Promise<void> {
    await this.store.db
      .updateTable('outbox')
      .set({
        attempts,
        next_attempt_at: nextAt.toISOString(),
        leased_until: null,
        ...(error === null ? {} : { last_error: error }),
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Gives up on a row: it stays visible in the dead-letter list with why. */
  async markDead(id: string, error: string, attempts?: number): Promise<void> {
    await this.store.db
      .updateTable('outbox')
      .set({
        status: 'dead',
        last_error: error,
        leased_until: null,
        ...(attempts === undefined ? {} : { attempts }),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Ends every lease now. Only for a single-instance service starting up: its leases belong to
   * the run that crashed, so their rows need not wait for the leases to run out. Returns the
   * leases ended (a call may have been in flight in one of those conversations).
   */
  async releaseLeases(): Promise<{ conversationId: string; leasedUntil: string }[]> {
    return this.store.withWriteLock('outbox', async (trx) => {
      const held = await trx
        .selectFrom('outbox')
        .select(['conversation_id', 'leased_until'])
        .where('status', '=', 'pending')
        .where('leased_until', 'is not', null)
        .execute();
      if (held.length > 0) {
        await trx
          .updateTable('outbox')
          .set({ leased_until: null })
          .where('status', '=', 'pending')
          .where('leased_until', 'is not', null)
          .execute();
      }
      return held.map((r) => ({
        conversationId: r.conversation_id,
        leasedUntil: r.leased_until as string,
      }));
    });
  }

  /** Dead letters, newest first. */
  async deadLetters(limit: number): Promise<OutboxItem[]> {
    const rows = await this.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'dead')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }

  async countDead(): Promise<number> {
    return this.count('dead');
  }

  /** What /readyz shows: calls waiting and calls given up on. */
  async health(): Promise<{ pending: number; deadLetters: number }> {
    return { pending: await this.pendingCount(), deadLetters: await this.countDead() };
  }

  async pendingCount(): Promise<number> {
    return this.count('pending');
  }

  async get(id: string): Promise<OutboxItem | null> {
    const row = await this.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  /** Conversations with more than `atLeast` calls waiting, for the alert-storm check. */
  async backlogs(atLeast: number): Promise<Backlog[]> {
    const rows = await this.store.db
      .selectFrom('outbox')
      .select((eb) => [
        'conversation_id',
        eb.fn.countAll<number | string>().as('pending'),
        eb.fn.min('created_at').as('oldest'),
      ])
      .where('status', '=', 'pending')
      .groupBy('conversation_id')
      .having((eb) => eb.fn.countAll(), '>', atLeast)
      .execute();
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      pending: Number(r.pending),
      oldestCreatedAt: r.oldest,
    }));
  }

  /** New incident cards waiting for a conversation, oldest first: what a digest may fold. */
  async waitingCards(conversationId: string, limit: number): Promise<OutboxItem[]> {
    const rows = await this.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'send')
      .where('incident_number', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }

  /**
   * Folds waiting cards into digests, atomically: each digest is queued (due now, so it goes
   * before anything paced) and the rows it stands for are done, naming it. A row that was sent
   * meanwhile stays as it was; it is listed in the digest as well, never lost.
   */
  async fold(folds: readonly Fold[], now: Date): Promise<number> {
    const at = now.toISOString();
    return this.store.withWriteLock('outbox', async (trx) => {
      let folded = 0;
      for (const { rowIds, digest } of folds) {
        const id = randomUUID();
        const inserted = await trx
          .insertInto('outbox')
          .values(newRow(id, digest, at))
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
        const updated = await trx
          .updateTable('outbox')
          .set({ status: 'sent', folded_into: id, sent_at: at })
          .where('id', 'in', rowIds)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        folded += Number(updated.numUpdatedRows);
      }
      return folded;
    });
  }

  /** Sends made since `since` (for pacing after a restart). */
  async recentSends(since: Date): Promise<{ conversationId: string; sentAt: string }[]> {
    const rows = await this.store.db
      .selectFrom('outbox')
      .select(['conversation_id', 'sent_at'])
      .where('status', '=', 'sent')
      .where('folded_into', 'is', null)
      .where('sent_at', '>=', since.toISOString())
      .orderBy('sent_at')
      .execute();
    return rows.map((r) => ({ conversationId: r.conversation_id, sentAt: r.sent_at as string }));
  }

  /** Whether a card for the incident is still waiting to be sent to the conversation. */
  async hasPendingSend(conversationId: string, incidentNumber: number): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('outbox')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('incident_number', '=', incidentNumber)
      .where('kind', '=', 'send')
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * A later update of the same card, waiting or already sent: an older update that pacing or a
   * retry held back must never be sent after it (the card would go back to an older state).
   */
  async newerUpdate(row: OutboxItem): Promise<string | null> {
    if (row.kind !== 'update' || row.incidentNumber === null) return null;
    const newer = await this.store.db
      .selectFrom('outbox')
      .select('id')
      .where('conversation_id', '=', row.conversationId)
      .where('incident_number', '=', row.incidentNumber)
      .where('kind', '=', 'update')
      .where('status', 'in', ['pending', 'sent'])
      .where((eb) =>
        eb.or([
          eb('created_at', '>', row.createdAt),
          eb.and([eb('created_at', '=', row.createdAt), eb('id', '>', row.id)]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return newer?.id ?? null;
  }

  /** Done without a call: a newer update of the same card (`by`) carries the change. */
  async supersede(id: string, by: string, now: Date): Promise<void> {
    await this.store.db
      .updateTable('outbox')
      .set({ status: 'sent', folded_into: by, sent_at: now.toISOString(), leased_until: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** The activity id of the incident's live card in the conversation, if one was sent. */
  async cardFor(conversationId: string, incidentNumber: number): Promise<string | null> {
    const row = await this.store.db
      .selectFrom('cards')
      .select('activity_id')
      .where('conversation_id', '=', conversationId)
      .where('incident_number', '=', incidentNumber)
      .executeTakeFirst();
    return row?.activity_id ?? null;
  }

  async rememberCard(
    conversationId: string,
    incidentNumber: number,
    activityId: string,
    now: Date,
  ): Promise<void> {
    const at = now.toISOString();
    await this.store.db
      .insertInto('cards')
      .values({
        conversation_id: conversationId,
        incident_number: incidentNumber,
        activity_id: activityId,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['conversation_id', 'incident_number'])
          .doUpdateSet({ activity_id: activityId, updated_at: at }),
      )
      .execute();
  }

  private async count(status: OutboxStatus): Promise<number> {
    const row = await this.store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** A call queued at `at`, due at once. */
function newRow(id: string, input: EnqueueInput, at: string): Insertable<OutboxTable> {
  return {
    id,
    conversation_id: input.conversationId,
    kind: input.kind,
    incident_number: input.incidentNumber,
    dedupe_key: input.dedupeKey,
    activity: JSON.stringify(input.activity),
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    last_error: null,
    activity_id: null,
    created_at: at,
    sent_at: null,
    folded_into: null,
    leased_until: null,
  };
}

function toItem(row: Selectable<OutboxTable>): OutboxItem {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind,
    incidentNumber: row.incident_number === null ? null : Number(row.incident_number),
    dedupeKey: row.dedupe_key,
    activity: JSON.parse(row.activity) as Record<string, unknown>,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    activityId: row.activity_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    foldedInto: row.folded_into,
    leasedUntil: row.leased_until,
  };
}
