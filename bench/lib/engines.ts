import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Store } from '../../bot/src/store/database.js';
import { skipped } from './figures.js';
import type { BenchEngine, Figure } from './types.js';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL server to benchmark against; each run gets its own schema on it. */
export function pgServerUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_PG_URL;
}

/** A fresh, empty, migrated store and the way to remove it. */
export interface BenchStore {
  store: Store;
  /** Where the data is, to open more connections to it (worker threads, other instances). */
  location: { databaseUrl: string | null; dataDir: string };
  dispose(): Promise<void>;
}

export async function openBenchStore(engine: BenchEngine): Promise<BenchStore> {
  return engine === 'sqlite' ? openSqlite() : openPostgres();
}

async function openSqlite(): Promise<BenchStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-'));
  const store = Store.open({ databaseUrl: null, dataDir });
  await store.migrate();
  return {
    store,
    location: { databaseUrl: null, dataDir },
    dispose: async () => {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<BenchStore> {
  const server = pgServerUrl();
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(server, `create schema ${schema}`);
  const url = new URL(server);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const location = { databaseUrl: url.toString(), dataDir: os.tmpdir() };
  const store = Store.open(location);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    await adminQuery(server, `drop schema ${schema} cascade`);
    throw error;
  }
  return {
    store,
    location,
    dispose: async () => {
      await store.close();
      await adminQuery(server, `drop schema ${schema} cascade`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const result = await client.query<Record<string, unknown>>(text);
    return result.rows.map((row) => String(Object.values(row)[0]));
  } finally {
    await client.end();
  }
}

let pgProbe: Promise<string | null> | null = null;

/** The PostgreSQL server version, or null when it cannot be reached (probed once per run). */
export function postgresVersion(): Promise<string | null> {
  pgProbe ??= adminQuery(pgServerUrl(), 'show server_version').then(
    ([version]) => version ?? 'unknown',
    () => null,
  );
  return pgProbe;
}

export function redactedPgUrl(): string {
  const url = new URL(pgServerUrl());
  return `postgres://${url.host}${url.pathname}`;
}

/**
 * Runs `measure` on SQLite, then on PostgreSQL when the server answers; an unreachable server
 * gives one skipped figure with a note instead of failing the run.
 */
export async function eachEngine(
  metricNames: readonly string[],
  measure: (engine: BenchEngine) => Promise<Figure[]>,
): Promise<Figure[]> {
  const figures = await measure('sqlite');
  if ((await postgresVersion()) === null) {
    const note = `PostgreSQL not reachable at ${redactedPgUrl()} (set BENCH_DATABASE_URL)`;
    console.log(`  skipping postgres: ${note}`);
    return [...figures, ...metricNames.map((metric) => skipped('postgres', metric, note))];
  }
  return [...figures, ...(await measure('postgres'))];
}
