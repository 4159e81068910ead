import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../bot/src/paths.js';
import { tempDir } from '../helpers/engines.js';
import { freePort, waitForHttp } from '../helpers/browser.js';

/** The built service as a real process: start-up checks, logs, SIGTERM. (`npm test` builds first.) */
const START = path.join(packageRoot(), 'dist', 'bot', 'src', 'cli', 'start.js');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [START], {
    env: { PATH: process.env.PATH ?? '', PLAYGROUND: '0', DEMO_FEED: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('the service process', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('refuses to start on bad configuration, naming every wrong variable, exit 2', async () => {
    const r = run({ PORT: 'abc', COCKPIT_MODE: 'cloud', LOG_LEVEL: 'loud' });
    expect(await r.exited).toBe(2);
    for (const name of ['PORT', 'COCKPIT_MODE', 'LOG_LEVEL']) expect(r.stderr()).toContain(name);
  });

  it('refuses unsafe azure settings before opening anything', async () => {
    const r = run({ COCKPIT_MODE: 'azure', DEV_SIGN_IN: '1', SENTINEL_WEBHOOK_SECRET: 'short' });
    expect(await r.exited).toBe(2);
    for (const name of ['TENANT_ID', 'DATABASE_URL', 'DEV_SIGN_IN', 'SENTINEL_WEBHOOK_SECRET']) {
      expect(r.stderr()).toContain(name);
    }
  });

  it('serves, logs no token or message text, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const port = await freePort();
    const r = run({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'debug' });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`);

    const signIn = await fetch(`${base}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ aadObjectId: '00000000-0000-4000-8000-000000000001' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    expect(
      (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    const secretWords = 'whoami Tomasz-Singh-OHIP-1234567890';
    await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'a1',
        text: secretWords,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: 'u', aadObjectId: '00000000-0000-4000-8000-000000000001' },
        recipient: { id: 'bot' },
        conversation: { id: 'c1', conversationType: 'personal' },
      }),
    });

    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    const logs = r.stdout();
    expect(logs).toContain('"msg":"stopped"');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[2]);
    expect(logs).not.toContain('Tomasz');
    expect(logs).not.toContain('1234567890');
    const secret = fs.readFileSync(path.join(dataDir, 'sentinel-webhook-secret'), 'utf8');
    expect(logs).not.toContain(secret);
    for (const line of logs.split('\n').filter((l) => l.startsWith('{'))) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
