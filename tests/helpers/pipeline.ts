import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import { packageRoot } from '../../bot/src/paths.js';
import { signBody } from '../../bot/src/sentinel/webhook-signature.js';
import type { HttpAnswer, TestService } from './service.js';

/** The sample Sentinel incident bodies shipped in the repository (01–08, in name order). */
export const SAMPLES = path.join(packageRoot(), 'samples', 'sentinel');
export const sampleFiles = (): string[] =>
  fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort();
export const readSample = (file: string): string =>
  fs.readFileSync(path.join(SAMPLES, file), 'utf8');

/** A webhook secret long enough for azure mode; tests start the service with it. */
export const WEBHOOK_SECRET = 'a-webhook-secret-of-at-least-32-bytes-long';

/** Posts a body to the webhook, signed as a Sentinel playbook would sign it. */
export function postIncident(t: TestService, body: string, now = Date.now()): Promise<HttpAnswer> {
  return t.post('/api/sentinel/incidents', body, {
    'content-type': 'application/json',
    ...signBody(WEBHOOK_SECRET, body, Math.floor(now / 1000)),
  });
}

/** Waits until every accepted event is processed and the outbox has sent everything. */
export async function settle(t: TestService): Promise<void> {
  await t.service.processor.drain();
  for (let i = 0; i < 600 && (await t.service.outbox.pendingCount()) > 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await t.service.outbox.pendingCount()).toBe(0);
}
