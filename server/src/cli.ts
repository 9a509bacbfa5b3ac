#!/usr/bin/env node
/**
 * `source-anchors` — the command line over the same engine as the language server.
 *
 *     source-anchors check [--corpus PATH]... [--format text|json|github|sarif] [PATH...]
 *
 * Exit codes: 0 nothing at error level, 1 errors found, 2 usage error or unreadable corpus.
 */
import { runCli } from './cli/run.js';

runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`source-anchors: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
