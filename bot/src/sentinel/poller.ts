import type { LogsQueryClient, LogsTable } from '@azure/monitor-query-logs';
import { Ticker } from '../jobs/ticker.js';
import type { Logger } from 'pino';
import { normaliseRow } from '../../../core/incidents/index.js';
import type { IncidentEventsRepository } from '../store/incident-events-repo.js';
import type { PollerStateRepo } from '../store/poller-state-repo.js';
import { rowToTrigger } from './row-to-trigger.js';

/** The lease and watermark names of the Sentinel poller. */
export const SENTINEL_POLL_LEASE = 'sentinel-poll';
export const SENTINEL_POLL_WATERMARK = 'sentinel-poll';

/** Rows per query; far below Log Analytics' 500,000 rows / ~100 MB per query (SPEC §11). */
export const POLL_ROW_LIMIT = 5000;

export interface SentinelPollerOptions {
  /** The Log Analytics client (the real `LogsQueryClient` in production). */
  client: Pick<LogsQueryClient, 'queryWorkspace'>;
  workspaceId: string;
  events: IncidentEventsRepository;
  state: PollerStateRepo;
  /** Called after a tick stored at least one new event (starts incident processing). */
  onAccepted: () => void;
  clock: () => Date;
  /** This instance's name in the lease. */
  holder: string;
  /** Between ticks when started; 60 s by default (SPEC §2). */
  intervalMs?: number;
  /** How far before the watermark each query starts (ingestion delay); 10 min by default. */
  overlapMs?: number;
  /** How far back the very first query looks; 1 day by default. */
  initialLookbackMs?: number;
  /** How long a tick's lease lasts; three intervals by default. */
  leaseTtlMs?: number;
  logger?: Logger;
}

export interface PollResult {
  /** False when another instance holds the lease: nothing was queried. */
  leader: boolean;
  rows: number;
  /** New events stored (rows of incident versions not seen before). */
  stored: number;
  /** Rows that are not valid incidents (skipped, logged). */
  invalid: number;
  /** The watermark after the tick. */
  watermark: string | null;
}

/** `2026-11-20T13:42:15.123Z` → KQL `datetime(2026-11-20T13:42:15.123Z)`; only ISO text gets in. */
function kqlDatetime(value: Date): string {
  return `datetime(${value.toISOString()})`;
}

/** The incremental query: the latest row of each incident changed after `since`. */
export function pollQuery(since: Date): string {
  return [
    'SecurityIncident',
    `| where TimeGenerated > ${kqlDatetime(since)}`,
    '| summarize arg_max(TimeGenerated, *) by IncidentName',
    '| order by TimeGenerated asc',
    `| take ${POLL_ROW_LIMIT}`,
  ].join(' ');
}

function rowsOf(table: LogsTable): Record<string, unknown>[] {
  const names = table.columnDescriptors.map((column) => column.name ?? '');
  return table.rows.map((values) =>
    Object.fromEntries(names.map((name, i) => [name, values[i] as unknown])),
  );
}

function timeGenerated(row: Record<string, unknown>): number | null {
  const key = Object.keys(row).find((k) => k.toLowerCase() === 'timegenerated');
  const value = key === undefined ? undefined : row[key];
  if (!(value instanceof Date) && typeof value !== 'string') return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The Sentinel pull intake (SPEC §2): each tick, the instance holding the lease asks Log
 * Analytics for incidents changed since the watermark minus an overlap, stores each as an
 * intake event (idempotent by version key, so the overlap stores nothing twice) and advances
 * the watermark to the latest `TimeGenerated` seen. One query per tick keeps far inside the
 * 200 queries / 30 s limit. A failed query leaves the watermark where it was.
 */
export class SentinelPoller {
  private readonly ticker: Ticker;

  constructor(private readonly options: SentinelPollerOptions) {
    this.ticker = new Ticker(
      () => this.tick(),
      options.intervalMs ?? 60_000,
      (error) => options.logger?.error({ err: error }, 'Sentinel poll failed'),
    );
  }

  private get intervalMs(): number {
    return this.options.intervalMs ?? 60_000;
  }

  async tick(): Promise<PollResult> {
    const o = this.options;
    const now = o.clock();
    const leaseTtlMs = o.leaseTtlMs ?? 3 * this.intervalMs;
    const watermark = await o.state.getWatermark(SENTINEL_POLL_WATERMARK);
    const leader = await o.state.acquireLease(SENTINEL_POLL_LEASE, o.holder, now, leaseTtlMs);
    if (!leader) return { leader: false, rows: 0, stored: 0, invalid: 0, watermark };

    const base =
      watermark !== null && !Number.isNaN(Date.parse(watermark))
        ? Date.parse(watermark)
        : now.getTime() - (o.initialLookbackMs ?? 24 * 60 * 60_000);
    const since = new Date(base - (o.overlapMs ?? 10 * 60_000));
    const endTime = new Date(Math.max(now.getTime(), since.getTime() + 1));
    // A failure throws here, before the watermark moves.
    const result = await o.client.queryWorkspace(o.workspaceId, pollQuery(since), {
      startTime: since,
      endTime,
    });
    const complete = result.status === 'Success';
    const tables = result.status === 'Success' ? result.tables : result.partialTables;
    if (!complete) {
      o.logger?.warn(
        { code: result.status === 'PartialFailure' ? result.partialError.code : undefined },
        'Sentinel poll returned a partial result; the watermark stays',
      );
    }
    const rows = tables[0] ? rowsOf(tables[0]) : [];

    let stored = 0;
    let invalid = 0;
    let latest: number | null = null;
    for (const row of rows) {
      const generated = timeGenerated(row);
      if (generated !== null && (latest === null || generated > latest)) latest = generated;
      const incident = normaliseRow(row);
      if (!incident) {
        invalid += 1;
        continue;
      }
      const accepted = await o.events.accept(
        {
          source: 'poller',
          eventUniqueId: null,
          versionKey: `${incident.armId ?? incident.name}|${incident.lastModifiedAt ?? ''}`,
          eventType: 'Update',
          incidentName: incident.name,
          incidentNumber: incident.number,
          payload: JSON.stringify(rowToTrigger(incident)),
        },
        now,
      );
      if (!accepted.duplicate) stored += 1;
    }
    if (invalid > 0)
      o.logger?.warn({ invalid }, 'Sentinel poll skipped rows that are not incidents');
    if (stored > 0) o.onAccepted();

    let next = watermark;
    const current = watermark === null ? null : Date.parse(watermark);
    if (
      complete &&
      latest !== null &&
      (current === null || Number.isNaN(current) || latest > current)
    ) {
      next = new Date(latest).toISOString();
      await o.state.setWatermark(SENTINEL_POLL_WATERMARK, next, now);
    }
    if (rows.length >= POLL_ROW_LIMIT) {
      o.logger?.warn(
        { rows: rows.length },
        'Sentinel poll hit its row limit; the rest comes next tick',
      );
    }
    return { leader: true, rows: rows.length, stored, invalid, watermark: next };
  }

  /** Ticks on a timer until `stop()`; the timer does not keep the process alive. */
  start(): void {
    this.ticker.start();
  }

  /** Stops ticking, waits for the tick in flight and gives the lease up for another instance. */
  async stop(): Promise<void> {
    const wasRunning = this.ticker.isRunning;
    await this.ticker.stop();
    if (wasRunning) {
      await this.options.state
        .releaseLease(SENTINEL_POLL_LEASE, this.options.holder)
        .catch((error: unknown) =>
          this.options.logger?.warn({ err: error }, 'lease release failed'),
        );
    }
  }
}
