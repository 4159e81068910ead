import { runCli } from './main.js';

runCli(process.argv.slice(2), process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cockpit failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
