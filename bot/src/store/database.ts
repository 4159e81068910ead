import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { migrationProvider, MIGRATIONS } from './migrations/index.js';
import type { Database, Engine } from './schema.js';

export interface StoreOptions {
  /** `postgres://…`; when null the SQLite file `cockpit.db` under dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/** The database behind every repository: one Kysely instance over SQLite or PostgreSQL. */
/**
 * The driver under Kysely, for the few hot reads that need rows as plain arrays (verifying a
 * million-entry audit chain): better-sqlite3's raw mode, node-postgres' array row mode.
 */
export type NativeHandle =
  { engine: 'sqlite'; db: SqliteDatabase.Database } | { engine: 'postgres'; pool: pg.Pool };

export class Store {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  private constructor(
    readonly db: Kysely<Database>,
    readonly engine: Engine,
    /** Where the data lives, for messages; never includes a password. */
    readonly location: string,
    readonly native: NativeHandle,
    /** How it was opened, so a worker thread can open its own connection to the same data. */
    readonly options: StoreOptions,
  ) {}

  /** Rows as arrays of column values, in the order the query selects them. */
  async rawRows(text: string, values: readonly unknown[]): Promise<unknown[][]> {
    if (this.native.engine === 'sqlite') {
      // `?` placeholders for SQLite; the same query text with $n for PostgreSQL.
      let statement = this.statements.get(text);
      if (!statement) {
        statement = this.native.db.prepare(text.replace(/\$\d+/g, '?')).raw(true);
        this.statements.set(text, statement);
      }
      return statement.all(...values) as unknown[][];
    }
    const result = await this.native.pool.query({ text, values: [...values], rowMode: 'array' });
    return result.rows as unknown[][];
  }

  static open(options: StoreOptions): Store {
    if (options.databaseUrl) {
      const types = {
        getTypeParser: (oid: number, format?: string) =>
          // int8 (bigint) as a JS number: seq stays well below 2^53.
          oid === 20
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format as 'text'),
      };
      const pool = new pg.Pool({
        connectionString: options.databaseUrl,
        max: options.poolSize ?? 10,
        types,
      });
      pool.on('error', () => undefined);
      const url = new URL(options.databaseUrl);
      return new Store(
        new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
        'postgres',
        `postgres://${url.host}${url.pathname}`,
        { engine: 'postgres', pool },
        options,
      );
    }
    fs.mkdirSync(options.dataDir, { recursive: true });
    const file = path.resolve(options.dataDir, 'cockpit.db');
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    return new Store(
      new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) }),
      'sqlite',
      file,
      { engine: 'sqlite', db: sqlite },
      options,
    );
  }

  /** Applies every pending migration; returns the names applied now. */
  async migrate(): Promise<string[]> {
    const migrator = await this.migrator();
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  /**
   * Kysely looks for its migration tables in every schema unless told which one: on a
   * PostgreSQL server where another schema has them, ours would never be created. So name ours.
   */
  private async migrator(): Promise<Migrator> {
    let schema: string | undefined;
    if (this.engine === 'postgres') {
      const current = sql<{ name: string | null }>`select current_schema() as name`;
      schema = (await current.execute(this.db)).rows[0]?.name ?? undefined;
    }
    return new Migrator({ db: this.db, provider: migrationProvider, migrationTableSchema: schema });
  }

  /** Store reachable and every known migration applied. */
  async readiness(): Promise<{ reachable: boolean; pendingMigrations: string[] }> {
    try {
      const migrator = await this.migrator();
      const applied = new Set(
        (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name),
      );
      return {
        reachable: true,
        pendingMigrations: Object.keys(MIGRATIONS).filter((name) => !applied.has(name)),
      };
    } catch {
      return { reachable: false, pendingMigrations: [] };
    }
  }

  /**
   * Runs `work` in one write transaction: `BEGIN IMMEDIATE` under the per-file mutex on SQLite
   * (the whole database is then this writer's until commit), a plain transaction on PostgreSQL,
   * where writers that must see each other's rows take a named lock inside it (`lockWithin`).
   * Everything `work` writes is committed, durably, together: one fsync for many rows.
   */
  async transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.engine === 'postgres') return this.db.transaction().execute(work);
    // better-sqlite3 waits for a busy lock synchronously, which would stall this process's
    // event loop while another Store of the same process holds the lock across an await: so
    // writers of one process queue on a mutex per file, and BEGIN IMMEDIATE guards the rest.
    return withFileMutex(this.location, () =>
      this.db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  /**
   * Takes the named write lock inside a transaction of `transaction`, until it ends: an advisory
   * transaction lock on PostgreSQL; on SQLite the transaction already excludes every writer.
   */
  async lockWithin(trx: Kysely<Database>, name: string): Promise<void> {
    if (this.engine === 'postgres')
      await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
  }

  /**
   * Runs `work` inside a transaction that holds the named write lock, so appends that must see
   * the latest row (the audit chain head) are serialised across connections and processes.
   */
  async withWriteLock<T>(name: string, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.transaction(async (trx) => {
      await this.lockWithin(trx, name);
      return work(trx);
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

const fileMutexes = new Map<string, Promise<unknown>>();

function withFileMutex<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = fileMutexes.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  fileMutexes.set(key, tail);
  void tail.then(() => {
    if (fileMutexes.get(key) === tail) fileMutexes.delete(key);
  });
  return run;
}

/** Prepared statements kept per connection; the queries here are a few hundred shapes at most. */
const STATEMENT_CACHE = 500;

/**
 * The connection as Kysely's SQLite driver sees it, with prepared statements reused: the driver
 * prepares every query it runs, and preparing costs about as much as running a small one.
 * better-sqlite3 is synchronous and nothing here streams, so a statement is never busy when
 * it is used again.
 */
function cachingStatements(db: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => db.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = db.prepare(text);
        if (statements.size >= STATEMENT_CACHE) {
          statements.delete(statements.keys().next().value as string);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}
