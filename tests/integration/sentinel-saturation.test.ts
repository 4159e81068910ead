import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpApp } from '../../bot/src/http/app.js';
import { sentinelRoutes } from '../../bot/src/http/sentinel-routes.js';
import { createLogger } from '../../bot/src/logger.js';
import { PhiGuard } from '../../bot/src/phi/guard.js';
import { signBody } from '../../bot/src/sentinel/webhook-signature.js';
import type { IntakeService } from '../../bot/src/services/intake-service.js';

/** The route's own back-pressure, with a store that is slow on purpose (held by a gate). */
describe('Sentinel intake under saturation', () => {
  const SECRET = 'a-webhook-secret-of-at-least-32-bytes-long';
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const slowIntake = {
      accept: async () => {
        await gate;
        return { accepted: true as const, incidentNumber: 1, duplicate: false };
      },
    } as unknown as IntakeService;
    const webhook = sentinelRoutes({
      identity: {} as never,
      access: {} as never,
      intake: slowIntake,
      webhookSecret: SECRET,
      nowSeconds: () => Math.floor(Date.now() / 1000),
      maxInFlight: 2,
    });
    const app = createHttpApp({
      logger: createLogger('silent'),
      routers: [],
      rawBodyRouters: [webhook],
      httpsOnly: false,
      phi: PhiGuard.create(),
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sentinel/incidents`;
  });
  afterAll(async () => {
    release();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 429 with Retry-After beyond the in-flight limit, and serves the rest once free', async () => {
    const body = '{}';
    const send = () =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signBody(SECRET, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
    const held = [send(), send()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([202, 202]);
    expect((await send()).status).toBe(202);
  });
});
