/** Types for scripts/corpus-fidelity.mjs, so tests can import it. */
export function checkCorpus(
  repoRoot: string,
  options?: { seedsDir?: string },
): { failures: string[]; report: string[] };
