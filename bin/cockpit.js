#!/usr/bin/env node
// The `cockpit` command line; the TypeScript build (npm run build) produces what it loads.
import { existsSync } from 'node:fs';
const entry = new URL('../dist/bot/src/cli/cockpit.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('cockpit is not built yet: run `npm run build` first.\n');
  process.exit(2);
}
await import(entry.href);
