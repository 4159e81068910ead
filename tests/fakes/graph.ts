import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Directory content the fake Graph serves. */
export interface GraphFakeOptions {
  appClientId: string;
  appRoles: { id: string; value: string; isEnabled?: boolean }[];
  users: { id: string; displayName: string; userPrincipalName: string }[];
  /** `members` holds user ids and group ids; a group inside a group is a nested group. */
  groups: { id: string; members: string[] }[];
  assignments: { principalId: string; principalType: 'User' | 'Group'; appRoleId: string }[];
  /** Items per page before an `@odata.nextLink`; default 100 like Graph. */
  pageSize?: number;
  /** When set, any other bearer token is refused with 401. */
  token?: string;
}

/** One request as the fake saw it. */
export interface GraphFakeRequest {
  method: string;
  url: string;
  authorization: string | undefined;
}

/** A running fake; `url` is its base, to pass as `graphBaseUrl`. */
export interface GraphFake {
  url: string;
  requests: GraphFakeRequest[];
  close(): Promise<void>;
  /** The next request gets this status, a Graph error body and, when given, `Retry-After`. */
  failNext(status: number, retryAfterSeconds?: number): void;
}

const SP_ID = 'f1f1f1f1-0000-4000-8000-00000000005a';
const ERROR_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  404: 'Request_ResourceNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

/**
 * A local stand-in for the Microsoft Graph v1.0 endpoints the role lookup calls, speaking the
 * real wire format (OData collections, `@odata.nextLink` paging, `{"error":{…}}` bodies).
 */
export async function startGraphFake(options: GraphFakeOptions): Promise<GraphFake> {
  const pageSize = options.pageSize ?? 100;
  const requests: GraphFakeRequest[] = [];
  const failures: { status: number; retryAfter: number | undefined }[] = [];
  let base = '';

  const send = (res: http.ServerResponse, status: number, body: unknown, headers = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, message: string, headers = {}): void =>
    send(res, status, { error: { code: ERROR_CODES[status] ?? 'UnknownError', message } }, headers);

  /** An OData page: `$skiptoken` is an offset here, opaque to clients as in Graph. */
  const page = (res: http.ServerResponse, url: URL, context: string, items: unknown[]): void => {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const body: Record<string, unknown> = {
      '@odata.context': `${base}/v1.0/$metadata#${context}`,
      value: items.slice(skip, skip + pageSize),
    };
    if (skip + pageSize < items.length) {
      const next = new URL(url.href);
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      body['@odata.nextLink'] = next.href;
    }
    send(res, 200, body);
  };

  const groupsOf = (principalId: string, transitive: boolean): string[] => {
    const found = new Set<string>();
    let frontier = [principalId];
    while (frontier.length > 0) {
      const direct = options.groups.filter(
        (g) => !found.has(g.id) && g.members.some((m) => frontier.includes(m)),
      );
      direct.forEach((g) => found.add(g.id));
      frontier = transitive ? direct.map((g) => g.id) : [];
    }
    return [...found];
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? '', url: url.pathname + url.search, authorization });

    if (!authorization?.startsWith('Bearer ') || authorization.length <= 'Bearer '.length) {
      return fail(res, 401, 'Access token is empty.');
    }
    if (options.token && authorization !== `Bearer ${options.token}`) {
      return fail(res, 401, 'Access token validation failure. Invalid audience.');
    }
    const failure = failures.shift();
    if (failure) {
      const headers =
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      return fail(res, failure.status, 'Injected failure.', headers);
    }
    if (req.method !== 'GET') return fail(res, 405, 'Only GET is faked.');

    const path = decodeURIComponent(url.pathname);
    const sp = /^\/v1\.0\/servicePrincipals\(appId='([^']+)'\)$/.exec(path);
    if (sp) {
      if (sp[1] !== options.appClientId)
        return fail(res, 404, `Resource '${sp[1]}' does not exist.`);
      return send(res, 200, {
        '@odata.context': `${base}/v1.0/$metadata#servicePrincipals(id,appRoles)/$entity`,
        id: SP_ID,
        appRoles: options.appRoles.map((r) => ({
          allowedMemberTypes: ['User'],
          displayName: r.value,
          id: r.id,
          isEnabled: r.isEnabled ?? true,
          value: r.value,
        })),
      });
    }
    if (path === `/v1.0/servicePrincipals/${SP_ID}/appRoleAssignedTo`) {
      const items = options.assignments.map((a, i) => ({
        id: `assignment-${i}`,
        appRoleId: a.appRoleId,
        principalId: a.principalId,
        principalType: a.principalType,
        resourceId: SP_ID,
      }));
      return page(res, url, 'servicePrincipals/appRoleAssignedTo', items);
    }
    const user =
      /^\/v1\.0\/users\/([^/]+)(?:\/(memberOf|transitiveMemberOf)\/microsoft\.graph\.group)?$/.exec(
        path,
      );
    if (user) {
      const found = options.users.find((u) => u.id.toLowerCase() === user[1]!.toLowerCase());
      if (!found) {
        return fail(
          res,
          404,
          `Resource '${user[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
      if (!user[2]) {
        return send(res, 200, {
          '@odata.context': `${base}/v1.0/$metadata#users/$entity`,
          ...found,
        });
      }
      const groups = groupsOf(found.id, user[2] === 'transitiveMemberOf').map((id) => ({
        '@odata.type': '#microsoft.graph.group',
        id,
      }));
      return page(res, url, 'groups(id)', groups);
    }
    return fail(res, 400, `Resource not found for the segment '${path}'.`);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    failNext: (status, retryAfterSeconds) =>
      failures.push({ status, retryAfter: retryAfterSeconds }),
  };
}
