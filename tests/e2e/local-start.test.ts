import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../bot/src/config.js';
import { startService, type RunningService } from '../../bot/src/main.js';
import { createLogger } from '../../bot/src/logger.js';
import { DEMO_DIRECTORY } from '../../bot/src/identity/directory.js';
import { startPlayground } from '../../bot/src/cli/playground.js';
import { packageRoot } from '../../bot/src/paths.js';
import { signBody } from '../../bot/src/sentinel/webhook-signature.js';
import { tempDir } from '../helpers/engines.js';
import { freePort, launchChromium, waitForHttp } from '../helpers/browser.js';

/**
 * What a newcomer sees after `npm start`: the Agents Playground chatting with the bot, and the
 * dashboard's local sign-in. A real Chromium drives both.
 */
describe('local start: Playground chat and dashboard in a real browser', () => {
  let service: RunningService;
  let playground: ChildProcess | null;
  let browser: Browser;
  let playgroundUrl: string;
  const dataDir = tempDir();

  beforeAll(async () => {
    const logger = createLogger('silent');
    service = await startService(
      loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }),
      { logger },
    );
    const port = await freePort();
    playground = startPlayground({
      rootDir: packageRoot(),
      dataDir,
      botEndpoint: `${service.url}/api/messages`,
      port,
      users: DEMO_DIRECTORY,
      logger,
    });
    playgroundUrl = `http://127.0.0.1:${port}/`;
    await waitForHttp(playgroundUrl);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    playground?.kill('SIGTERM');
    await service?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('welcomes the owner on install and answers `help` with the role-aware card', async () => {
    const page = await browser.newPage();
    await page.goto(playgroundUrl);
    await page.getByText('Life Cockpit Security is installed').first().waitFor({ timeout: 20_000 });
    const box = page.locator('[data-lexical-editor="true"]');
    await box.click();
    await page.keyboard.type('help');
    await page.keyboard.press('Enter');
    await page.getByText('Your roles: PracticeOwner.').waitFor({ timeout: 20_000 });
    await expect(
      page.getByText('Your roles and your row of the access matrix').isVisible(),
    ).resolves.toBe(true);

    await box.click();
    await page.keyboard.type('whoami');
    await page.keyboard.press('Enter');
    await page.getByText('Roles: PracticeOwner', { exact: true }).waitFor({ timeout: 20_000 });
    await page.close();

    const installed = await service.conversations.listInstalled();
    expect(installed.map((c) => c.kind)).toContain('personal');
  });

  it('shows a Sentinel incident posted to the webhook as a live card, updated in place', async () => {
    const page = await browser.newPage();
    await page.goto(playgroundUrl);
    await page.locator('[data-lexical-editor="true"]').waitFor({ timeout: 20_000 });
    const samples = path.join(packageRoot(), 'samples', 'sentinel');
    const post = (file: string) => {
      const body = fs.readFileSync(path.join(samples, file));
      return fetch(`${service.url}/api/sentinel/incidents`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signBody(service.webhookSecret ?? '', body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
    };
    expect((await post('01-account-compromise-impossible-travel.json')).status).toBe(202);
    await page.getByText('#1001 · High · New').waitFor({ timeout: 20_000 });
    expect((await post('08-update-account-compromise-active.json')).status).toBe(202);
    await page.getByText('#1001 · High · Active').waitFor({ timeout: 20_000 });
    await expect(page.getByText('#1001 · High · New').count()).resolves.toBe(0);
    await page.close();
  });

  it('signs in on the dashboard as a demo user and shows their row of the matrix', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.url}/tab`);
    await page.getByRole('button', { name: /Casey Clinician/ }).click();
    await page.getByText('Roles: ClinicalUser').waitFor({ timeout: 10_000 });
    await page.getByText('Your row of the access matrix').click();
    const rows = await page.locator('#me-permissions tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'personal none',
      'business read',
      'clinical readwrite',
      'system none',
    ]);
    await page.close();
  });

  it('is healthy and ready', async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
