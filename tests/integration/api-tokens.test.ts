import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { createEntraVerifier } from '../../bot/src/identity/tokens.js';
import { PEOPLE } from '../helpers/activities.js';
import { ENGINES } from '../helpers/engines.js';
import { type HttpAnswer, startTestService, type TestService } from '../helpers/service.js';

const TENANT = '5f1e2d3c-0000-4000-8000-00000000beef';
const OTHER_TENANT = '5f1e2d3c-0000-4000-8000-00000000dead';
const API_CLIENT_ID = '9a8b7c6d-0000-4000-8000-0000000000a9';
const KID = 'entra-test-key';
const CLINICIAN = { oid: PEOPLE.clinician.aadObjectId, name: 'Casey Clinician' };

type Key = Awaited<ReturnType<typeof generateKeyPair>>;
type Tokens = { signed: Key; other: Key };

/** A token as Entra issues it for this app, with `changes` applied (undefined removes a claim). */
async function entraToken(
  tokens: Tokens,
  changes: JWTPayload = {},
  key = tokens.signed,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: API_CLIENT_ID,
    tid: TENANT,
    oid: CLINICIAN.oid,
    name: CLINICIAN.name,
    preferred_username: PEOPLE.clinician.upn ?? undefined,
    roles: ['ClinicalUser', 'Tenant.Admin'],
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    uti: randomUUID(),
    ver: '2.0',
    ...changes,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID })
    .sign(key.privateKey);
}

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** Error bodies are `{"error":{"code","message"}}` and never carry a stack. */
function expectCleanError(answer: HttpAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(answer.text).not.toMatch(/\n\s+at |Error:|node_modules|\.ts:\d/);
}

describe.each(ENGINES)('Entra bearer tokens on /api/me ($name)', (engine) => {
  let t: TestService;
  let tokens: Tokens;

  beforeAll(async () => {
    tokens = {
      signed: await generateKeyPair('RS256', { extractable: true }),
      other: await generateKeyPair('RS256', { extractable: true }),
    };
    const jwk = {
      ...(await exportJWK(tokens.signed.publicKey)),
      kid: KID,
      alg: 'RS256',
      use: 'sig',
    };
    const tokenVerifier = createEntraVerifier({
      tenantId: TENANT,
      audiences: [API_CLIENT_ID],
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    t = await startTestService({ engine, overrides: { tokenVerifier } });
  });
  afterAll(async () => t?.dispose());

  const me = (headers: Record<string, string>) => t.get('/api/me', headers);
  const bearer = (token: string, requestId: string) => ({
    authorization: `Bearer ${token}`,
    'x-request-id': requestId,
  });

  it('accepts a valid token and answers with the roles and permissions it gives', async () => {
    const answer = await me(bearer(await entraToken(tokens), 'valid-token'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      user: { aadObjectId: CLINICIAN.oid, name: CLINICIAN.name, upn: PEOPLE.clinician.upn },
      roles: ['ClinicalUser'],
      permissions: { personal: 'none', business: 'read', clinical: 'readwrite', system: 'none' },
    });
    const [signIn] = (await t.audit('auth.token')).filter((e) => e.requestId === 'valid-token');
    expect(signIn).toMatchObject({ outcome: 'allowed', actor: { id: CLINICIAN.oid } });
  });

  it('accepts the v1 issuer Entra uses for v1 tokens', async () => {
    const token = await entraToken(tokens, {
      iss: `https://sts.windows.net/${TENANT}/`,
      ver: '1.0',
    });
    expect((await me(bearer(token, 'v1-token'))).status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  /** [case, status, code, what the message says, the token (null: no header)] */
  const refusals: [string, number, string, RegExp, (k: Tokens) => Promise<string | null>][] = [
    [
      'expired',
      401,
      'token_invalid',
      /has expired/,
      (k) => entraToken(k, { iat: now() - 7200, exp: now() - 3600 }),
    ],
    [
      'for another audience',
      401,
      'token_invalid',
      /aud claim/,
      (k) => entraToken(k, { aud: 'api://someone-else' }),
    ],
    [
      'from another tenant',
      401,
      'token_invalid',
      /iss claim/,
      (k) =>
        entraToken(k, {
          iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
          tid: OTHER_TENANT,
        }),
    ],
    [
      'signed by another key',
      401,
      'token_invalid',
      /signature does not verify/,
      (k) => entraToken(k, {}, k.other),
    ],
    [
      'unsigned (alg none)',
      401,
      'token_invalid',
      /algorithm that is not allowed/,
      async (k) => {
        const [, payload] = (await entraToken(k)).split('.');
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      },
    ],
    [
      'HS256 keyed with the public key',
      401,
      'token_invalid',
      /algorithm that is not allowed/,
      async (k) => {
        const pem = new TextEncoder().encode(await exportSPKI(k.signed.publicKey));
        const [, payload] = (await entraToken(k)).split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as JWTPayload;
        return new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: KID })
          .sign(pem);
      },
    ],
    [
      'without any role of this app',
      403,
      'forbidden',
      /no Life Cockpit role/,
      (k) => entraToken(k, { roles: ['Tenant.Admin'] }),
    ],
    [
      'without a roles claim',
      403,
      'forbidden',
      /no Life Cockpit role/,
      (k) => entraToken(k, { roles: undefined }),
    ],
    [
      'missing (no Authorization header)',
      401,
      'unauthenticated',
      /Sign in first/,
      async () => null,
    ],
  ];

  it.each(refusals)('refuses a token %s and audits it', async (name, status, code, says, make) => {
    const token = await make(tokens);
    const requestId = `refused-${name.replace(/[^a-z0-9]+/gi, '-')}`;
    const answer = await me(
      token === null ? { 'x-request-id': requestId } : bearer(token, requestId),
    );
    expectCleanError(answer, status, code);
    expect(answer.body.error.message).toMatch(says);

    const entries = (await t.audit()).filter((e) => e.requestId === requestId);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'auth.token', outcome: 'denied', channel: 'tab' }),
    ]);
  });
});

describe.each(ENGINES)('local dev sign-in ($name)', (engine) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ engine });
  });
  afterAll(async () => t?.dispose());

  it('gives a demo user a token that works on /api/me', async () => {
    const issued = await t.post('/api/dev/token', { aadObjectId: PEOPLE.owner.aadObjectId });
    expect(issued.status).toBe(200);
    expect(Date.parse(issued.body.expiresAt)).toBeGreaterThan(Date.now());
    const answer = await t.get('/api/me', { authorization: `Bearer ${issued.body.token}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      user: { aadObjectId: PEOPLE.owner.aadObjectId, name: PEOPLE.owner.name },
      roles: ['PracticeOwner'],
      permissions: { personal: 'full', business: 'full', clinical: 'full', system: 'full' },
    });
  });

  it('refuses a user who is not in the directory with 404', async () => {
    const answer = await t.post('/api/dev/token', { aadObjectId: PEOPLE.stranger.aadObjectId });
    expectCleanError(answer, 404, 'unknown_user');
  });

  it('refuses a body without aadObjectId with 400 naming the field', async () => {
    const answer = await t.post('/api/dev/token', {});
    expectCleanError(answer, 400, 'bad_request');
    expect(answer.body.error.message).toContain('aadObjectId');
  });

  it('does not exist when DEV_SIGN_IN=0', async () => {
    const off = await startTestService({ engine, env: { DEV_SIGN_IN: '0' } });
    try {
      const answer = await off.post('/api/dev/token', { aadObjectId: PEOPLE.owner.aadObjectId });
      expectCleanError(answer, 404, 'not_found');
    } finally {
      await off.dispose();
    }
  });
});
