import { loadConfig } from '../../bot/src/config.js';
import { startService } from '../../bot/src/main.js';

/**
 * The real service in its own process, for the intake benchmarks: configured from the
 * environment the parent sets (local mode, LOG_LEVEL silent, DATA_DIR, DATABASE_URL…), it tells
 * the parent its URL over IPC and stops gracefully on `stop`.
 */
const service = await startService(loadConfig(process.env));
process.send?.({ url: service.url });
process.on('message', (message) => {
  if (message !== 'stop') return;
  service.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.on('disconnect', () => {
  void service.close().finally(() => process.exit(0));
});
