import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signBody } from '../../bot/src/sentinel/webhook-signature.js';
import { openBenchStore } from '../lib/engines.js';
import type { BenchEngine } from '../lib/types.js';

/** The HMAC secret the benchmarks sign with (≥ 32 bytes, as azure mode would demand). */
export const SECRET = 'bench-intake-webhook-secret-0123456789abcdef';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A child process that serves HTTP and told us where. */
export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Forks `service-child.js` or `bare-child.js` (siblings of this file) and waits for its URL. */
export function startChild(
  script: 'service-child.js' | 'bare-child.js',
  env: Record<string, string | undefined>,
): Promise<Child> {
  const child: ChildProcess = fork(path.join(here, script), [], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within 30 s`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready`));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      const url = (message as { url?: string }).url;
      if (!url) return reject(new Error(`${script} sent ${JSON.stringify(message)}`));
      resolve({
        url,
        pid: child.pid ?? 0,
        stop: async () => {
          if (child.exitCode === null && child.connected) child.send('stop');
          const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

/** The real service in a child process on a fresh store of `engine`; `dispose` removes the data. */
export async function startServiceChild(
  engine: BenchEngine,
): Promise<{ child: Child; dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-bench-intake-'));
  // PostgreSQL: a fresh, migrated schema made the way bench/lib does it; SQLite: DATA_DIR.
  const pgStore = engine === 'postgres' ? await openBenchStore('postgres') : null;
  const env: Record<string, string | undefined> = {
    ...process.env,
    COCKPIT_MODE: 'local',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SENTINEL_WEBHOOK_SECRET: SECRET,
    DEMO_FEED: '0',
    PLAYGROUND: '0',
    DATABASE_URL: pgStore?.location.databaseUrl ?? '',
  };
  let child: Child;
  try {
    child = await startChild('service-child.js', env);
  } catch (error) {
    await pgStore?.dispose().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    child,
    dispose: async () => {
      await child.stop();
      await pgStore?.dispose().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The headers of a signed webhook request for `body`, as a playbook would send them. */
export function signedHeaders(body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...signBody(SECRET, body, Math.floor(Date.now() / 1000)),
  };
}
