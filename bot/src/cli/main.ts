import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from '../config.js';
import { Store } from '../store/database.js';
import { AuditRepository } from '../store/audit-repo.js';
import { AuditTrail } from '../services/audit-trail.js';
import { exportAudit } from '../services/audit-export.js';
import { runManifestCommand } from './manifest.js';
import { runPhiSpans, runRedact } from './phi.js';
import { runReplay } from './replay.js';
import { readLocalSecret } from '../local-secrets.js';
import { loadPhiPatterns, PhiGuard } from '../phi/guard.js';

/** Exit codes (SPEC §10): 0 ok, 1 a failure found, 2 bad usage. */
const USAGE = `Usage: cockpit <command>

  migrate                         apply pending store migrations
  audit-verify                    walk the audit chain; exit 1 and name the first broken seq
  audit-export [--format jsonl|csv]  the whole audit trail to stdout
  replay <file|dir> [--rate N] [--url U]  sign and post Sentinel trigger bodies to the webhook
  redact                          text on stdin -> the same text with PHI masked
  phi-spans                       JSON lines {"text"} on stdin -> {"spans":[{start,end,type}]} per line
  manifest --teams-app-id ID --bot-client-id ID --api-client-id ID --hostname HOST [--out DIR]
                                  build the Teams app package (zip)

The store is the one DATA_DIR / DATABASE_URL point at.`;

const LATER: Record<string, string> = {
  report: 'compliance reports',
};

export async function runCli(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env?: Record<string, string | undefined>,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    out.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === 'manifest') return runManifestCommand(args, out, err);
  if (LATER[command]) {
    err.write(
      `cockpit ${command} is not available in this version: it arrives with ${LATER[command]}.\n`,
    );
    return 2;
  }
  if (
    !['migrate', 'audit-verify', 'audit-export', 'redact', 'phi-spans', 'replay'].includes(command)
  ) {
    err.write(`Unknown command "${command}".\n${USAGE}\n`);
    return 2;
  }
  let format: 'jsonl' | 'csv' = 'jsonl';
  if (command === 'audit-export') {
    const i = args.indexOf('--format');
    const value = i >= 0 ? args[i + 1] : 'jsonl';
    if (value !== 'jsonl' && value !== 'csv') {
      err.write('audit-export: --format must be jsonl or csv.\n');
      return 2;
    }
    format = value;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (command === 'replay') {
    const secret =
      config.webhookSecret ?? readLocalSecret(config.dataDir, 'sentinel-webhook-secret');
    if (!secret) {
      err.write(
        'replay: set SENTINEL_WEBHOOK_SECRET, or start the service once in local mode to create one.\n',
      );
      return 2;
    }
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    return runReplay(args, {
      secret,
      defaultUrl: `http://${host}:${config.port}/api/sentinel/incidents`,
      out,
      err,
    });
  }
  if (command === 'redact' || command === 'phi-spans') {
    let guard: PhiGuard;
    try {
      guard = PhiGuard.create(
        config.phiPatternsFile ? loadPhiPatterns(config.phiPatternsFile) : [],
      );
    } catch (error) {
      err.write(`${(error as Error).message}\n`);
      return 2;
    }
    return command === 'redact'
      ? runRedact(guard, input, out)
      : runPhiSpans(guard, input, out, err);
  }
  const store = Store.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    if (command === 'migrate') {
      const applied = await store.migrate();
      out.write(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Store is up to date.\n');
      return 0;
    }
    const readiness = await store.readiness();
    if (!readiness.reachable) {
      err.write(`Cannot reach the store at ${store.location}.\n`);
      return 1;
    }
    if (readiness.pendingMigrations.length > 0) {
      err.write(
        `The store at ${store.location} needs migrations first: run \`cockpit migrate\`.\n`,
      );
      return 1;
    }
    const repo = new AuditRepository(store);
    if (command === 'audit-export') {
      for await (const chunk of exportAudit(repo, format)) out.write(chunk);
      return 0;
    }
    const result = await new AuditTrail(repo, () => new Date(), {
      verifyWorkers: availableParallelism(),
    }).verify();
    out.write(`${JSON.stringify(result)}\n`);
    if (!result.ok) {
      err.write(`Audit chain BROKEN at seq ${result.firstBrokenSeq}: ${result.problem}.\n`);
      return 1;
    }
    err.write(`Audit chain intact: ${result.entries} entries, head ${result.head}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
