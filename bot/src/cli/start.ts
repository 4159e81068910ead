import type { ChildProcess } from 'node:child_process';
import { ConfigError, loadConfig } from '../config.js';
import { DEMO_DIRECTORY, LocalDirectory } from '../identity/directory.js';
import { createLogger } from '../logger.js';
import { startService } from '../main.js';
import { packageRoot } from '../paths.js';
import { startPlayground } from './playground.js';
import { runReplay } from './replay.js';
import path from 'node:path';
import { Writable } from 'node:stream';

/** `npm start`: local mode with the Playground and the demo feed. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(undefined, { DEMO_FEED: '1', PLAYGROUND: '1' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const service = await startService(config, { logger });
  let playground: ChildProcess | null = null;
  if (config.playground && config.mode === 'local') {
    const users = config.localDirectoryFile
      ? LocalDirectory.fromFile(config.localDirectoryFile).users
      : DEMO_DIRECTORY;
    playground = startPlayground({
      rootDir: packageRoot(),
      dataDir: config.dataDir,
      botEndpoint: `${service.url}/api/messages`,
      port: config.playgroundPort,
      users,
      logger,
    });
  }
  const lines = [
    '',
    'Life Cockpit Security is running (' + config.mode + ' mode, ' + service.store.engine + ').',
    playground
      ? `  Chat (Agents Playground): http://127.0.0.1:${config.playgroundPort}  — type "help"`
      : '  Chat: Playground off (PLAYGROUND=0)',
    `  Dashboard:                ${service.url}/tab`,
    `  Health:                   ${service.url}/healthz`,
    config.demoFeed
      ? '  Demo feed: the sample Sentinel incidents in samples/sentinel arrive over the next seconds.'
      : '',
    '',
  ];
  process.stdout.write(lines.filter((l) => l !== '').join('\n') + '\n\n');

  if (config.demoFeed && service.webhookSecret) {
    // The samples go through the real webhook, signed like a Sentinel playbook would sign them.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logger.info({ demoFeed: chunk.toString().trim().slice(0, 200) }, 'demo feed');
        done();
      },
    });
    const url = `${service.url}/api/sentinel/incidents`;
    runReplay([path.join(packageRoot(), 'samples', 'sentinel'), '--rate', '1', '--url', url], {
      secret: service.webhookSecret,
      defaultUrl: url,
      out: sink,
      err: sink,
    }).catch((error: unknown) => logger.warn({ err: error }, 'demo feed failed'));
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    playground?.kill('SIGTERM');
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
});
