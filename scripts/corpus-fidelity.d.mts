/** Types for scripts/corpus-fidelity.mjs, so tests can import it. */
export function checkCorpus(
  repoRoot: string,
  options?: { seedsDir?: string },
): { failures: string[]; report: string[] };
/** test/fixtures/originals: the copy of the seeds kept in the repository. */
export function fixtureSeedsDir(repoRoot: string): string;
/** $SOURCE_ANCHORS_SEEDS, else ../shared/seeds, when that folder exists; else undefined. */
export function sharedSeedsDir(repoRoot: string): string | undefined;
/** The shared seeds when present, else the repository's copy. */
export function defaultSeedsDir(repoRoot: string): string;
