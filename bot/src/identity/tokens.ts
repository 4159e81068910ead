import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { isRole, type Role } from '../../../core/access/index.js';
import type { DirectoryUser } from './directory.js';

/** Who a valid bearer token says the caller is. */
export interface TokenIdentity {
  aadObjectId: string;
  name: string;
  upn: string | null;
  kind: 'user' | 'system';
  /** Only the values that are roles of this app; others are ignored. */
  roles: Role[];
  /** Token id (jti/uti) or a digest, for recording each sign-in once. */
  tokenId: string;
}

/** Checks signature, issuer, audience and expiry; throws TokenRejected with the reason. */
export interface TokenVerifier {
  verify(token: string): Promise<TokenIdentity>;
}

export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

type KeyResolver = Parameters<typeof jwtVerify>[1];

/** The one validation path: signature by a trusted key, issuer, audience, expiry, RS/ES only. */
export function createVerifier(options: {
  keys: KeyResolver;
  issuers: string[];
  audiences: string[];
  algorithms: string[];
}): TokenVerifier {
  return {
    async verify(token: string): Promise<TokenIdentity> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys as never, {
          issuer: options.issuers,
          audience: options.audiences,
          algorithms: options.algorithms,
          requiredClaims: ['exp', 'iat'],
          clockTolerance: 30,
        }));
      } catch (error) {
        throw new TokenRejected(describeJoseError(error));
      }
      const oid = typeof payload.oid === 'string' ? payload.oid : null;
      if (!oid) throw new TokenRejected('the token has no oid claim');
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((r): r is Role => typeof r === 'string' && isRole(r))
        : [];
      const upn = [payload.preferred_username, payload.upn].find((v) => typeof v === 'string') as
        string | undefined;
      return {
        aadObjectId: oid,
        name: typeof payload.name === 'string' ? payload.name : (upn ?? oid),
        upn: upn ?? null,
        kind: payload.idtyp === 'app' ? 'system' : 'user',
        roles,
        tokenId: String(payload.uti ?? payload.jti ?? `${oid}:${payload.iat}`),
      };
    },
  };
}

function describeJoseError(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const claim = (error as { claim?: string }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${claim ?? 'claims'} claim is not accepted here`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature does not verify';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token is signed with an algorithm that is not allowed';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'the token was not signed by a trusted key';
    case 'ERR_JWT_INVALID':
    case 'ERR_JWS_INVALID':
      return 'the token is malformed';
    default:
      return 'the token could not be validated';
  }
}

/** Azure mode: Entra ID tokens of this tenant for this app (v1 and v2 issuers). */
export function createEntraVerifier(options: {
  tenantId: string;
  audiences: string[];
  /** For tests: a key set instead of the tenant's JWKS endpoint. */
  keys?: KeyResolver;
  authorityHost?: string;
}): TokenVerifier {
  const host = options.authorityHost ?? 'https://login.microsoftonline.com';
  return createVerifier({
    keys:
      options.keys ??
      createRemoteJWKSet(new URL(`${host}/${options.tenantId}/discovery/v2.0/keys`)),
    issuers: [
      `https://login.microsoftonline.com/${options.tenantId}/v2.0`,
      `https://sts.windows.net/${options.tenantId}/`,
    ],
    audiences: options.audiences,
    algorithms: ['RS256'],
  });
}

export const LOCAL_ISSUER = 'urn:life-cockpit:local-sign-in';
export const LOCAL_AUDIENCE = 'urn:life-cockpit:api';
const LOCAL_TOKEN_SECONDS = 8 * 3600;

/**
 * Local mode's sign-in: tokens shaped like Entra's (oid, name, preferred_username, roles), signed
 * with a key kept in DATA_DIR, checked by the same verifier as Entra tokens.
 */
export class LocalTokenIssuer {
  private constructor(
    private readonly privateJwk: JWK,
    readonly verifier: TokenVerifier,
  ) {}

  static async load(dataDir: string): Promise<LocalTokenIssuer> {
    const file = path.join(dataDir, 'local-signing-key.json');
    let jwk: JWK;
    if (fs.existsSync(file)) {
      jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256' };
      fs.mkdirSync(dataDir, { recursive: true });
      try {
        fs.writeFileSync(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process wrote the key first: use that one.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
      }
    }
    const { d: _private, ...publicJwk } = jwk;
    const verifier = createVerifier({
      keys: createLocalJWKSet({ keys: [publicJwk] }),
      issuers: [LOCAL_ISSUER],
      audiences: [LOCAL_AUDIENCE],
      algorithms: ['ES256'],
    });
    return new LocalTokenIssuer(jwk, verifier);
  }

  async issue(user: DirectoryUser, now: Date): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + LOCAL_TOKEN_SECONDS;
    const key = await importJWK(this.privateJwk, 'ES256');
    const token = await new SignJWT({
      oid: user.aadObjectId,
      name: user.name,
      preferred_username: user.upn ?? undefined,
      roles: user.roles,
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: this.privateJwk.kid ?? 'local' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(user.aadObjectId)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
