import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One query as the fake received it. */
export interface LogAnalyticsQuery {
  workspaceId: string;
  query: string;
  timespan: string | undefined;
  authorization: string | undefined;
}

/** A running fake of the Log Analytics query API; `endpoint` (with `/v1`) goes to the client. */
export interface LogAnalyticsFake {
  endpoint: string;
  queries: LogAnalyticsQuery[];
  /** The `SecurityIncident` rows the workspace holds (one per change, as Log Analytics keeps). */
  setRows(rows: Record<string, unknown>[]): void;
  /** The next request is answered with this status and an error body. */
  failNext(status: 429 | 500 | number): void;
  close(): Promise<void>;
}

const DATETIME = /time$|^timegenerated$/i;
const DYNAMIC = new Set(['owner', 'labels', 'alertids', 'additionaldata', 'comments', 'tasks']);
const INT = new Set(['incidentnumber']);

function columnType(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'timegenerated' || DATETIME.test(lower)) return 'datetime';
  if (DYNAMIC.has(lower)) return 'dynamic';
  if (INT.has(lower)) return 'int';
  return 'string';
}

function cell(type: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'dynamic') return typeof value === 'string' ? value : JSON.stringify(value);
  if (type === 'datetime' && value instanceof Date) return value.toISOString();
  return value;
}

const ERROR_CODES: Record<number, string> = {
  400: 'BadArgumentError',
  429: 'ThrottledError',
  500: 'InternalServerError',
};

/**
 * `POST /v1/workspaces/{id}/query` with `{query, timespan}`. It reads what the poller's query
 * asks: `TimeGenerated > datetime(…)`, the latest row per `IncidentName`, ascending
 * `TimeGenerated`, `take N`; other query text is ignored.
 */
export async function startLogAnalyticsFake(): Promise<LogAnalyticsFake> {
  let rows: Record<string, unknown>[] = [];
  const queries: LogAnalyticsQuery[] = [];
  let failures: number[] = [];

  const answer = (query: string): unknown => {
    const time = (row: Record<string, unknown>): number =>
      Date.parse(String(row.TimeGenerated ?? ''));
    const since = /TimeGenerated\s*>\s*datetime\(([^)]+)\)/i.exec(query)?.[1];
    let selected = since ? rows.filter((row) => time(row) > Date.parse(since)) : [...rows];
    if (/arg_max\(TimeGenerated,\s*\*\)\s*by\s+IncidentName/i.test(query)) {
      const latest = new Map<unknown, Record<string, unknown>>();
      for (const row of selected) {
        const seen = latest.get(row.IncidentName);
        if (!seen || time(row) >= time(seen)) latest.set(row.IncidentName, row);
      }
      selected = [...latest.values()];
    }
    selected.sort((a, b) => time(a) - time(b));
    const take = /\|\s*take\s+(\d+)/i.exec(query)?.[1];
    if (take) selected = selected.slice(0, Number(take));
    const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const columns = names.map((name) => ({ name, type: columnType(name) }));
    return {
      tables: [
        {
          name: 'PrimaryResult',
          columns,
          rows: selected.map((row) => columns.map((c) => cell(c.type, row[c.name]))),
        },
      ],
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const match = /^\/v1\/workspaces\/([^/?]+)\/query(\?.*)?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        send(404, { error: { code: 'PathNotFoundError', message: 'not found' } });
        return;
      }
      let body: { query?: unknown; timespan?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        send(400, { error: { code: 'BadArgumentError', message: 'body is not JSON' } });
        return;
      }
      const query = typeof body.query === 'string' ? body.query : '';
      queries.push({
        workspaceId: decodeURIComponent(match[1]!),
        query,
        timespan: typeof body.timespan === 'string' ? body.timespan : undefined,
        authorization: req.headers.authorization,
      });
      const failure = failures.shift();
      if (failure !== undefined) {
        if (failure === 429) res.setHeader('retry-after', '1');
        send(failure, {
          error: { code: ERROR_CODES[failure] ?? 'Error', message: `fake failure ${failure}` },
        });
        return;
      }
      if (query.trim() === '') {
        send(400, { error: { code: 'BadArgumentError', message: 'query is required' } });
        return;
      }
      send(200, answer(query));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1`,
    queries,
    setRows: (next) => {
      rows = next.map((row) => ({ ...row }));
    },
    failNext: (status) => {
      failures.push(status);
    },
    close: async () => {
      failures = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
