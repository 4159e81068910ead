import fs from 'node:fs';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { startService, type Overrides, type RunningService } from '../../bot/src/main.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import type { AuditEntry } from '../../core/audit/index.js';
import { tempDir, type TestEngine, type TestStore } from './engines.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON ('' when empty). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

/** The real service on an ephemeral port, with its data in a fresh temp dir or test schema. */
export interface TestService {
  readonly service: RunningService;
  readonly config: Config;
  readonly url: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  get(path: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Audit entries, oldest first, optionally of one action. */
  audit(action?: string): Promise<AuditEntry[]>;
  /** Stops and starts the service again on the same data (a process restart). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts the service as `npm start` would in local mode, through `loadConfig`, with logging off.
 * With an engine, the data lives in that engine's fresh test store (PostgreSQL schema or SQLite).
 */
export async function startTestService(
  options: { engine?: TestEngine; env?: Record<string, string>; overrides?: Overrides } = {},
): Promise<TestService> {
  let testStore: TestStore | null = null;
  let dataDir: string;
  if (options.engine) {
    testStore = await options.engine.create();
    dataDir = testStore.dataDir;
  } else {
    dataDir = tempDir('cockpit-service-');
  }
  const env: Record<string, string> = {
    COCKPIT_MODE: 'local',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(testStore?.databaseUrl ? { DATABASE_URL: testStore.databaseUrl } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  let service = await startService(config, options.overrides);

  const call = async (method: string, path: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : '';
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    get service() {
      return service;
    },
    config,
    get url() {
      return service.url;
    },
    post: (path, body, headers) => call('POST', path, body, headers),
    get: (path, headers) => call('GET', path, undefined, headers),
    audit: async (action) => {
      await service.audit.drain();
      return new AuditRepository(service.store).query({ action, limit: 10_000 });
    },
    restart: async () => {
      await service.close();
      service = await startService(config, options.overrides);
    },
    dispose: async () => {
      await service.close();
      if (testStore) await testStore.dispose();
      else fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
