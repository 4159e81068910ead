import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { postIncident, readSample, settle, WEBHOOK_SECRET } from '../helpers/pipeline.js';
import { startTestService, type TestService } from '../helpers/service.js';

/**
 * The tab's Incidents view in a real Chromium, against the service in local mode: a newcomer
 * picks a demo user, works an incident as the cards would, watches the breach clocks and
 * downloads the reports. (The tab is served from `dist/tab`: `npm test` builds it first.)
 */
describe('tab: incidents in a real browser', () => {
  let t: TestService;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestService({ env: { SENTINEL_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    for (const file of [
      '01-account-compromise-impossible-travel.json',
      '02-phishing-invoice.json',
      '04-purview-dlp-health-card-shared.json',
    ]) {
      expect((await postIncident(t, readSample(file))).status).toBe(202);
    }
    await settle(t);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  async function signIn(who: RegExp): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${t.url}/tab`);
    await page.getByRole('button', { name: who }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    return page;
  }

  const alertText = (page: Page) => page.getByRole('alert').innerText();

  it('lists the incidents the owner may see, with severity, status, phase and class', async () => {
    const page = await signIn(/Dr\. Avery Owner/);
    const row = page.locator('table.incident-list tbody tr', { hasText: 'Impossible travel' });
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells.slice(0, 6)).toEqual([
      '1001',
      'Impossible travel activity involving one user',
      'High',
      'New Not acknowledged',
      'Not started',
      'clinical',
    ]);
    await expect(page.locator('table.incident-list tbody tr').count()).resolves.toBe(3);

    await page.getByLabel('Show', { exact: true }).selectOption('closed');
    await page.getByText('No closed incidents you may see.').waitFor();
    expect(page.url()).toMatch(/#\/incidents\?status=closed$/);
    await page.close();
  });

  it('works #1001: respond, a task done, a gate refusal, advance, and the report downloaded', async () => {
    const page = await signIn(/Dr\. Avery Owner/);
    await page.getByRole('link', { name: 'Impossible travel activity involving one user' }).click();
    await page
      .getByRole('heading', { name: '#1001 · Impossible travel activity involving one user' })
      .waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('.facts').getByText('by Dr. Avery Owner').waitFor();

    await page.getByRole('button', { name: 'Start the response' }).click();
    await page.getByRole('heading', { name: 'Detection checklist' }).waitFor();
    const current = page.locator('.phase-strip [aria-current="step"] .phase-name');
    await expect(current.innerText()).resolves.toBe('Detection');
    await expect(page.getByText('0 of 3 tasks done.').count()).resolves.toBe(1);

    await page
      .getByRole('textbox', { name: 'Note on “Confirm the suspicious sign-in”' })
      .fill('Sign-in from an unknown country without MFA.');
    await page.getByRole('button', { name: 'Done: Confirm the suspicious sign-in' }).click();
    await page.getByText('1 of 3 tasks done.').waitFor();
    await expect(page.locator('.task-done').innerText()).resolves.toContain(
      'Done by Dr. Avery Owner',
    );
    await expect(
      page.getByRole('button', { name: 'Done: Confirm the suspicious sign-in' }).count(),
    ).resolves.toBe(0);

    // The gate: one required task is still open, and the server's message says which.
    await page.getByRole('button', { name: 'Advance to Analysis' }).click();
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toMatch(
      /Cannot advance from detection: 1 required task is open: ask-user \(Ask the user whether it was them\)/,
    );
    await expect(current.innerText()).resolves.toBe('Detection');

    await page.getByRole('button', { name: 'Done: Ask the user whether it was them' }).click();
    await page.getByText('Nothing blocks the move to Analysis.').waitFor();
    await expect(page.getByRole('alert').isHidden()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Advance to Analysis' }).click();
    await page.getByRole('heading', { name: 'Analysis checklist' }).waitFor();
    await expect(current.innerText()).resolves.toBe('Analysis');
    const strip = await page.locator('.phase-strip li').allInnerTexts();
    expect(strip[0]).toMatch(/Detection\s+done\s+2\/3 tasks/);

    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toContain('Done: confirm-sign-in (Confirm the suspicious sign-in).');
    expect(timeline).toContain('Advanced from detection to analysis.');
    const timings = await page.locator('#timings-heading + dl').innerText();
    expect(timings).toMatch(/Time to acknowledge\s+\d+ (s|min)/);

    // A note goes on the timeline.
    await page
      .getByRole('textbox', { name: 'Note', exact: true })
      .fill('Called the user; travelling for work.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.timeline', { hasText: 'travelling for work' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Post-incident report as Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('incident-1001-post-incident-report.md');
    const report = fs.readFileSync((await download.path())!, 'utf8');
    expect(report).toContain('1001');
    expect(report).toContain('Impossible travel activity involving one user');

    // Past an open gate with a reason (the owner has full access), then the close gate.
    await page.getByText('Override the gate with a reason').click();
    await page
      .getByRole('textbox', { name: 'Override reason' })
      .fill('Account already disabled; analysis continues in parallel.');
    await page.getByRole('button', { name: 'Override and advance' }).click();
    await page.getByRole('heading', { name: 'Containment checklist' }).waitFor();
    expect((await page.locator('.phase-strip li').allInnerTexts())[1]).toMatch(
      /Analysis\s+gate overridden/,
    );

    const closing = page.getByRole('form', { name: 'Close the incident' });
    // Before lessons learned only a false or benign positive may close it: nothing else is offered.
    await expect(
      closing.getByLabel('Classification').locator('option').allInnerTexts(),
    ).resolves.toEqual(['False positive', 'Benign positive']);
    await closing.getByLabel('Classification').selectOption('BenignPositive');
    await closing.getByLabel('Reason').selectOption('SuspiciousButExpected');
    await closing.getByLabel('Summary').fill('The user was travelling; sign-in confirmed.');
    await closing.getByRole('button', { name: 'Close incident' }).click();
    await page
      .getByText('Closed as BenignPositive (SuspiciousButExpected) by Dr. Avery Owner')
      .waitFor();
    await expect(current.innerText()).resolves.toBe('Closed');
    await expect(page.getByRole('button', { name: /^Done: / }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: '← All incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.getByLabel('Show', { exact: true }).selectOption('closed');
    await page
      .getByRole('link', { name: 'Impossible travel activity involving one user' })
      .waitFor();
    await page.close();
  });

  it('runs the breach clocks of #1004: an overdue deadline, a notice logged, a letter', async () => {
    const page = await signIn(/Dr\. Avery Owner/);
    await page.goto(`${t.url}/tab#/incidents/1004`);
    await page.getByRole('heading', { name: /^#1004 · / }).waitFor();
    await page.getByLabel('Playbook').selectOption('unauthorized-phi-access');
    await page.getByRole('button', { name: 'Start the response' }).click();
    await page.getByRole('heading', { name: 'Detection checklist' }).waitFor();

    // Discovered five days ago: PHIPA's "first reasonable opportunity" (72 h) has passed.
    const fiveDaysAgo = await page.evaluate(() => {
      const d = new Date(Date.now() - 5 * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    const assessment = page.getByRole('form', { name: 'Breach assessment' });
    await assessment.getByLabel('Discovered at').fill(fiveDaysAgo);
    await assessment.getByLabel('Ontario individuals affected').fill('2');
    await assessment.getByLabel('Canadian individuals affected').fill('2');
    await assessment.getByRole('button', { name: 'Save assessment' }).click();

    const row = page.locator('tr[data-obligation="phipa-individuals"]');
    await row.waitFor();
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells[0]).toBe('PHIPA s.12(2)');
    expect(cells[1]).toBe('Affected individuals');
    expect(cells[3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    expect(cells[4]).toBe('Overdue');
    await expect(row.getAttribute('class')).resolves.toBe('obligation-overdue');
    await expect(page.locator('.overdue-note').innerText()).resolves.toMatch(/overdue/);

    const notice = page.getByRole('form', { name: 'Log a notice' });
    await notice.getByLabel('Told').selectOption('individuals');
    await notice.getByLabel('How').fill('first-class mail');
    await notice.getByRole('button', { name: 'Log notice' }).click();
    await page.getByText('Notices logged').waitFor();
    const done = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(done[4]).toBe('Done (late)');
    expect(done[5]).not.toBe('—');

    // A notice to a party nobody asked about is refused with the server's reason.
    await notice.getByLabel('Told').selectOption('media');
    await notice.getByRole('button', { name: 'Log notice' }).click();
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toMatch(/state: name the state whose media were told/);

    const letter = page.getByRole('button', {
      name: 'Download Notice to individuals (PHIPA s.12(2)) as PDF',
    });
    const [pdf] = await Promise.all([page.waitForEvent('download'), letter.click()]);
    expect(pdf.suggestedFilename()).toBe('incident-1004-phipa-individual-draft.pdf');
    expect(
      fs
        .readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.close();
  });

  it('gives a reader the incident without actions or downloads', async () => {
    const page = await signIn(/Casey Clinician/);
    const titles = await page.locator('table.incident-list tbody td:nth-child(2)').allInnerTexts();
    expect(titles).toContain(
      'Phishing email with credential-harvesting link delivered to 3 mailboxes',
    );
    await page.getByRole('link', { name: /^Phishing email/ }).click();
    await page.getByRole('heading', { name: /^#1002 · / }).waitFor();
    await page
      .getByText('You can read this incident; acting on it needs read-write access')
      .waitFor();
    await expect(page.getByRole('button', { name: 'Start the response' }).count()).resolves.toBe(0);
    await expect(page.getByText('Downloading reports needs full access').count()).resolves.toBe(1);
    await page.close();
  });
});
