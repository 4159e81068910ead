import { Router } from 'express';
import type { Store } from '../store/database.js';

/** `/healthz`: the process lives. `/readyz`: store reachable and migrations applied. */
export function healthRoutes(deps: {
  store: Store;
  isShuttingDown: () => boolean;
  /** Outbox detail: pending calls and the dead-letter count (visible to operators). */
  outbox: () => Promise<{ pending: number; deadLetters: number }>;
  /** Sentinel write-back queue, when write-back is on: pending and dead-lettered changes. */
  writeback: (() => Promise<{ pending: number; dead: number }>) | null;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const store = await deps.store.readiness();
    const outbox =
      store.reachable && store.pendingMigrations.length === 0
        ? await deps.outbox().catch(() => null)
        : null;
    const writeback =
      deps.writeback && store.reachable && store.pendingMigrations.length === 0
        ? await deps.writeback().catch(() => null)
        : null;
    const ready = store.reachable && store.pendingMigrations.length === 0 && !deps.isShuttingDown();
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      store: {
        engine: deps.store.engine,
        reachable: store.reachable,
        pendingMigrations: store.pendingMigrations,
      },
      outbox,
      ...(deps.writeback ? { writeback } : {}),
      shuttingDown: deps.isShuttingDown(),
    });
  });
  return router;
}
