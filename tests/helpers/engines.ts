import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Store } from '../../bot/src/store/database.js';

/**
 * The engines every store contract test runs on: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each test store gets a fresh SQLite file or a fresh
 * PostgreSQL schema, so test files can run in parallel.
 */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty, migrated store; `dispose` removes it. */
  create(): Promise<TestStore>;
}

export interface TestStore {
  store: Store;
  dataDir: string;
  databaseUrl: string | null;
  /** Opens another Store on the same data (another "instance" or "process"). */
  reopen(): Store;
  dispose(): Promise<void>;
}

const pgUrl = process.env.TEST_DATABASE_URL ?? '';

export const ENGINES: TestEngine[] = [
  { name: 'sqlite', create: createSqlite },
  ...(pgUrl ? [{ name: 'postgres' as const, create: createPostgres }] : []),
];

export function tempDir(prefix = 'cockpit-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function createSqlite(): Promise<TestStore> {
  const dataDir = tempDir();
  const store = Store.open({ databaseUrl: null, dataDir });
  await store.migrate();
  const opened: Store[] = [store];
  return {
    store,
    dataDir,
    databaseUrl: null,
    reopen: () => {
      const another = Store.open({ databaseUrl: null, dataDir });
      opened.push(another);
      return another;
    },
    dispose: async () => {
      for (const s of opened) await s.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestStore> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const dataDir = tempDir();
  const store = Store.open({ databaseUrl, dataDir });
  const dropSchema = async (): Promise<void> => {
    const cleanup = new pg.Client({ connectionString: pgUrl });
    await cleanup.connect();
    await cleanup.query(`drop schema ${schema} cascade`);
    await cleanup.end();
  };
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    await dropSchema();
    throw error;
  }
  const opened: Store[] = [store];
  return {
    store,
    dataDir,
    databaseUrl,
    reopen: () => {
      const another = Store.open({ databaseUrl, dataDir });
      opened.push(another);
      return another;
    },
    dispose: async () => {
      for (const s of opened) await s.close();
      await dropSchema();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
