import fs from 'node:fs';
import path from 'node:path';
import { signBody } from '../sentinel/webhook-signature.js';

/**
 * `cockpit replay <file|dir> [--rate N] [--url U]`: signs Sentinel trigger bodies with the
 * webhook secret and posts them, as a Sentinel playbook would. Files go in name order; `--rate`
 * is bodies per second (default 10). Exit 1 if any body was not accepted.
 */
export async function runReplay(
  args: string[],
  options: {
    secret: string;
    defaultUrl: string;
    out: NodeJS.WritableStream;
    err: NodeJS.WritableStream;
  },
): Promise<number> {
  const flags = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--rate' || arg === '--url') flags.set(arg, args[++i] ?? '');
    else paths.push(arg);
  }
  const rate = Number(flags.get('--rate') ?? 10);
  const url = flags.get('--url') ?? options.defaultUrl;
  if (paths.length !== 1 || !Number.isFinite(rate) || rate <= 0 || !/^https?:\/\//.test(url)) {
    options.err.write(
      'Usage: cockpit replay <file|dir> [--rate N] [--url http://host:port/api/sentinel/incidents]\n',
    );
    return 2;
  }
  const target = paths[0] as string;
  if (!fs.existsSync(target)) {
    options.err.write(`replay: ${target} does not exist.\n`);
    return 2;
  }
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  let failures = 0;
  for (const file of files) {
    const body = fs.readFileSync(file);
    const started = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signBody(options.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      const text = await response.text();
      options.out.write(`${path.basename(file)}: ${response.status} ${text}\n`);
      if (response.status !== 202) failures += 1;
    } catch (error) {
      options.err.write(
        `${path.basename(file)}: cannot reach ${url} (${(error as Error).message})\n`,
      );
      failures += 1;
    }
    const wait = 1000 / rate - (Date.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return failures > 0 ? 1 : 0;
}
