#!/usr/bin/env node
/**
 * `source-anchors` — the command line over the same engine as the language server.
 *
 *     source-anchors check [--corpus PATH]... [--format text|json|github|sarif] [PATH...]
 *
 * Exit codes: 0 nothing at error level, 1 errors found, 2 usage error or unreadable corpus.
 */
import { runCli } from './cli/run.js';

// A reader that stops early (`source-anchors check | head`) closes the pipe: stop there, quietly,
// with the status of a filter its pipe closed (141, 128 + SIGPIPE, as `yes | head` leaves), so a
// `set -o pipefail` script still sees that the report was not all delivered, instead of dying on
// the write error with a stack trace. (Under `mcp`, stdout is the protocol's own transport.)
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode || 141);
});

runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`source-anchors: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
