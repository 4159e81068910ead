import type { TokenCredential } from '@azure/core-auth';
import { isRole, type Role } from '../../../core/access/index.js';
import type { DirectoryUser, RoleDirectory } from '../identity/directory.js';
import type { DirectoryCacheRepository } from '../store/directory-cache-repo.js';

/** Options of {@link GraphRoleDirectory}; time and transport are inputs so tests can drive them. */
export interface GraphRoleDirectoryOptions {
  credential: TokenCredential;
  /** Origin (and optional path prefix) of Microsoft Graph; the only place the token is sent. */
  graphBaseUrl?: string;
  /** Client id of the app registration that defines PracticeOwner, ClinicalUser, … */
  apiClientId: string;
  cache: DirectoryCacheRepository;
  ttlSeconds: number;
  clock: () => Date;
  fetch?: typeof fetch;
  /**
   * `direct` (default) matches what Entra ID puts in the `roles` claim: a role assigned to a group
   * reaches that group's direct members only. `transitive` also counts nested groups, so chat
   * would grant more than the tab's token does; use it only if that is wanted.
   */
  groupMembership?: 'direct' | 'transitive';
}

/** The token is always for Graph itself, whatever base URL (a test fake) the requests go to. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const MAX_TRIES = 3;
// A chat turn waits on this lookup; a longer Retry-After is reported as a failure instead.
const MAX_RETRY_WAIT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ServicePrincipal {
  id: string;
  roleById: Map<string, Role>;
}
interface Assignment {
  principalId: string;
  principalType: string;
  appRoleId: string;
}

/** Azure mode: a chat user's app roles, read from Microsoft Graph and cached in the store. */
export class GraphRoleDirectory implements RoleDirectory {
  private readonly baseHref: string;
  private readonly base: URL;
  private readonly fetchFn: typeof fetch;
  private sp: { value: Promise<ServicePrincipal>; expiresAt: number } | null = null;

  constructor(private readonly options: GraphRoleDirectoryOptions) {
    this.baseHref = (options.graphBaseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
    this.base = new URL(this.baseHref);
    // The bearer token must never cross the network in clear text; plain http is for local fakes.
    if (this.base.protocol !== 'https:' && !LOOPBACK.has(this.base.hostname)) {
      throw new Error(`graphBaseUrl ${this.base.origin} must use https`);
    }
    this.fetchFn = options.fetch ?? fetch;
  }

  async lookup(aadObjectId: string): Promise<DirectoryUser | null> {
    // Teams always sends a GUID; anything else would let a caller steer the Graph path.
    if (!GUID.test(aadObjectId)) return null;
    const id = aadObjectId.toLowerCase();
    const cached = await this.options.cache.get(id, this.options.clock());
    if (cached) return cached;

    const token = await this.token();
    const user = await this.get<{ id: string; displayName?: string; userPrincipalName?: string }>(
      token,
      `/v1.0/users/${id}?$select=id,displayName,userPrincipalName`,
      'reading the user',
      true,
    );
    if (!user) return null;
    const sp = await this.servicePrincipal(token);
    const membership =
      this.options.groupMembership === 'transitive' ? 'transitiveMemberOf' : 'memberOf';
    const [groups, assignments] = await Promise.all([
      this.list<{ id: string }>(
        token,
        `/v1.0/users/${id}/${membership}/microsoft.graph.group?$select=id`,
        'reading group memberships',
      ),
      this.list<Assignment>(
        token,
        `/v1.0/servicePrincipals/${encodeURIComponent(sp.id)}/appRoleAssignedTo`,
        'reading app role assignments',
      ),
    ]);
    const groupIds = new Set(groups.map((g) => g.id.toLowerCase()));
    const roles = new Set<Role>();
    for (const a of assignments) {
      const principal = a.principalId.toLowerCase();
      const mine =
        (a.principalType === 'User' && principal === user.id.toLowerCase()) ||
        (a.principalType === 'Group' && groupIds.has(principal));
      const role = mine ? sp.roleById.get(a.appRoleId.toLowerCase()) : undefined;
      if (role) roles.add(role);
    }
    const result: DirectoryUser = {
      aadObjectId: id,
      name: user.displayName ?? user.userPrincipalName ?? id,
      upn: user.userPrincipalName ?? null,
      roles: [...roles].sort(),
    };
    await this.options.cache.put(result, this.options.clock(), this.options.ttlSeconds);
    return result;
  }

  private async token(): Promise<string> {
    let token;
    try {
      token = await this.options.credential.getToken(GRAPH_SCOPE);
    } catch (error) {
      throw new Error(
        `Microsoft Graph role lookup: getting a Graph token failed (${(error as Error).message})`,
      );
    }
    if (!token?.token)
      throw new Error('Microsoft Graph role lookup: the credential returned no Graph token');
    return token.token;
  }

  /** The app's service principal and its role ids, kept in memory for ttlSeconds. */
  private servicePrincipal(token: string): Promise<ServicePrincipal> {
    const now = this.options.clock().getTime();
    if (this.sp && this.sp.expiresAt > now) return this.sp.value;
    const appId = encodeURIComponent(this.options.apiClientId);
    const value = this.get<{
      id: string;
      appRoles?: { id: string; value?: string | null; isEnabled?: boolean }[];
    }>(
      token,
      `/v1.0/servicePrincipals(appId='${appId}')?$select=id,appRoles`,
      `reading the service principal of app ${this.options.apiClientId}`,
      false,
    ).then((found) => {
      // Disabled roles are not issued in tokens, so they grant nothing here either.
      const roles = (found!.appRoles ?? []).filter(
        (r) => r.isEnabled !== false && r.value && isRole(r.value),
      );
      return {
        id: found!.id,
        roleById: new Map(roles.map((r) => [r.id.toLowerCase(), r.value as Role])),
      };
    });
    const entry = { value, expiresAt: now + this.options.ttlSeconds * 1000 };
    this.sp = entry;
    // A failure must not stick for the whole TTL.
    value.catch(() => {
      if (this.sp === entry) this.sp = null;
    });
    return value;
  }

  /** Every item of a collection, following `@odata.nextLink`. */
  private async list<T>(token: string, path: string, what: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value?: T[]; '@odata.nextLink'?: string } | null = await this.get(
        token,
        next,
        what,
        false,
      );
      items.push(...(page?.value ?? []));
      next = page?.['@odata.nextLink'];
    }
    return items;
  }

  /** One GET with bounded retries on throttling; null on 404 when `notFoundIsNull`. */
  private async get<T>(
    token: string,
    pathOrUrl: string,
    what: string,
    notFoundIsNull: boolean,
  ): Promise<T | null> {
    const url = this.resolve(pathOrUrl, what);
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await this.fetchFn(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          // A redirect could carry the token to another host.
          redirect: 'manual',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new Error(`Microsoft Graph ${what} failed: ${(error as Error).message}`);
      }
      if (response.ok) {
        try {
          return (await response.json()) as T;
        } catch {
          throw new Error(`Microsoft Graph ${what} failed: the answer is not JSON`);
        }
      }
      if (response.status === 404 && notFoundIsNull) return null;
      const detail = await graphError(response);
      if ((response.status === 429 || response.status === 503) && attempt < MAX_TRIES) {
        const waitMs = retryAfterMs(response.headers.get('retry-after'), this.options.clock());
        if (waitMs <= MAX_RETRY_WAIT_MS) {
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          continue;
        }
      }
      throw new Error(
        `Microsoft Graph ${what} failed: HTTP ${response.status}${detail}${attempt > 1 ? ` (after ${attempt} tries)` : ''}`,
      );
    }
  }

  /** Relative paths and nextLinks alike must stay on graphBaseUrl, the only holder of the token. */
  private resolve(pathOrUrl: string, what: string): string {
    const url = new URL(pathOrUrl.startsWith('/') ? this.baseHref + pathOrUrl : pathOrUrl);
    const prefix = this.base.pathname.replace(/\/$/, '') + '/';
    if (url.origin !== this.base.origin || !url.pathname.startsWith(prefix)) {
      throw new Error(
        `Microsoft Graph ${what} failed: refusing to follow a link outside ${this.base.origin}`,
      );
    }
    return url.href;
  }
}

/** Graph's `{"error":{"code","message"}}` as text for an error message; never the request. */
async function graphError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    const { code, message } = body.error ?? {};
    const text = code || message ? ` ${code ?? ''}: ${message ?? ''}`.trimEnd() : '';
    return text.slice(0, 300);
  } catch {
    return '';
  }
}

/** Retry-After as seconds or an HTTP date; absent or unreadable means one second. */
function retryAfterMs(header: string | null, now: Date): number {
  if (header === null || header.trim() === '') return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now.getTime());
}
