/**
 * What `import` prints when a re-import would break citations and `--force` was not given (a
 * source's or a library's): each broken citation on standard error, then why nothing was written.
 */
import type { CliIo } from './run.js';

/** Prints the refusal; the caller exits 1. `broken` is `brokenCitations`' lines. */
export function writeRefusal(io: CliIo, broken: readonly string[], dryRun: boolean): void {
  io.stderr.write(broken.map((l) => (l.startsWith('  ') ? `${l}\n` : `source-anchors: ${l}\n`)).join(''));
  io.stderr.write(
    dryRun
      ? 'source-anchors: (dry run) the import would be refused without --force\n'
      : 'source-anchors: nothing written (pass --force to write it anyway)\n',
  );
}
