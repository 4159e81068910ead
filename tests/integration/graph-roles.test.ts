import { afterEach, describe, expect, it } from '@jest/globals';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { GRAPH_SCOPE, GraphRoleDirectory } from '../../bot/src/azure/graph-roles.js';
import { DirectoryCacheRepository } from '../../bot/src/store/directory-cache-repo.js';
import { startGraphFake, type GraphFake, type GraphFakeOptions } from '../fakes/graph.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

const TOKEN = 'fake-graph-token-7f3a';
const APP = '11111111-2222-4333-8444-555555555555';
const ROLE = {
  owner: 'a0000000-0000-4000-8000-000000000001',
  clinical: 'a0000000-0000-4000-8000-000000000002',
  business: 'a0000000-0000-4000-8000-000000000003',
  system: 'a0000000-0000-4000-8000-000000000004',
  foreign: 'a0000000-0000-4000-8000-000000000005',
};
const uid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const gid = (n: number): string => `99999999-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number) => ({
  id: uid(n),
  displayName: `Person ${n}`,
  userPrincipalName: `p${n}@clinic.example`,
});

/** A tenant: 1 direct owner, 2 clinical via a nested group, 3 clinical + business, 4 nothing. */
const tenant = (extra: Partial<GraphFakeOptions> = {}): GraphFakeOptions => ({
  appClientId: APP,
  token: TOKEN,
  appRoles: [
    { id: ROLE.owner, value: 'PracticeOwner' },
    { id: ROLE.clinical, value: 'ClinicalUser' },
    { id: ROLE.business, value: 'BusinessUser' },
    { id: ROLE.system, value: 'SystemUser' },
    { id: ROLE.foreign, value: 'Tenant.Admin' },
  ],
  users: [1, 2, 3, 4].map(person),
  groups: [
    { id: gid(1), members: [gid(2)] }, // clinicians ⊃ nurses
    { id: gid(2), members: [uid(2)] },
    { id: gid(3), members: [uid(3)] },
  ],
  assignments: [
    { principalId: uid(1), principalType: 'User', appRoleId: ROLE.owner },
    { principalId: gid(1), principalType: 'Group', appRoleId: ROLE.clinical },
    { principalId: uid(3), principalType: 'User', appRoleId: ROLE.clinical },
    { principalId: gid(3), principalType: 'Group', appRoleId: ROLE.business },
    { principalId: uid(4), principalType: 'User', appRoleId: ROLE.foreign },
  ],
  ...extra,
});

describe.each(ENGINES)('Graph role lookup on $name', (engine) => {
  let t: TestStore | undefined;
  let graph: GraphFake | undefined;
  let now: Date;
  const scopes: (string | string[])[] = [];
  const credential: TokenCredential = {
    getToken: async (scope): Promise<AccessToken> => {
      scopes.push(scope);
      return { token: TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };

  afterEach(async () => {
    await graph?.close();
    await t?.dispose();
    graph = undefined;
    t = undefined;
    scopes.length = 0;
  });

  async function setup(
    extra: Partial<GraphFakeOptions> = {},
    more: { transitive?: boolean; fetch?: typeof fetch } = {},
  ) {
    t = await engine.create();
    graph = await startGraphFake(tenant(extra));
    now = new Date('2026-03-01T12:00:00Z');
    const directory = new GraphRoleDirectory({
      credential,
      graphBaseUrl: graph.url,
      apiClientId: APP,
      cache: new DirectoryCacheRepository(t.store),
      ttlSeconds: 600,
      clock: () => now,
      ...(more.fetch ? { fetch: more.fetch } : {}),
      ...(more.transitive ? { groupMembership: 'transitive' as const } : {}),
    });
    return { directory, graph };
  }

  it('gives a directly assigned user their role, with name and upn, using the Graph token', async () => {
    const { directory, graph } = await setup();
    expect(await directory.lookup(uid(1))).toEqual({
      aadObjectId: uid(1),
      name: 'Person 1',
      upn: 'p1@clinic.example',
      roles: ['PracticeOwner'],
    });
    expect(scopes).toEqual([GRAPH_SCOPE]);
    expect(graph.requests.length).toBeGreaterThanOrEqual(4);
    expect(graph.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('gives roles of a group to its direct members and merges several roles', async () => {
    const { directory } = await setup();
    expect((await directory.lookup(uid(3)))?.roles).toEqual(['BusinessUser', 'ClinicalUser']);
  });

  it('like the roles claim, ignores nested groups unless transitive membership is chosen', async () => {
    const direct = await setup();
    expect((await direct.directory.lookup(uid(2)))?.roles).toEqual([]);
    await graph!.close();
    await t!.dispose();
    const transitive = await setup({}, { transitive: true });
    expect((await transitive.directory.lookup(uid(2)))?.roles).toEqual(['ClinicalUser']);
    expect(transitive.graph.requests.some((r) => r.url.includes('/transitiveMemberOf/'))).toBe(
      true,
    );
  });

  it('answers null for an unknown user and [] for a user with no role of this app', async () => {
    const { directory } = await setup();
    expect(await directory.lookup(uid(77))).toBeNull();
    expect(await directory.lookup(uid(4))).toMatchObject({ aadObjectId: uid(4), roles: [] });
  });

  it('serves a second lookup within the TTL from the store, even to another instance', async () => {
    const { directory, graph } = await setup();
    await directory.lookup(uid(4));
    const before = graph.requests.length;
    expect((await directory.lookup(uid(4)))?.roles).toEqual([]);
    const sibling = new GraphRoleDirectory({
      credential,
      graphBaseUrl: graph.url,
      apiClientId: APP,
      cache: new DirectoryCacheRepository(t!.reopen()),
      ttlSeconds: 600,
      clock: () => now,
    });
    expect((await sibling.lookup(uid(4).toUpperCase()))?.roles).toEqual([]);
    expect(graph.requests.length).toBe(before);
  });

  it('asks Graph again once the TTL has passed', async () => {
    const { directory, graph } = await setup();
    await directory.lookup(uid(1));
    const before = graph.requests.length;
    now = new Date(now.getTime() + 601_000);
    expect((await directory.lookup(uid(1)))?.roles).toEqual(['PracticeOwner']);
    const again = graph.requests.slice(before).map((r) => r.url);
    expect(again.some((u) => u.startsWith(`/v1.0/users/${uid(1)}?`))).toBe(true);
    expect(again.some((u) => u.startsWith('/v1.0/servicePrincipals(appId='))).toBe(true);
  });

  it('waits out a 429 with Retry-After and still answers', async () => {
    const { directory, graph } = await setup();
    graph.failNext(429, 0);
    graph.failNext(503, 0);
    expect((await directory.lookup(uid(1)))?.roles).toEqual(['PracticeOwner']);
  });

  it('gives up after 3 throttled tries, and no error message carries the token', async () => {
    const { directory, graph } = await setup();
    [1, 2, 3].forEach(() => graph.failNext(429, 0));
    const error = (await directory.lookup(uid(1)).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/reading the user failed: HTTP 429 TooManyRequests/);
    expect(error.message).not.toContain(TOKEN);
    expect(graph.requests).toHaveLength(3);

    graph.failNext(500);
    const broken = (await directory.lookup(uid(1)).catch((e: unknown) => e)) as Error;
    expect(broken.message).toMatch(/HTTP 500/);
    expect(broken.message).not.toContain(TOKEN);
  });

  it('follows @odata.nextLink across several pages of groups and assignments', async () => {
    const groups = Array.from({ length: 7 }, (_, i) => ({ id: gid(100 + i), members: [uid(5)] }));
    const assignments = [
      ...Array.from({ length: 9 }, (_, i) => ({
        principalId: uid(200 + i),
        principalType: 'User' as const,
        appRoleId: ROLE.owner,
      })),
      { principalId: gid(106), principalType: 'Group' as const, appRoleId: ROLE.system },
    ];
    const { directory, graph } = await setup({
      users: [person(5)],
      groups,
      assignments,
      pageSize: 3,
    });
    expect((await directory.lookup(uid(5)))?.roles).toEqual(['SystemUser']);
    const pages = graph.requests.filter((r) => r.url.includes('skiptoken'));
    // 7 groups make 3 pages and 10 assignments 4: every page after the first is a nextLink.
    expect(pages.length).toBe(2 + 3);
  });

  it('fake Graph refuses a request without a bearer token, as Graph does', async () => {
    const { graph } = await setup();
    const response = await fetch(`${graph.url}/v1.0/users/${uid(1)}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
    });
  });

  it('never sends the token to a nextLink outside graphBaseUrl', async () => {
    const seen: string[] = [];
    const redirecting: typeof fetch = async (input, init) => {
      seen.push(String(input));
      const response = await fetch(input, init);
      if (!String(input).includes('/memberOf/')) return response;
      const body = { value: [], '@odata.nextLink': 'https://attacker.example/v1.0/steal' };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const { directory } = await setup({}, { fetch: redirecting });
    await expect(directory.lookup(uid(1))).rejects.toThrow(/refusing to follow a link outside/);
    expect(seen.every((u) => u.startsWith(graph!.url))).toBe(true);
  });
});
